import { formatHs } from '../facts/declaration-facts';

/**
 * Reference unit values (PROFILE-style valuation): declared value per kg against what other
 * declarations of the same HS code, origin and currency declare. Robust statistics on the log
 * scale (median and 1.4826 x MAD), so a few wild values do not move the reference; the finest
 * level with enough declarations is used: HS6 x origin, else HS4 x origin, else HS2 x origin.
 */

export const VALUATION_LEVELS = [6, 4, 2] as const;

export interface ValuationOptions {
  /** Declarations a group needs before it serves as a reference. Default 10. */
  readonly minGroup?: number;
  /** Most recent values kept per group. Default 2000. */
  readonly maxPerGroup?: number;
  /** |robust z| from which a value is an outlier. Default 3. */
  readonly zThreshold?: number;
  /** ... and at least this many times off the median. Default 2. */
  readonly minFactor?: number;
}

export type ValuationBand = 'far below' | 'below' | 'typical' | 'above' | 'far above' | 'no reference';

export interface ValuationComparison {
  /** The reference used: HS prefix (6, 4 or 2 digits), origin and currency. */
  readonly hs: string;
  readonly level: number;
  readonly origin: string;
  readonly currency: string;
  readonly n: number;
  readonly valuePerKg: number;
  readonly medianPerKg: number;
  /** exp(|log value - log median|): 4.1 means 4.1 times above or below. */
  readonly factor: number;
  readonly direction: 'below' | 'above';
  /** Robust z on the log scale. */
  readonly z: number;
  readonly outlier: boolean;
}

interface Group {
  values: number[];
  /** The same values in ascending order, kept up to date on every add (settling is then linear). */
  sorted: number[];
  next: number;
  median: number;
  scale: number;
  dirty: boolean;
}

export class ValuationReference {
  private readonly groups = new Map<string, Group>();
  private readonly minGroup: number;
  private readonly maxPerGroup: number;
  private readonly zThreshold: number;
  private readonly minFactor: number;
  private count = 0;

  constructor(options: ValuationOptions = {}) {
    this.minGroup = options.minGroup ?? 10;
    this.maxPerGroup = options.maxPerGroup ?? 2000;
    this.zThreshold = options.zThreshold ?? 3;
    this.minFactor = options.minFactor ?? 2;
  }

  /** Values recorded so far. */
  get size(): number {
    return this.count;
  }

  add(hs6: string, origin: string, currency: string, valuePerKg: number | null): void {
    if (valuePerKg === null || !(valuePerKg > 0) || !Number.isFinite(valuePerKg)) return;
    const q = Math.log(valuePerKg);
    this.count++;
    for (const level of VALUATION_LEVELS) {
      const key = groupKey(hs6.slice(0, level), origin, currency);
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { values: [], sorted: [], next: 0, median: 0, scale: 1, dirty: true }));
      if (g.values.length < this.maxPerGroup) g.values.push(q);
      else {
        g.sorted.splice(lowerBound(g.sorted, g.values[g.next]), 1);
        g.values[g.next] = q;
        g.next = (g.next + 1) % this.maxPerGroup;
      }
      g.sorted.splice(lowerBound(g.sorted, q), 0, q);
      g.dirty = true;
    }
  }

  /** The comparison against the finest reference with enough declarations, or null without one. */
  compare(hs6: string, origin: string, currency: string, valuePerKg: number | null): ValuationComparison | null {
    if (valuePerKg === null || !(valuePerKg > 0) || !Number.isFinite(valuePerKg)) return null;
    const q = Math.log(valuePerKg);
    for (const level of VALUATION_LEVELS) {
      const hs = hs6.slice(0, level);
      const g = this.groups.get(groupKey(hs, origin, currency));
      if (!g || g.values.length < this.minGroup) continue;
      if (g.dirty) settle(g);
      const z = (q - g.median) / g.scale;
      const factor = Math.exp(Math.abs(q - g.median));
      return {
        hs, level, origin, currency, n: g.values.length, valuePerKg, medianPerKg: Math.exp(g.median), factor, z,
        direction: q < g.median ? 'below' : 'above',
        outlier: Math.abs(z) >= this.zThreshold && factor >= this.minFactor,
      };
    }
    return null;
  }
}

function groupKey(hs: string, origin: string, currency: string): string {
  return `${hs}|${origin}|${currency}`;
}

function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The first index whose value is not below `x`. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Median and scaled median absolute deviation of the log values. The deviations below and above
 * the median are each already in order in `sorted`, so their median is found by merging the two
 * runs up to the middle instead of sorting them.
 */
function settle(g: Group): void {
  const values = g.sorted;
  const n = values.length;
  const m = median(values);
  let below = lowerBound(values, m) - 1;
  while (below + 1 < n && values[below + 1] <= m) below++;
  let above = below + 1;
  const deviations = new Float64Array((n >> 1) + 1);
  for (let k = 0; k < deviations.length; k++) {
    const left = below >= 0 ? Math.abs(values[below] - m) : Infinity;
    const right = above < n ? Math.abs(values[above] - m) : Infinity;
    if (left <= right) {
      deviations[k] = left;
      below--;
    } else {
      deviations[k] = right;
      above++;
    }
  }
  const mad = n % 2 === 1 ? deviations[(n - 1) >> 1] : (deviations[n / 2 - 1] + deviations[n / 2]) / 2;
  g.median = m;
  // A floor keeps groups of identical prices from turning cents into "outliers".
  g.scale = Math.max(0.05, 1.4826 * mad);
  g.dirty = false;
}

/** The band a comparison falls in (a model column: the models learn what each band means). */
export function valuationBand(c: ValuationComparison | null): ValuationBand {
  if (c === null) return 'no reference';
  if (c.z <= -3) return 'far below';
  if (c.z <= -2) return 'below';
  if (c.z >= 3) return 'far above';
  if (c.z >= 2) return 'above';
  return 'typical';
}

/** "declared value per kg 4.1x below the median for HS 0804 from EC (n=140; 0.80 vs 3.28 USD/kg)". */
export function describeValuation(c: ValuationComparison): string {
  return `declared value per kg ${c.factor.toFixed(1)}x ${c.direction} the median for HS ${formatHs(c.hs)} from ${c.origin} (n=${c.n}; ${money(c.valuePerKg)} vs ${money(c.medianPerKg)} ${c.currency}/kg)`;
}

/** Log-odds an outlier adds to its error type: 0.4 per doubling, at most 2. */
export function valuationWeight(c: ValuationComparison): number {
  return c.outlier ? Math.min(2, 0.4 * Math.log2(c.factor)) : 0;
}

function money(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(2);
}
