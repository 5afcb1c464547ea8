/**
 * Builds the Aho-Corasick automaton over the lower-cased normalised aliases.
 *
 * The trie is built from the keys in sorted order, so each node's children are created in ascending
 * label order and the edges can be laid out as sorted per-state runs (CSR) without any per-node map:
 * that keeps a 100,000-alias build to a few flat arrays. Scanning then costs the same per character
 * whatever the number of aliases.
 *
 * States are then numbered breadth-first, each state's children consecutively in label order. In
 * that order the child reached by edge k is state k + 1, so edge targets need no array of their
 * own: 4 bytes less per state (the bundled index went from 106 to 93 KB), and bytes are what a
 * page waits for when it loads a large pack.
 */
import { ASCII_WORD } from '../text/char-class';
import type { CompiledIndex } from './compiled-index';

/** The automaton's arrays: the part of {@link CompiledIndex} this module builds (meanings there). */
export type AutomatonArrays = Pick<CompiledIndex, 'rootAscii' | 'edgeStart' | 'edgeChar' | 'fail' | 'dictLink' | 'outStart' | 'outAlias'>;

/** A growable Int32 list (plain arrays of numbers cost far more memory at a million nodes). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The target of the edge labelled `c` from state `s`, or -1 (binary search in the sorted run).
 * Edge k leads to state k + 1 (breadth-first numbering, see above).
 */
export function findEdge(edgeStart: Uint32Array, edgeChar: Uint16Array, s: number, c: number): number {
  let lo = edgeStart[s]!;
  let hi = edgeStart[s + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) if (edgeChar[lo] === c) return lo + 1;
    return -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = edgeChar[mid]!;
    if (m === c) return mid + 1;
    if (m < c) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * Builds the automaton. `keys[a]` is alias a's lower-cased normalised text (empty keys are ignored);
 * `outputOrder` orders aliases that share a key (the scanner reports the first as the primary).
 */
export function buildAutomaton(keys: readonly string[], outputOrder: (a: number, b: number) => number): AutomatonArrays {
  const order: number[] = [];
  for (let a = 0; a < keys.length; a++) if (keys[a] !== '') order.push(a);
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : outputOrder(a, b);
  });

  // Trie from sorted keys: node ids are in depth-first order, children in ascending label order.
  const parent = new IntList();
  const label = new IntList();
  const depth = new IntList();
  parent.push(-1);
  label.push(0);
  depth.push(0);
  const terminal = new IntList(); // state of each alias in `order`
  const path: number[] = [0];
  let prev = '';
  for (const a of order) {
    const key = keys[a]!;
    let lcp = 0;
    const max = Math.min(prev.length, key.length);
    while (lcp < max && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
    for (let d = lcp; d < key.length; d++) {
      const node = parent.length;
      parent.push(path[d]!);
      label.push(key.charCodeAt(d));
      depth.push(d + 1);
      path[d + 1] = node;
    }
    terminal.push(path[key.length]!);
    prev = key;
  }
  const states = parent.length;
  renumberBreadthFirst(parent, label, depth, terminal);

  // Edges, CSR: count children, prefix-sum, then place in node order (keeps labels sorted). In
  // breadth-first numbering the slot of state v's edge is v - 1, so no target array is kept.
  const edgeStart = new Uint32Array(states + 1);
  for (let v = 1; v < states; v++) edgeStart[parent.data[v]! + 1]!++;
  for (let s = 0; s < states; s++) edgeStart[s + 1]! += edgeStart[s]!;
  const edgeChar = new Uint16Array(states - 1);
  const fill = edgeStart.slice(0, states);
  for (let v = 1; v < states; v++) {
    const slot = fill[parent.data[v]!]!++;
    if (slot !== v - 1) throw new Error('automaton: states are not numbered breadth-first');
    edgeChar[slot] = label.data[v]!;
  }

  // Outputs, CSR per state. `order` is sorted by key then outputOrder, so runs are already ordered.
  const outStart = new Uint32Array(states + 1);
  for (let i = 0; i < terminal.length; i++) outStart[terminal.data[i]! + 1]!++;
  for (let s = 0; s < states; s++) outStart[s + 1]! += outStart[s]!;
  const outAlias = new Int32Array(order.length);
  const outFill = outStart.slice(0, states);
  for (let i = 0; i < order.length; i++) outAlias[outFill[terminal.data[i]!]!++] = order[i]!;

  // Breadth-first order by counting sort on depth, then failure and dictionary links.
  let maxDepth = 0;
  for (let v = 0; v < states; v++) if (depth.data[v]! > maxDepth) maxDepth = depth.data[v]!;
  const byDepth = new Uint32Array(maxDepth + 2);
  for (let v = 0; v < states; v++) byDepth[depth.data[v]! + 1]!++;
  for (let d = 0; d <= maxDepth; d++) byDepth[d + 1]! += byDepth[d]!;
  const bfs = new Int32Array(states);
  for (let v = 0; v < states; v++) bfs[byDepth[depth.data[v]!]!++] = v;

  const fail = new Int32Array(states);
  const dictLink = new Int32Array(states).fill(-1);
  for (let k = 1; k < states; k++) {
    const v = bfs[k]!;
    const p = parent.data[v]!;
    const c = label.data[v]!;
    let f = 0;
    if (p !== 0) {
      let s = fail[p]!;
      // Every suffix on this chain ends with p's label; at the root, c alone would start right
      // after it, inside a word if it is a letter or digit.
      const last = label.data[p]!;
      const midWord = last < 128 && ASCII_WORD[last] === 1;
      for (;;) {
        if (s === 0 && midWord) break;
        const t = findEdge(edgeStart, edgeChar, s, c);
        if (t >= 0) {
          f = t;
          break;
        }
        if (s === 0) break;
        s = fail[s]!;
      }
    }
    fail[v] = f;
    dictLink[v] = outStart[f]! < outStart[f + 1]! ? f : dictLink[f]!;
  }

  const rootAscii = new Int32Array(128);
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) {
    const c = edgeChar[e]!;
    if (c < 128) rootAscii[c] = e + 1;
  }
  return { rootAscii, edgeStart, edgeChar, fail, dictLink, outStart, outAlias };
}

/**
 * Renumbers a trie built depth-first (children created in ascending label order) so that states
 * are breadth-first and each state's children are consecutive, in place.
 */
function renumberBreadthFirst(parent: IntList, label: IntList, depth: IntList, terminal: IntList): void {
  const states = parent.length;
  // Children of each state, CSR, in creation (= label) order.
  const childStart = new Uint32Array(states + 1);
  for (let v = 1; v < states; v++) childStart[parent.data[v]! + 1]!++;
  for (let s = 0; s < states; s++) childStart[s + 1]! += childStart[s]!;
  const children = new Int32Array(Math.max(0, states - 1));
  const fill = childStart.slice(0, states);
  for (let v = 1; v < states; v++) children[fill[parent.data[v]!]!++] = v;
  // Breadth-first walk: the queue is the new order.
  const queue = new Int32Array(states);
  const newId = new Int32Array(states);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let k = childStart[u]!; k < childStart[u + 1]!; k++) {
      const c = children[k]!;
      newId[c] = tail;
      queue[tail++] = c;
    }
  }
  const oldParent = parent.data.slice(0, states);
  const oldLabel = label.data.slice(0, states);
  const oldDepth = depth.data.slice(0, states);
  for (let v = 0; v < states; v++) {
    const n = newId[v]!;
    parent.data[n] = v === 0 ? -1 : newId[oldParent[v]!]!;
    label.data[n] = oldLabel[v]!;
    depth.data[n] = oldDepth[v]!;
  }
  for (let i = 0; i < terminal.length; i++) terminal.data[i] = newId[terminal.data[i]!]!;
}
