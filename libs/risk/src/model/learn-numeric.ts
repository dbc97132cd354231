import { rocAuc } from '../evaluate/metrics';
import { MISSING_KEY } from '../schema/values';
import { CountTable } from './count-table';
import { deviationBin, distinctBin, MIN_GROUP, type Deviation, type Distinct, type GroupMedians, type Ratio, type SingleEncoder } from './features';
import type { Context, LevelIndex } from './learn-statistics';

/**
 * Learning the numeric features: log ratios between positive numbers, robust deviations from
 * the median of a reference grouping (what an HS code is for unit values), distinct counts
 * (phones per importer).
 */

function positiveShare(ctx: Context, c: number): number {
  let present = 0;
  let positive = 0;
  for (let r = 0; r < ctx.n; r++) {
    const v = ctx.rows[r].nums[c];
    if (v === v) {
      present++;
      if (v > 0) positive++;
    }
  }
  return present === 0 ? 0 : positive / present;
}

function distinctCount(ctx: Context, c: number, cap: number): number {
  const seen = new Set<number>();
  for (let r = 0; r < ctx.n && seen.size < cap; r++) {
    const v = ctx.rows[r].nums[c];
    if (v === v) seen.add(v);
  }
  return seen.size;
}

export function buildRatios(ctx: Context): Ratio[] {
  const hintRank = (c: number): number => ({ duty: 0, value: 1, mass: 2, quantity: 3 })[ctx.columns[c].hint ?? 'quantity'] + (ctx.columns[c].hint ? 0 : 4);
  const positives = ctx.columns
    .map((spec, c) => ({ spec, c }))
    .filter(({ spec, c }) => spec.kind === 'numeric' && positiveShare(ctx, c) >= 0.8 && distinctCount(ctx, c, 20) >= 20)
    .map(({ c }) => c)
    .sort((a, b) => hintRank(a) - hintRank(b) || a - b)
    .slice(0, 8);
  const ratios: Ratio[] = [];
  for (let i = 0; i < positives.length; i++) for (let j = i + 1; j < positives.length; j++) ratios.push({ a: positives[i], b: positives[j] });
  return ratios;
}

/**
 * Median and robust scale (1.4826 MAD, at least 0.05 in log units) of values per group (ids
 * 0..size-1, -1: none); groups with fewer than MIN_GROUP values get n = 0.
 */
function groupMedians(rows: Int32Array, values: Float64Array, ids: Int32Array | null, size: number): GroupMedians {
  const counts = new Int32Array(size + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const g = ids === null ? 0 : ids[r];
    if (g >= 0 && values[r] === values[r]) counts[g + 1]++;
  }
  for (let g = 0; g < size; g++) counts[g + 1] += counts[g];
  const buf = new Float64Array(counts[size]);
  const fillAt = counts.slice(0, size);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const g = ids === null ? 0 : ids[r];
    if (g >= 0 && values[r] === values[r]) buf[fillAt[g]++] = values[r];
  }
  const median = new Array<number>(size).fill(0);
  const scale = new Array<number>(size).fill(1);
  const n = new Array<number>(size).fill(0);
  for (let g = 0; g < size; g++) {
    const count = counts[g + 1] - counts[g];
    if (count < MIN_GROUP) continue;
    const part = buf.subarray(counts[g], counts[g + 1]).sort();
    const med = count % 2 === 1 ? part[(count - 1) >> 1] : (part[count / 2 - 1] + part[count / 2]) / 2;
    for (let i = 0; i < count; i++) part[i] = Math.abs(part[i] - med);
    part.sort();
    const mad = count % 2 === 1 ? part[(count - 1) >> 1] : (part[count / 2 - 1] + part[count / 2]) / 2;
    median[g] = med;
    scale[g] = Math.max(0.05, 1.4826 * mad);
    n[g] = count;
  }
  return { median, scale, n };
}

/**
 * The single encoder whose groups serve as references for values (what an HS code is for unit
 * values): among codes and categories with enough rows per group, the one whose groups leave
 * the least spread of the numbers and ratios around their group medians (on a sample).
 */
function referenceSingle(ctx: Context, singles: SingleEncoder[], index: LevelIndex, subjects: Float64Array[], gains: number[] | null): number {
  const candidates = singles
    .map((s, i) => ({ s, i, size: s.tables[s.tables.length - 1].length }))
    .filter(({ s, size }) => size >= 5 && ctx.n / size >= 5 && ctx.columns[s.column].kind !== 'numeric')
    .sort((a, b) => (gains === null ? 0 : gains[b.i] - gains[a.i]))
    .slice(0, 8);
  if (candidates.length === 0) return -1;
  const sampleSize = Math.min(ctx.n, 15_000);
  const sample = Int32Array.from(ctx.rng.shuffle(Array.from({ length: ctx.n }, (_, i) => i)).slice(0, sampleSize)).sort();
  const spread = (values: Float64Array, ids: Int32Array | null, size: number): number => {
    const m = groupMedians(sample, values, ids, size);
    const global = groupMedians(sample, values, null, 1);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < sample.length; i++) {
      const r = sample[i];
      const v = values[r];
      if (v !== v) continue;
      const g = ids === null ? 0 : ids[r];
      const median = g >= 0 && m.n[g] > 0 ? m.median[g] : global.median[0];
      sum += Math.abs(v - median);
      count++;
    }
    return count === 0 ? 0 : sum / count;
  };
  const baseline = subjects.map((v) => spread(v, null, 1));
  let best = -1;
  let bestScore = Infinity;
  for (const { s, i, size } of candidates) {
    const ids = index[i][s.levels.length - 1];
    let score = 0;
    subjects.forEach((v, k) => {
      score += baseline[k] > 0 ? spread(v, ids, size) / baseline[k] : 1;
    });
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  // Only a grouping that explains values (at least 10% less spread) is a reference.
  return bestScore < 0.9 * subjects.length ? best : -1;
}

function usefulness(values: Float64Array, labels: Uint8Array, rows: Int32Array): number {
  const v = new Float64Array(rows.length);
  const a = new Float64Array(rows.length);
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    v[i] = values[i];
    a[i] = Math.abs(values[i]);
    y[i] = labels[rows[i]];
  }
  const auc1 = rocAuc(v, y);
  const auc2 = rocAuc(a, y);
  return Math.max(Math.abs(auc1 - 0.5), Math.abs(auc2 - 0.5));
}

export function buildDeviations(ctx: Context, singles: SingleEncoder[], index: LevelIndex, ratios: Ratio[], gains: number[] | null): Deviation[] {
  const subjects: { column: number; ratio: number }[] = [];
  ctx.columns.forEach((spec, c) => {
    if (spec.kind === 'numeric' && positiveShare(ctx, c) >= 0.8 && distinctCount(ctx, c, 20) >= 20) subjects.push({ column: c, ratio: -1 });
  });
  ratios.forEach((_, i) => subjects.push({ column: -1, ratio: i }));
  if (subjects.length === 0) return [];
  const groupSingle = referenceSingle(ctx, singles, index, subjects.slice(0, 12).map((s) => valuesOf(s)), gains);
  if (groupSingle < 0) return [];
  const reference = singles[groupSingle];
  const levels = reference.levels;
  function valuesOf(s: { column: number; ratio: number }): Float64Array {
    const out = new Float64Array(ctx.n);
    for (let r = 0; r < ctx.n; r++) {
      const nums = ctx.rows[r].nums;
      if (s.ratio >= 0) {
        const a = nums[ratios[s.ratio].a];
        const b = nums[ratios[s.ratio].b];
        out[r] = a > 0 && b > 0 ? Math.log(a / b) : NaN;
      } else {
        const v = nums[s.column];
        out[r] = v > 0 ? Math.log(v) : NaN;
      }
    }
    return out;
  }
  const zOf = (d: Omit<Deviation, 'bins'>, q: number, r: number): number => {
    if (q !== q) return NaN;
    for (let j = levels.length - 1; j >= 0; j--) {
      const g = index[groupSingle][j][r];
      const m = d.medians[j];
      if (g >= 0 && m.n[g] > 0) return (q - m.median[g]) / m.scale[g];
    }
    return (q - d.globalMedian) / d.globalScale;
  };
  const build = (s: { column: number; ratio: number }, values: Float64Array, rows: Int32Array): Omit<Deviation, 'bins'> => {
    const medians = levels.map((_, j) => groupMedians(rows, values, index[groupSingle][j], reference.tables[j].length));
    const global = groupMedians(rows, values, null, 1);
    return { column: s.column, ratio: s.ratio, groupSingle, medians, globalMedian: global.n[0] > 0 ? global.median[0] : 0, globalScale: global.n[0] > 0 ? global.scale[0] : 1 };
  };
  // Rank the candidates on a sample, keep the most telling ones.
  const sampleSize = Math.min(ctx.n, 15_000);
  const sample = Int32Array.from(ctx.rng.shuffle(Array.from({ length: ctx.n }, (_, i) => i)).slice(0, sampleSize)).sort();
  const scored = subjects.slice(0, 24).map((s) => {
    const values = valuesOf(s);
    const d = build(s, values, sample);
    const z = new Float64Array(sample.length);
    for (let i = 0; i < sample.length; i++) z[i] = zOf(d, values[sample[i]], sample[i]);
    return { s, values, score: usefulness(z, ctx.labels, sample) };
  });
  const all = Int32Array.from({ length: ctx.n }, (_, i) => i);
  return scored
    .filter((x) => x.score >= 0.01)
    .sort((a, b) => b.score - a.score)
    .slice(0, 8)
    .map(({ s, values }) => {
      const d = build(s, values, all);
      const bins = new CountTable(8);
      for (let r = 0; r < ctx.n; r++) {
        const z = zOf(d, values[r], r);
        if (z === z) bins.add(deviationBin(z), ctx.labels[r]);
      }
      return { ...d, bins };
    });
}

export function buildDistincts(ctx: Context, singles: SingleEncoder[], index: LevelIndex): Distinct[] {
  const keyed = singles.map((s) => s.column);
  const singleOf = new Map(singles.map((s, i) => [s.column, i]));
  const sizes = new Map(singles.map((s) => [s.column, s.tables[s.tables.length - 1].length]));
  const bySize = (a: number, b: number): number => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0);
  const aCandidates = keyed.filter((c) => (sizes.get(c) ?? 0) >= 20 && ctx.n / (sizes.get(c) ?? 1) >= 2).sort(bySize).slice(0, 8);
  const bCandidates = keyed.filter((c) => (sizes.get(c) ?? 0) >= 3).sort(bySize).slice(0, 12);
  const sampleSize = Math.min(ctx.n, 15_000);
  const sample = Int32Array.from(ctx.rng.shuffle(Array.from({ length: ctx.n }, (_, i) => i)).slice(0, sampleSize)).sort();
  /** Finest entries of a column's single table per row, -1 when missing. */
  const codesOf = (c: number): { codes: Int32Array; size: number } => {
    const si = singleOf.get(c) as number;
    const ids = index[si][index[si].length - 1];
    const codes = new Int32Array(ctx.n);
    for (let r = 0; r < ctx.n; r++) codes[r] = ctx.rows[r].keys[c] === MISSING_KEY ? -1 : ids[r];
    return { codes, size: singles[si].tables[singles[si].tables.length - 1].length };
  };
  const codeCache = new Map<number, { codes: Int32Array; size: number }>();
  const cached = (c: number): { codes: Int32Array; size: number } => {
    let found = codeCache.get(c);
    if (found === undefined) codeCache.set(c, (found = codesOf(c)));
    return found;
  };
  /** Distinct values of b per value of a (over the given rows), by code of a. */
  const countsOver = (a: number, b: number, rows: ArrayLike<number>): Int32Array => {
    const ca = cached(a);
    const cb = cached(b);
    const cardB = cb.size;
    const combined = new Float64Array(rows.length);
    let m = 0;
    for (let i = 0; i < rows.length; i++) {
      const x = ca.codes[rows[i]];
      const y = cb.codes[rows[i]];
      if (x >= 0 && y >= 0) combined[m++] = x * cardB + y;
    }
    const sorted = combined.subarray(0, m).sort();
    const counts = new Int32Array(ca.size);
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) counts[Math.floor(sorted[i] / cardB)]++;
    return counts;
  };
  const scored: { a: number; b: number; score: number }[] = [];
  for (const a of aCandidates) {
    for (const b of bCandidates) {
      if (a === b) continue;
      // A column nested in another (each a has one b) says nothing.
      const counts = countsOver(a, b, sample);
      const ca = cached(a).codes;
      const v = new Float64Array(sample.length);
      let multi = 0;
      for (let i = 0; i < sample.length; i++) {
        const code = ca[sample[i]];
        v[i] = code < 0 ? NaN : Math.max(1, counts[code]);
        if (v[i] > 1) multi++;
      }
      if (multi < 0.01 * sample.length) continue;
      scored.push({ a, b, score: usefulness(v, ctx.labels, sample) });
    }
  }
  return scored
    .filter((x) => x.score >= 0.02)
    .sort((x, y) => y.score - x.score)
    .slice(0, 4)
    .map(({ a, b }) => {
      const all = Int32Array.from({ length: ctx.n }, (_, i) => i);
      const byCode = countsOver(a, b, all);
      const ca = cached(a).codes;
      const bins = new CountTable(8);
      for (let r = 0; r < ctx.n; r++) if (ca[r] >= 0) bins.add(distinctBin(Math.max(1, byCode[ca[r]])), ctx.labels[r]);
      return { a, b, aSingle: singleOf.get(a) as number, counts: Array.from(byCode), bins };
    });
}

