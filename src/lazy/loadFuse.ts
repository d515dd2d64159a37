/**
 * Stands in for fuse.js inside extension.js (scripts/lazyStandIns.js swaps it in): the same class, read
 * from the lazy bundle dist/fuse.js at the first search or `[@` completion, so activation does not carry it.
 */
import type RealFuse from 'fuse.js';
import { fuseEngine } from './load';

const real = (): typeof RealFuse => fuseEngine().default;

/** `new Fuse(…)` builds the real one, and its statics (`Fuse.config`) are the real class's. */
const Fuse = new Proxy(function () {} as unknown as typeof RealFuse, {
  construct: (_target, args) => new (real() as unknown as new (...args: unknown[]) => object)(...args),
  get: (_target, key) => Reflect.get(real(), key) as unknown,
});

export default Fuse;
