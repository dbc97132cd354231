import { selectionSize } from '../../evaluate/metrics';
import { randomDraw } from '../../selection/select-for-inspection';

/**
 * From a declaration's score to its channel: green (release), yellow (documents), red (physical).
 *
 * Declarations arrive one at a time, so the threshold comes from the distribution of recent
 * scores (a rolling quantile): a score at or above the (1 - targetRate) quantile of the last
 * `capacity` scores is selected, which selects about targetRate of a stable stream. Without
 * enough history, or when recent scores carry no information (all equal), nothing is selected
 * by risk. Rules may select on their own. On top, a seeded random compliance sample draws
 * declarations that risk left green; it is reported as random, never as risk, so that it
 * measures the true error rate and feeds the models unbiased examples.
 */

export type Channel = 'green' | 'yellow' | 'red';

export interface SelectionPolicy {
  /** Share of declarations to select by risk (0 to 1). */
  readonly targetRate: number;
  /** Share of the remaining declarations drawn at random (0 turns the sample off). */
  readonly randomRate: number;
  /** Seed of the random sample: the same seed and declaration always give the same draw. */
  readonly seed: number;
  /** Recent scores needed before a threshold is trusted. */
  readonly minHistory: number;
}

export const DEFAULT_TARGET_RATE = 0.02;
export const DEFAULT_MIN_HISTORY = 50;
export const DEFAULT_RANDOM_SEED = 20_261_125;

/** The last `capacity` scores, kept in arrival order and sorted, so a quantile costs O(1). */
export class RecentScores {
  private readonly ring: number[] = [];
  private readonly sorted: number[] = [];
  private next = 0;

  constructor(readonly capacity = 2000) {}

  get size(): number {
    return this.ring.length;
  }

  add(score: number): void {
    if (!Number.isFinite(score)) return;
    if (this.ring.length < this.capacity) this.ring.push(score);
    else {
      const old = this.ring[this.next];
      this.sorted.splice(this.position(old), 1);
      this.ring[this.next] = score;
      this.next = (this.next + 1) % this.capacity;
    }
    this.sorted.splice(this.position(score), 0, score);
  }

  /** Replaces the content with these scores, oldest first. */
  reset(scores: readonly number[]): void {
    this.ring.length = 0;
    this.sorted.length = 0;
    this.next = 0;
    for (const s of scores.slice(-this.capacity)) this.add(s);
  }

  /**
   * The lowest score that is selected at `rate`: the (1 - rate) quantile of recent scores.
   * Null with fewer than `minHistory` scores, a rate of 0, or no spread at all.
   */
  threshold(rate: number, minHistory: number): number | null {
    const n = this.sorted.length;
    if (n === 0 || n < minHistory || !(rate > 0)) return null;
    if (this.sorted[0] === this.sorted[n - 1]) return null;
    return this.sorted[n - selectionSize(rate, n)];
  }

  get lowest(): number | null {
    return this.sorted.length > 0 ? this.sorted[0] : null;
  }

  /** First index whose value is >= x (binary search). */
  private position(x: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface SelectionInput {
  /** Identifies the draw, e.g. `${declarationId}:${version}`. */
  readonly key: string;
  readonly score: number;
  /** A rule's selection, if any (red outranks yellow). */
  readonly ruleChannel: Exclude<Channel, 'green'> | null;
  /** The channel risk would use: red for physical errors, yellow for documentary ones. */
  readonly riskChannel: Exclude<Channel, 'green'>;
}

export interface SelectionOutcome {
  readonly channel: Channel;
  /** Selected by risk (rules or score), not by the random sample. */
  readonly selected: boolean;
  readonly random: boolean;
  readonly basis: 'rule' | 'score' | 'random' | 'none';
  readonly threshold: number | null;
  readonly historySize: number;
  readonly targetRate: number;
  readonly randomRate: number;
  readonly seed: number;
  /** The uniform draw of the random sample (null when the sample was not consulted). */
  readonly draw: number | null;
}

/** Decides one declaration's channel against the recent scores (which it does not change). */
export function selectChannel(input: SelectionInput, recent: RecentScores, policy: SelectionPolicy): SelectionOutcome {
  const threshold = recent.threshold(policy.targetRate, policy.minHistory);
  const lowest = recent.lowest;
  const common = { threshold, historySize: recent.size, targetRate: policy.targetRate, randomRate: policy.randomRate, seed: policy.seed };
  if (input.ruleChannel !== null) return { ...common, channel: input.ruleChannel, selected: true, random: false, basis: 'rule', draw: null };
  // A score tied with the lowest recent score says nothing: never selected by score.
  if (threshold !== null && lowest !== null && input.score >= threshold && input.score > lowest) {
    return { ...common, channel: input.riskChannel, selected: true, random: false, basis: 'score', draw: null };
  }
  if (policy.randomRate > 0) {
    const draw = randomDraw(policy.seed, input.key);
    if (draw < policy.randomRate) return { ...common, channel: 'red', selected: false, random: true, basis: 'random', draw };
    return { ...common, channel: 'green', selected: false, random: false, basis: 'none', draw };
  }
  return { ...common, channel: 'green', selected: false, random: false, basis: 'none', draw: null };
}
