/**
 * Tree arithmetic shared by the prover, the appender and the stores.
 *
 * Storage only ever holds complete, power-of-two-aligned subtrees: the node at (level, index)
 * covers leaves [index * 2^level, (index + 1) * 2^level), level 0 being the leaf hashes. Once such
 * a node exists its hash never changes, so it can be written once and cached forever. Every node
 * of an RFC 9162 tree of any size n is either one of these or lies on the right edge, and a
 * right-edge node [start, n) splits into the aligned pieces given by the set bits of n - start.
 *
 * Plain arithmetic instead of bit operators: JS bit operators truncate to 32 bits, tree sizes and
 * indexes go up to Number.MAX_SAFE_INTEGER.
 */

export interface NodeCoordinate {
  readonly level: number;
  readonly index: number;
}

/** Key for maps of node hashes; also handy as a DB composite key. */
export function nodeKey(node: NodeCoordinate): string {
  return `${node.level}:${node.index}`;
}

/** A tree size or leaf index this library can handle exactly. */
export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** RFC 9162 §2.1.1 split point k: the largest power of two strictly smaller than n (n >= 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Leaves covered by a node: [first, end). */
export function leafRange(node: NodeCoordinate): { first: number; end: number } {
  const width = 2 ** node.level;
  return { first: node.index * width, end: (node.index + 1) * width };
}

/**
 * The complete aligned subtrees that make up the tree node covering leaves [start, end), largest
 * (left-most) first. Only valid for ranges that are nodes of an RFC 9162 tree, i.e. `start` is a
 * multiple of a power of two that is >= end - start (true for every range the planners produce).
 * The node's hash is then the right fold of the pieces: H(p0, H(p1, ... H(pk-1, pk))).
 */
export function alignedPieces(start: number, end: number): NodeCoordinate[] {
  const pieces: NodeCoordinate[] = [];
  let width = 1;
  let level = 0;
  while (width * 2 <= end - start) {
    width *= 2;
    level++;
  }
  let position = start;
  for (; level >= 0; level--, width /= 2) {
    if (position + width <= end) {
      pieces.push({ level, index: position / width });
      position += width;
    }
  }
  return pieces;
}
