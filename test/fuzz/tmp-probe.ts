import { render, scanners } from './scanners';
const s = scanners.find(x => x.name === 'fact-check of a note')!;
const shape = { before: '[1] See https://example.com/', unit: '$1 <;', after: '', lines: 3 };
s.run(render(shape, 100));
for (const n of [1000, 2000, 4000, 8000, 16000, 32000, 64000]) {
  const t = process.cpuUsage();
  s.run(render(shape, n));
  const u = process.cpuUsage(t);
  console.log(n, (u.user + u.system) / 1000);
}
