/**
 * How well a ranking of items finds the errors: precision, recall and revenue when the top k%
 * are selected, and the ROC AUC (the probability that a random item with an error is ranked
 * above a random clean one; ties count one half).
 */

/** ROC AUC with tied scores counted one half; NaN scores rank lowest. Returns NaN with a single class. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] === 1 ? 1 : 0;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  const p = new Float64Array(pos);
  const q = new Float64Array(neg);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const s = Number.isNaN(scores[i]) ? -Infinity : scores[i];
    if (labels[i] === 1) p[a++] = s;
    else q[b++] = s;
  }
  p.sort();
  q.sort();
  // For each positive: negatives strictly below count 1, equal ones 1/2.
  let below = 0;
  let equalEnd = 0;
  let sum = 0;
  for (let i = 0; i < pos; i++) {
    const s = p[i];
    while (below < neg && q[below] < s) below++;
    if (equalEnd < below) equalEnd = below;
    while (equalEnd < neg && q[equalEnd] === s) equalEnd++;
    sum += below + (equalEnd - below) / 2;
  }
  return sum / (pos * neg);
}

export interface SelectionMetrics {
  /** Share of items selected, e.g. 0.02. */
  readonly rate: number;
  readonly selected: number;
  /** Errors among the selected items. */
  readonly caught: number;
  readonly precision: number;
  readonly recall: number;
  /** Sum of the revenue column over selected items with an error (or `caught` without a column). */
  readonly revenue: number;
  /** revenue / the same sum over all items with an error. */
  readonly revenueShare: number;
}

/** How many items a selection rate takes out of n: rounded, at least one. */
export function selectionSize(rate: number, n: number): number {
  return Math.min(n, Math.max(1, Math.round(rate * n)));
}

/**
 * Indices of items ranked by score, highest first; equal scores keep their input order, so the
 * ranking is deterministic.
 */
export function rankByScore(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  const key = (i: number): number => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  return order.sort((a, b) => key(b) - key(a) || a - b);
}

/** Precision, recall and revenue at each selection rate. `revenue` null: count caught errors. */
export function selectionMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, rates: readonly number[], revenue: ArrayLike<number> | null = null): SelectionMetrics[] {
  const n = scores.length;
  const order = rankByScore(scores);
  const value = (i: number): number => {
    if (revenue === null) return 1;
    const v = revenue[i];
    return Number.isFinite(v) ? v : 0;
  };
  let totalPos = 0;
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      totalPos++;
      totalRevenue += value(i);
    }
  }
  return rates.map((rate) => {
    const k = n === 0 ? 0 : selectionSize(rate, n);
    let caught = 0;
    let rev = 0;
    for (let t = 0; t < k; t++) {
      const i = order[t];
      if (labels[i] === 1) {
        caught++;
        rev += value(i);
      }
    }
    return {
      rate,
      selected: k,
      caught,
      precision: k === 0 ? 0 : caught / k,
      recall: totalPos === 0 ? 0 : caught / totalPos,
      revenue: rev,
      revenueShare: totalRevenue === 0 ? 0 : rev / totalRevenue,
    };
  });
}
