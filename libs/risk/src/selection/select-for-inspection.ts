import { rankByScore, selectionSize } from '../evaluate/metrics';

/**
 * From scores to channels: red (physical inspection), yellow (documentary check), green
 * (release). The riskiest items fill red and yellow up to their target rates; then a seeded
 * random compliance sample is drawn from the green items and reported as 'random', never as
 * risk, so that it measures the true error rate. Items with no score, or a batch where every
 * item scores the same (no history, no rules), are never selected by risk.
 */
export type Channel = 'green' | 'yellow' | 'red';
export type SelectionBasis = 'risk' | 'random' | 'none';

export interface ScoredItem {
  readonly id: string;
  /** Higher is riskier; null when no model could score the item. */
  readonly score: number | null;
}

export interface SelectionOptions {
  /** Share of items sent to red by risk, e.g. 0.02. */
  readonly redRate: number;
  /** Share of items sent to yellow by risk, after the red ones. Default 0. */
  readonly yellowRate?: number;
  /** Share of the remaining green items drawn at random. Default 0. */
  readonly randomRate?: number;
  /** Channel of the random sample. Default 'red'. */
  readonly randomChannel?: Exclude<Channel, 'green'>;
  /** Seed of the random sample: the same seed and item id always give the same draw. */
  readonly seed?: number;
  /** Items must score strictly above this to be selected by risk. */
  readonly minScore?: number;
}

export interface SelectionDecision {
  readonly id: string;
  readonly score: number | null;
  readonly channel: Channel;
  readonly basis: SelectionBasis;
}

export interface SelectionResult {
  readonly decisions: SelectionDecision[];
  /** Lowest score sent to red / yellow by risk (null when none was). */
  readonly redThreshold: number | null;
  readonly yellowThreshold: number | null;
  readonly counts: { readonly red: number; readonly yellow: number; readonly green: number; readonly random: number };
}

/**
 * The score threshold that selects about `rate` of items like these (the lowest selected score):
 * for scoring items one at a time against yesterday's score distribution. Null when nothing
 * would be selected (empty input, rate 0, or all scores equal).
 */
export function thresholdForRate(scores: ArrayLike<number>, rate: number): number | null {
  const finite = Array.from(scores).filter((s) => Number.isFinite(s));
  if (finite.length === 0 || !(rate > 0)) return null;
  const sorted = finite.sort((a, b) => b - a);
  if (sorted[0] === sorted[sorted.length - 1]) return null;
  return sorted[selectionSize(rate, sorted.length) - 1];
}

/** A uniform draw in [0, 1) fixed by (seed, id): FNV-1a then a murmur finaliser. */
export function randomDraw(seed: number, id: string): number {
  let h = (2166136261 ^ (seed | 0)) >>> 0;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function checkRate(name: string, rate: number | undefined): number {
  const r = rate ?? 0;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`);
  return r;
}

export function selectForInspection(items: readonly ScoredItem[], options: SelectionOptions): SelectionResult {
  const redRate = checkRate('redRate', options.redRate);
  const yellowRate = checkRate('yellowRate', options.yellowRate);
  const randomRate = checkRate('randomRate', options.randomRate);
  const n = items.length;
  const channel: Channel[] = new Array(n).fill('green');
  const basis: SelectionBasis[] = new Array(n).fill('none');

  const scored = items.map((it) => (it.score === null || !Number.isFinite(it.score) ? NaN : it.score));
  let lowest = Infinity;
  let highest = -Infinity;
  for (const s of scored) {
    if (Number.isNaN(s)) continue;
    if (s < lowest) lowest = s;
    if (s > highest) highest = s;
  }
  // Equal scores carry no information: nothing is selected by risk.
  const informative = highest > lowest && (options.minScore === undefined || highest > options.minScore);
  let redThreshold: number | null = null;
  let yellowThreshold: number | null = null;
  if (informative && n > 0) {
    const order = rankByScore(scored);
    const red = redRate > 0 ? selectionSize(redRate, n) : 0;
    const yellow = yellowRate > 0 ? selectionSize(yellowRate, n) : 0;
    let taken = 0;
    for (const i of order) {
      const s = scored[i];
      if (taken >= red + yellow || Number.isNaN(s)) break;
      if (s === lowest || (options.minScore !== undefined && !(s > options.minScore))) break;
      channel[i] = taken < red ? 'red' : 'yellow';
      basis[i] = 'risk';
      if (taken < red) redThreshold = s;
      else yellowThreshold = s;
      taken++;
    }
  }
  if (randomRate > 0) {
    const seed = options.seed ?? 0;
    for (let i = 0; i < n; i++) {
      if (basis[i] !== 'none') continue;
      if (randomDraw(seed, items[i].id) < randomRate) {
        channel[i] = options.randomChannel ?? 'red';
        basis[i] = 'random';
      }
    }
  }
  const decisions = items.map((it, i) => ({ id: it.id, score: it.score, channel: channel[i], basis: basis[i] }));
  const counts = { red: 0, yellow: 0, green: 0, random: 0 };
  for (let i = 0; i < n; i++) {
    counts[channel[i]]++;
    if (basis[i] === 'random') counts.random++;
  }
  return { decisions, redThreshold, yellowThreshold, counts };
}
