// Damaged copies of a real PDF for the fuzz suites (the short one in \`npm test\` and \`npm run fuzz\`).
import fc from 'fast-check';

/** A damage to a PDF of \`length\` bytes: cut short, bytes flipped, or random bytes spliced in. */
export function pdfDamage(original: Uint8Array) {
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: 0, max: original.length }) }),
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.array(fc.integer({ min: 0, max: original.length - 1 }), { minLength: 1, maxLength: 40 }),
    }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.integer({ min: 0, max: original.length }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 400 }),
    }),
  );
}

export type Damage = ReturnType<typeof pdfDamage> extends fc.Arbitrary<infer D> ? D : never;

/** The damaged copy itself (the original is left as it is). */
export function damaged(original: Uint8Array, d: Damage): Uint8Array {
  if (d.kind === 'truncate') return original.slice(0, d.at);
  if (d.kind === 'flip') {
    const bytes = original.slice();
    for (const i of d.at) bytes[i] = bytes[i]! ^ 0xff;
    return bytes;
  }
  const bytes = new Uint8Array(original.length + d.bytes.length);
  bytes.set(original.subarray(0, d.at));
  bytes.set(d.bytes, d.at);
  bytes.set(original.subarray(d.at), d.at + d.bytes.length);
  return bytes;
}
