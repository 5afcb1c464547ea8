/**
 * Installed packs: what the options page lists about each, and what importing a pack does when
 * one with the same id is already installed (a newer version replaces it; the same or an older one
 * only with the reader's say-so). Pure: the background applies the plan to storage.
 */
import type { Pack } from './types';

/** What is shown and kept about an installed pack without its entities. */
export interface PackMeta {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly asOf: string;
  readonly language: string;
  readonly entities: number;
  /** True for a pack the reader imported (it can be removed); false for one Backstory ships with. */
  readonly imported: boolean;
}

export function packMeta(pack: Pack, imported: boolean): PackMeta {
  return { id: pack.id, title: pack.title, version: pack.version, asOf: pack.asOf, language: pack.language, entities: pack.entities.length, imported };
}

/**
 * Compares two semantic versions by SemVer 2.0.0 precedence (build metadata ignored; a
 * pre-release sorts before its release). Negative when `a` is older, 0 when equal, positive when newer.
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('+', 1)[0]!.split(/-(.*)/s, 2);
    return { nums: core.split('.').map(Number), pre: pre === undefined || pre === '' ? [] : pre.split('.') };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** What importing `pack` will do, given the packs installed now. */
export type ImportPlan =
  /** No pack has this id: installed. */
  | { readonly kind: 'install' }
  /** A newer version of an installed pack: replaces it. */
  | { readonly kind: 'replace'; readonly installed: PackMeta }
  /** The same or an older version: replaced only if the reader confirms. */
  | { readonly kind: 'confirm'; readonly installed: PackMeta; readonly reason: 'same' | 'older' };

export function planImport(installed: readonly PackMeta[], pack: Pack): ImportPlan {
  // An imported copy shadows a bundled pack of the same id: compare with the one in use.
  const current = installed.find((p) => p.id === pack.id && p.imported) ?? installed.find((p) => p.id === pack.id);
  if (!current) return { kind: 'install' };
  const order = compareVersions(pack.version, current.version);
  if (order > 0) return { kind: 'replace', installed: current };
  return { kind: 'confirm', installed: current, reason: order === 0 ? 'same' : 'older' };
}
