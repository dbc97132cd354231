import { rocAuc } from '../evaluate/metrics';
import type { ColumnSpec, RiskSchema, Table } from '../schema/infer-schema';
import { isMissing, MISSING_KEY } from '../schema/values';
import { RiskInputError } from '../shared/risk-input-error';
import { Rng } from '../shared/rng';
import { BatchContext, type ContextSpec } from './batch-context';
import { CountTable, type CountKey } from './count-table';
import { deviationBin, distinctBin, FeatureSpace, levelKey, MIN_GROUP, pairKey, type Deviation, type Distinct, type GroupMedians, type PairEncoder, type Ratio, type SingleEncoder, type WordEncoder } from './features';
import { binData, computeBinEdges, DEFAULT_GBDT_OPTIONS, Gbdt, trainGbdt, type GbdtOptions } from './gbdt';
import { hasKey, prepareRow, words, type PreparedRow } from './prepared-row';
import { RiskModel, type TrainingInfo } from './risk-model';
import { combineRates, estimateStrength, logit, MAX_STRENGTH, sigmoid, smoothedRate } from './smoothing';

/** The average (in log-odds) of several forests, as one forest. */
function averageForests(forests: Gbdt[]): Gbdt {
  if (forests.length === 1) return forests[0];
  const w = 1 / forests.length;
  const trees = forests.flatMap((f) => f.trees.map((t) => ({ ...t, leaf: t.leaf.map((v) => v * w) })));
  return new Gbdt(forests.reduce((a, f) => a + f.baseScore * w, 0), forests[0].featureCount, trees);
}

export interface TrainOptions {
  /** Forests trained with different seeds and averaged (variance reduction). Default 1. */
  readonly ensemble?: number;
  /** Folds for out-of-fold statistics. Default 5. */
  readonly folds?: number;
  readonly seed?: number;
  /** Most column pairs crossed. Default 10. */
  readonly maxPairs?: number;
  /** Share of rows (the most recent when the schema has a date) used to stop boosting. Default 0.15. */
  readonly validationShare?: number;
  readonly gbdt?: Partial<GbdtOptions>;
  /**
   * The declarations known alongside the training rows (no labels needed), over which batch
   * counts are taken: e.g. training plus test rows. Default: the training table itself.
   */
  readonly context?: Table;
  /** Called as training advances (stage name, done, total), e.g. for a progress bar. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

/** The 0/1 labels of a table, or a clear error naming the first bad row. */
export function readLabels(table: Table, label: string): Uint8Array {
  const col = table.header.indexOf(label);
  if (col < 0) throw new RiskInputError(`label column "${label}" is not in the data (columns: ${table.header.join(', ')})`);
  const out = new Uint8Array(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) {
    const v = (table.rows[i][col] ?? '').trim();
    if (v === '1') out[i] = 1;
    else if (v !== '0') throw new RiskInputError(`row ${i + 1}: label "${table.rows[i][col] ?? ''}" in column "${label}" is not 0 or 1`, 'RISK.INVALID_LABEL', label);
  }
  return out;
}

/** The model's columns: the schema's feature columns, then the date column (for month and weekday). */
export function modelColumns(schema: RiskSchema): ColumnSpec[] {
  const columns = [...schema.columns];
  if (schema.date !== undefined) columns.push({ name: schema.date, kind: 'date', ...(schema.dateOrder ? { dateOrder: schema.dateOrder } : {}) });
  return columns;
}

interface Context {
  readonly n: number;
  readonly rows: PreparedRow[];
  readonly labels: Uint8Array;
  readonly folds: Int8Array;
  readonly k: number;
  readonly columns: ColumnSpec[];
  readonly rng: Rng;
  readonly g: number;
}

function assignFolds(table: Table, schema: RiskSchema, k: number, rng: Rng): Int8Array {
  const n = table.rows.length;
  const folds = new Int8Array(n);
  const groupCol = schema.group !== undefined ? table.header.indexOf(schema.group) : -1;
  if (groupCol >= 0) {
    // Every declaration (group) falls in one random fold with all its items.
    const foldOf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const raw = table.rows[i][groupCol] ?? '';
      if (isMissing(raw)) {
        folds[i] = rng.int(0, k - 1);
        continue;
      }
      let f = foldOf.get(raw);
      if (f === undefined) foldOf.set(raw, (f = rng.int(0, k - 1)));
      folds[i] = f;
    }
    return folds;
  }
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  for (let i = 0; i < n; i++) folds[order[i]] = i % k;
  return folds;
}

/** Builds per-level tables for a chain of keys; returns tables and the first row seen per entry. */
function buildChain(ctx: Context, keyOf: (r: number, level: number) => CountKey, levels: number, rowsToUse: ArrayLike<number> | null, trackFolds: boolean, numeric = false): { tables: CountTable[]; firstRow: number[][] } {
  const tables: CountTable[] = [];
  const firstRow: number[][] = [];
  for (let j = 0; j < levels; j++) {
    const t = new CountTable(1024, numeric);
    if (trackFolds) t.trackFolds(ctx.k);
    tables.push(t);
    firstRow.push([]);
  }
  const count = rowsToUse === null ? ctx.n : rowsToUse.length;
  for (let i = 0; i < count; i++) {
    const r = rowsToUse === null ? i : rowsToUse[i];
    const y = ctx.labels[r];
    const fold = trackFolds ? ctx.folds[r] : -1;
    for (let j = 0; j < levels; j++) {
      const idx = tables[j].add(keyOf(r, j), y, fold);
      if (idx === firstRow[j].length) firstRow[j].push(r);
    }
  }
  return { tables, firstRow };
}

/** Method-of-moments strengths, level by level: each level's prior is its parent's smoothed rate. */
function chainStrengths(tables: CountTable[], firstRow: number[][], keyOf: (r: number, level: number) => CountKey, topPrior: (r: number) => number): number[] {
  const strengths: number[] = [];
  for (let j = 0; j < tables.length; j++) {
    const t = tables[j];
    const size = t.length;
    const n = new Float64Array(size);
    const k = new Float64Array(size);
    const m = new Float64Array(size);
    for (let idx = 0; idx < size; idx++) {
      n[idx] = t.n(idx);
      k[idx] = t.k(idx);
      const r = firstRow[j][idx];
      let prior = topPrior(r);
      for (let p = 0; p < j; p++) {
        const pi = tables[p].find(keyOf(r, p));
        prior = smoothedRate(tables[p].k(pi), tables[p].n(pi), prior, strengths[p]);
      }
      m[idx] = prior;
    }
    strengths.push(estimateStrength(n, k, m, size));
  }
  return strengths;
}

function singlePostsFull(s: SingleEncoder, row: PreparedRow, g: number): number[] {
  const posts: number[] = [];
  let prior = g;
  const key = row.keys[s.column];
  for (let j = 0; j < s.levels.length; j++) {
    const t = s.tables[j];
    const idx = t.find(levelKey(key, s.levels[j]));
    prior = smoothedRate(t.k(idx), t.n(idx), prior, s.strengths[j]);
    posts.push(prior);
  }
  return posts;
}

/** Full-data smoothed rates of each single column per row, at every level: rates[single][level][row]. */
type LevelRates = Float64Array[][];
/** Entry of each row in each single column's level tables: index[single][level][row]. */
type LevelIndex = Int32Array[][];

function singleRates(ctx: Context, singles: SingleEncoder[]): LevelRates {
  return singles.map((s) => {
    const out = s.levels.map(() => new Float64Array(ctx.n));
    for (let r = 0; r < ctx.n; r++) {
      const posts = singlePostsFull(s, ctx.rows[r], ctx.g);
      for (let j = 0; j < posts.length; j++) out[j][r] = posts[j];
    }
    return out;
  });
}

function singleIndex(ctx: Context, singles: SingleEncoder[]): LevelIndex {
  return singles.map((s) => {
    const out = s.levels.map(() => new Int32Array(ctx.n));
    for (let r = 0; r < ctx.n; r++) {
      const key = ctx.rows[r].keys[s.column];
      for (let j = 0; j < s.levels.length; j++) out[j][r] = s.tables[j].find(levelKey(key, s.levels[j]));
    }
    return out;
  });
}

/**
 * The prior of a pair's level j for one row: A's rate at level j and B's rate combined as if
 * independent, shifted by the interaction (log-odds excess) learnt at level j - 1.
 */
function pairPrior(aRate: number, bRate: number, g: number, interaction: number): { prior: number; independent: number } {
  const independent = logit(aRate) + logit(bRate) - logit(g);
  return { prior: sigmoid(independent + interaction), independent };
}

function buildSingles(ctx: Context): SingleEncoder[] {
  const singles: SingleEncoder[] = [];
  ctx.columns.forEach((spec, c) => {
    if (!hasKey(spec)) return;
    const levels = spec.kind === 'code' ? [...(spec.levels ?? []), 0] : [0];
    const keyOf = (r: number, j: number): string => levelKey(ctx.rows[r].keys[c], levels[j]);
    const { tables, firstRow } = buildChain(ctx, keyOf, levels.length, null, true);
    const strengths = chainStrengths(tables, firstRow, keyOf, () => ctx.g);
    // Drop parent levels that add nothing: the same partition as the next level (an 8-digit
    // line per 10-digit code), or no spread between groups beyond chance (maximal strength).
    const keep = levels.map((_, j) => j === levels.length - 1 || (tables[j].length < tables[j + 1].length && strengths[j] < MAX_STRENGTH / 2));
    singles.push({ column: c, levels: levels.filter((_, j) => keep[j]), strengths: strengths.filter((_, j) => keep[j]), tables: tables.filter((_, j) => keep[j]) });
  });
  return singles;
}

/** Log loss of a probability for a label. */
function loss(p: number, y: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return y === 1 ? -Math.log(q) : -Math.log(1 - q);
}

/**
 * Out-of-fold smoothed rates of each single column for the rows of a sample, at every level,
 * and each column's log-loss gain over the global rate. Folds keep groups (declarations)
 * together, so a column that merely identifies a declaration earns nothing.
 */
function oofSingles(ctx: Context, singles: SingleEncoder[], sample: Int32Array): { levels: Float64Array[][]; gain: number[] } {
  const levels: Float64Array[][] = [];
  const gain: number[] = [];
  for (const s of singles) {
    const out = s.levels.map(() => new Float64Array(sample.length));
    let ll = 0;
    let llBase = 0;
    for (let i = 0; i < sample.length; i++) {
      const r = sample[i];
      const y = ctx.labels[r];
      const fold = ctx.folds[r];
      const key = ctx.rows[r].keys[s.column];
      let prior = ctx.g;
      for (let j = 0; j < s.levels.length; j++) {
        const t = s.tables[j];
        const idx = t.find(levelKey(key, s.levels[j]));
        prior = smoothedRate(t.k(idx, fold), t.n(idx, fold), prior, s.strengths[j]);
        out[j][i] = prior;
      }
      ll += loss(prior, y);
      llBase += loss(ctx.g, y);
    }
    levels.push(out);
    gain.push(llBase - ll);
  }
  return { levels, gain };
}

/**
 * Chooses the column pairs whose combined history predicts better than the two columns do
 * independently (leave-one-out log loss on a sample), e.g. HS code x origin, importer x HS.
 */
function selectPairs(ctx: Context, singles: SingleEncoder[], rates: LevelRates, maxPairs: number): { a: number; b: number; gain: number }[] {
  if (maxPairs <= 0 || singles.length < 2) return [];
  const sampleSize = Math.min(ctx.n, 20_000);
  const sample = Int32Array.from(ctx.rng.shuffle(Array.from({ length: ctx.n }, (_, i) => i)).slice(0, sampleSize)).sort();
  const loo = oofSingles(ctx, singles, sample);
  const candidates = singles.map((s, i) => ({ i, gain: loo.gain[i] })).filter((c) => c.gain > 0).sort((x, y) => y.gain - x.gain).slice(0, 12).map((c) => c.i);
  // Integer codes of each candidate column at each level, over the sample.
  const codes: Int32Array[][] = [];
  const cards: number[][] = [];
  for (const si of candidates) {
    const s = singles[si];
    codes[si] = [];
    cards[si] = [];
    for (const len of s.levels) {
      const index = new Map<string, number>();
      const out = new Int32Array(sample.length);
      for (let i = 0; i < sample.length; i++) {
        const key = levelKey(ctx.rows[sample[i]].keys[s.column], len);
        let c = index.get(key);
        if (c === undefined) index.set(key, (c = index.size));
        out[i] = c;
      }
      codes[si].push(out);
      cards[si].push(index.size);
    }
  }
  const m = sample.length;
  const K = ctx.k;
  const chosen: { a: number; b: number; gain: number }[] = [];
  for (let x = 0; x < candidates.length; x++) {
    for (let yI = x + 1; yI < candidates.length; yI++) {
      let ai = candidates[x];
      let bi = candidates[yI];
      if (singles[bi].levels.length > singles[ai].levels.length) [ai, bi] = [bi, ai];
      const levels = singles[ai].levels.length;
      const cb = codes[bi][codes[bi].length - 1];
      const cardB = cards[bi][cards[bi].length - 1];
      // Group ids per level, counts, and a representative row per group.
      const groupIds: Int32Array[] = [];
      const counts: { n: Float64Array; k: Float64Array; fn: Float64Array; fk: Float64Array; rep: Int32Array; size: number }[] = [];
      for (let j = 0; j < levels; j++) {
        const ca = codes[ai][j];
        const index = new Map<number, number>();
        const n = new Float64Array(m);
        const k = new Float64Array(m);
        const fn = new Float64Array(m * K);
        const fk = new Float64Array(m * K);
        const rep = new Int32Array(m);
        const ids = new Int32Array(m);
        for (let i = 0; i < m; i++) {
          const key = ca[i] * cardB + cb[i];
          let g = index.get(key);
          if (g === undefined) {
            g = index.size;
            index.set(key, g);
            rep[g] = i;
          }
          ids[i] = g;
          const y = ctx.labels[sample[i]];
          n[g]++;
          k[g] += y;
          fn[g * K + ctx.folds[sample[i]]]++;
          fk[g * K + ctx.folds[sample[i]]] += y;
        }
        groupIds.push(ids);
        counts.push({ n, k, fn, fk, rep, size: index.size });
      }
      // A pair no finer than one of its columns (each phone has one importer) adds nothing.
      if (counts[levels - 1].size <= 1.02 * Math.max(cards[ai][levels - 1], cardB)) continue;
      const strengths: number[] = [];
      const interactions: Float64Array[] = [];
      const bRates = rates[bi][rates[bi].length - 1];
      for (let j = 0; j < levels; j++) {
        const { n, k, rep, size } = counts[j];
        const prior = new Float64Array(size);
        const independent = new Float64Array(size);
        for (let g = 0; g < size; g++) {
          const i = rep[g];
          const p = pairPrior(rates[ai][j][sample[i]], bRates[sample[i]], ctx.g, j === 0 ? 0 : interactions[j - 1][groupIds[j - 1][i]]);
          prior[g] = p.prior;
          independent[g] = p.independent;
        }
        const st = estimateStrength(n, k, prior, size);
        strengths.push(st);
        const inter = new Float64Array(size);
        for (let g = 0; g < size; g++) inter[g] = logit(smoothedRate(k[g], n[g], prior[g], st)) - independent[g];
        interactions.push(inter);
      }
      let llPair = 0;
      let llBase = 0;
      let llA = 0;
      let llB = 0;
      const looA = loo.levels[ai];
      const looB = loo.levels[bi][loo.levels[bi].length - 1];
      for (let i = 0; i < m; i++) {
        const y = ctx.labels[sample[i]];
        const fold = ctx.folds[sample[i]];
        let interaction = 0;
        let post = ctx.g;
        for (let j = 0; j < levels; j++) {
          const g = groupIds[j][i];
          const c = counts[j];
          const p = pairPrior(looA[j][i], looB[i], ctx.g, interaction);
          post = smoothedRate(c.k[g] - c.fk[g * K + fold], c.n[g] - c.fn[g * K + fold], p.prior, strengths[j]);
          interaction = logit(post) - p.independent;
        }
        llPair += loss(post, y);
        llBase += loss(combineRates(looA[levels - 1][i], looB[i], ctx.g), y);
        llA += loss(looA[levels - 1][i], y);
        llB += loss(looB[i], y);
      }
      // Gain over the best the two columns give without the pair (redundant columns such as an
      // importer and its phone make the independent combination overconfident).
      const gain = Math.min(llBase, llA, llB) - llPair;
      if (gain > Math.max(3, 0.0003 * m)) chosen.push({ a: ai, b: bi, gain });
    }
  }
  return chosen.sort((p, q) => q.gain - p.gain).slice(0, maxPairs);
}

function buildPairs(ctx: Context, singles: SingleEncoder[], rates: LevelRates, index: LevelIndex, selected: { a: number; b: number }[]): PairEncoder[] {
  return selected.map(({ a, b }) => {
    const A = singles[a];
    const B = singles[b];
    const levels = A.levels;
    const bIndex = index[b][index[b].length - 1];
    const keyOf = (r: number, j: number): number => pairKey(index[a][j][r], bIndex[r]);
    const { tables, firstRow } = buildChain(ctx, keyOf, levels.length, null, true, true);
    const bRates = rates[b][rates[b].length - 1];
    const strengths: number[] = [];
    for (let j = 0; j < levels.length; j++) {
      const t = tables[j];
      const size = t.length;
      const n = new Float64Array(size);
      const k = new Float64Array(size);
      const m = new Float64Array(size);
      for (let idx = 0; idx < size; idx++) {
        n[idx] = t.n(idx);
        k[idx] = t.k(idx);
        // Walk the representative row down to level j with the strengths found so far.
        const r = firstRow[j][idx];
        let interaction = 0;
        for (let p = 0; p <= j; p++) {
          const pr = pairPrior(rates[a][p][r], bRates[r], ctx.g, interaction);
          if (p === j) {
            m[idx] = pr.prior;
            break;
          }
          const pi = tables[p].find(keyOf(r, p));
          interaction = logit(smoothedRate(tables[p].k(pi), tables[p].n(pi), pr.prior, strengths[p])) - pr.independent;
        }
      }
      strengths.push(estimateStrength(n, k, m, size));
    }
    // Keep the levels where pairs really differ (the others pass their prior through).
    const best = strengths.indexOf(Math.min(...strengths));
    const keep = strengths.map((st, j) => st < MAX_STRENGTH / 2 || j === best);
    const aLevels = levels.map((_, j) => j).filter((j) => keep[j]);
    return { a: A.column, b: B.column, singleA: a, singleB: b, aLevels, levels: aLevels.map((j) => levels[j]), strengths: aLevels.map((j) => strengths[j]), tables: aLevels.map((j) => tables[j]) };
  });
}

function buildWords(ctx: Context): WordEncoder[] {
  const out: WordEncoder[] = [];
  ctx.columns.forEach((spec, c) => {
    if (spec.kind !== 'text') return;
    const table = new CountTable(1024);
    table.trackFolds(ctx.k);
    for (let r = 0; r < ctx.n; r++) for (const w of words(ctx.rows[r].keys[c])) table.add(w, ctx.labels[r], ctx.folds[r]);
    const size = table.length;
    const n = new Float64Array(size);
    const k = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      n[i] = table.n(i);
      k[i] = table.k(i);
    }
    out.push({ column: c, strength: estimateStrength(n, k, new Float64Array(size).fill(ctx.g), size), table });
  });
  return out;
}

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

function buildRatios(ctx: Context): Ratio[] {
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

/** The single encoder whose groups serve as references for values: the richest hierarchical code, else the most telling category. */
function referenceSingle(ctx: Context, singles: SingleEncoder[], gains: number[] | null): number {
  let best = -1;
  let bestLevels = 0;
  singles.forEach((s, i) => {
    if (ctx.columns[s.column].kind !== 'code' || s.levels.length <= bestLevels) return;
    best = i;
    bestLevels = s.levels.length;
  });
  if (best >= 0 || gains === null) return best;
  let bestGain = 0;
  singles.forEach((s, i) => {
    const size = s.tables[s.tables.length - 1].length;
    if (size >= 10 && ctx.n / size >= 5 && gains[i] > bestGain) {
      bestGain = gains[i];
      best = i;
    }
  });
  return best;
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

function buildDeviations(ctx: Context, singles: SingleEncoder[], index: LevelIndex, ratios: Ratio[], gains: number[] | null): Deviation[] {
  const groupSingle = referenceSingle(ctx, singles, gains);
  if (groupSingle < 0) return [];
  const reference = singles[groupSingle];
  const levels = reference.levels;
  const subjects: { column: number; ratio: number }[] = [];
  ctx.columns.forEach((spec, c) => {
    if (spec.kind === 'numeric' && positiveShare(ctx, c) >= 0.8 && distinctCount(ctx, c, 20) >= 20) subjects.push({ column: c, ratio: -1 });
  });
  ratios.forEach((_, i) => subjects.push({ column: -1, ratio: i }));
  const valuesOf = (s: { column: number; ratio: number }): Float64Array => {
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
  };
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

function buildDistincts(ctx: Context, singles: SingleEncoder[], index: LevelIndex): Distinct[] {
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

/**
 * Batch counts to take: items per declaration (the group column) and, with a date, items and
 * declarations per day of the two most telling party columns (not codes).
 */
function chooseContext(ctx: Context, schema: RiskSchema, singles: SingleEncoder[], gains: number[]): ContextSpec | null {
  const entities = singles
    .map((s, i) => ({ s, gain: gains[i] }))
    .filter(({ s, gain }) => gain > 0 && ctx.columns[s.column].kind !== 'code' && ctx.columns[s.column].kind !== 'numeric' && s.tables[s.tables.length - 1].length >= 20)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, 2)
    .map(({ s }) => ctx.columns[s.column].name);
  const spec: ContextSpec = {
    ...(schema.group !== undefined ? { group: schema.group } : {}),
    ...(schema.date !== undefined ? { date: schema.date, ...(schema.dateOrder ? { dateOrder: schema.dateOrder } : {}) } : {}),
    entities: schema.date !== undefined ? entities : [],
  };
  return spec.group === undefined && spec.entities.length === 0 ? null : spec;
}

/**
 * Learns a risk model from labelled rows: smoothed hierarchical statistics (out of fold for the
 * training rows), derived numeric features, then boosted trees on top. See FeatureSpace.
 */
export function trainRiskModel(table: Table, schema: RiskSchema, options: TrainOptions = {}): RiskModel {
  const started = Date.now();
  const progress = options.onProgress ?? ((): void => undefined);
  const k = Math.max(2, Math.min(10, options.folds ?? 5));
  const seed = options.seed ?? 42;
  const rng = new Rng(seed);
  const labels = readLabels(table, schema.label);
  const n = table.rows.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i];
  if (n === 0) throw new RiskInputError('no training rows');
  if (positives === 0 || positives === n) throw new RiskInputError(`the training labels are all ${positives === 0 ? 0 : 1}: a model needs examples of both 0 and 1`, 'RISK.SINGLE_CLASS', schema.label);

  const columns = modelColumns(schema);
  const cellIndex = columns.map((c) => table.header.indexOf(c.name));
  cellIndex.forEach((ci, c) => {
    if (ci < 0) throw new RiskInputError(`column "${columns[c].name}" of the schema is not in the data`);
  });
  progress('reading', 0, n);
  const rows: PreparedRow[] = new Array(n);
  const cells: string[] = new Array(columns.length);
  for (let r = 0; r < n; r++) {
    const raw = table.rows[r];
    for (let c = 0; c < columns.length; c++) cells[c] = raw[cellIndex[c]];
    rows[r] = prepareRow(columns, cells);
  }
  const folds = assignFolds(table, schema, k, rng);
  const global = new CountTable(1);
  global.trackFolds(k);
  for (let r = 0; r < n; r++) global.add('', labels[r], folds[r]);
  const ctx: Context = { n, rows, labels, folds, k, columns, rng, g: positives / n };

  progress('statistics', 0, 1);
  const singles = buildSingles(ctx);
  progress('statistics: pairs', 0, 1);
  const rates = singleRates(ctx, singles);
  const index = singleIndex(ctx, singles);
  const selected = selectPairs(ctx, singles, rates, options.maxPairs ?? 10);
  progress('statistics: pairs built', 0, 1);
  const pairs = buildPairs(ctx, singles, rates, index, selected);
  progress('statistics: words', 0, 1);
  const wordEncoders = buildWords(ctx);
  const numerics = columns.map((c, i) => (c.kind === 'numeric' ? i : -1)).filter((i) => i >= 0);
  const ratios = buildRatios(ctx);
  const sampleForGains = Int32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, Math.min(n, 20_000))).sort();
  const gains = oofSingles(ctx, singles, sampleForGains).gain;
  progress('statistics: deviations', 0, 1);
  const deviations = buildDeviations(ctx, singles, index, ratios, gains);
  progress('statistics: distincts', 0, 1);
  const distincts = buildDistincts(ctx, singles, index);
  const dates = columns.map((c, i) => (c.kind === 'date' ? i : -1)).filter((i) => i >= 0);
  const contextSpec = chooseContext(ctx, schema, singles, gains);
  const space = new FeatureSpace({ columns, global, singles, pairs, words: wordEncoders, numerics, ratios, deviations, distincts, dates, context: contextSpec });
  progress('statistics', 1, 1);

  progress('features', 0, 1);
  // Out-of-fold feature matrix.
  const F = space.size;
  const x = new Float32Array(n * F);
  const scale = k / (k - 1);
  const batch = contextSpec === null ? null : BatchContext.fromTable(contextSpec, options.context ?? table);
  const contextValues = new Float64Array(space.contextSize);
  const contextColumns = batch === null ? null : batch.columnsIn(table.header);
  for (let r = 0; r < n; r++) {
    const raw = table.rows[r];
    if (batch !== null && contextColumns !== null) batch.fillRow(raw, contextColumns, contextValues, 0);
    space.fill(rows[r], x, r * F, folds[r], scale, batch === null ? null : contextValues);
  }
  space.dropFolds();

  // Validation rows: the most recent ones when there is a date, a random share otherwise.
  const share = options.validationShare ?? 0.15;
  let order: number[] = Array.from({ length: n }, (_, i) => i);
  const dateCol = schema.date !== undefined ? columns.length - 1 : -1;
  if (dateCol >= 0) order.sort((a, b) => (rows[a].nums[dateCol] || 0) - (rows[b].nums[dateCol] || 0) || a - b);
  else order = rng.shuffle(order);
  const nValid = n >= 200 ? Math.floor(n * share) : 0;
  const trainIdx = Int32Array.from(order.slice(0, n - nValid)).sort();
  const validIdx = Int32Array.from(order.slice(n - nValid)).sort();
  let validPos = 0;
  for (const r of validIdx) validPos += labels[r];

  const gbdtOptions: GbdtOptions = {
    ...DEFAULT_GBDT_OPTIONS,
    minDataInLeaf: Math.max(10, Math.min(100, Math.round(n / 2000))),
    seed,
    ...options.gbdt,
  };
  progress('binning', 0, 1);
  const edges = computeBinEdges(x, n, F, gbdtOptions.maxBins);
  const binned = binData(x, n, F, edges);
  let rounds = gbdtOptions.maxRounds;
  let validationLoss: number[] = [];
  if (nValid > 0 && validPos >= 5) {
    const first = trainGbdt(binned, labels, trainIdx, validIdx, gbdtOptions, (done, total) => progress('boosting (validation)', done, total));
    rounds = Math.max(10, Math.round(first.rounds * 1.1));
    validationLoss = first.validationLoss;
  } else rounds = Math.min(rounds, 150);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const members = Math.max(1, options.ensemble ?? 1);
  const forests = Array.from({ length: members }, (_, m) => trainGbdt(binned, labels, all, new Int32Array(0), { ...gbdtOptions, maxRounds: rounds, seed: gbdtOptions.seed + m * 7919 }, (done, total) => progress('boosting', done + m * total, total * members)).model);
  const final = { model: averageForests(forests), rounds: forests.reduce((a, f) => a + f.trees.length, 0) };

  const info: TrainingInfo = {
    rows: n,
    positives,
    features: space.names,
    pairs: pairs.map((p) => `${columns[p.a].name} x ${columns[p.b].name}`),
    rounds: final.rounds,
    bestValidationLoss: validationLoss.length > 0 ? Math.min(...validationLoss) : null,
    seconds: (Date.now() - started) / 1000,
    seed,
  };
  return new RiskModel(schema, space, final.model, info);
}

/** A full retrain with the same schema (e.g. nightly, after many inspection results). */
export function retrainRiskModel(model: RiskModel, table: Table, options: TrainOptions = {}): RiskModel {
  return trainRiskModel(table, model.schema, options);
}
