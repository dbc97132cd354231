import type { ColumnSpec, RiskSchema, Table } from '../schema/infer-schema';
import { isMissing, MISSING_KEY } from '../schema/values';
import type { Rng } from '../shared/rng';
import { CountTable, type CountKey } from './count-table';
import { compatibilityBin, levelKey, pairKey, wordCodeKey, type Compatibility, type PairEncoder, type SingleEncoder, type WordEncoder } from './features';
import { hasKey, words, type PreparedRow } from './prepared-row';
import { combineRates, estimateStrength, logit, MAX_STRENGTH, sigmoid, smoothedRate } from './smoothing';

/**
 * Learning the smoothed statistics: folds, per-level count tables, prior strengths by the
 * method of moments, the choice of column pairs, and the word tables of text columns.
 */

/** What the learning steps share: prepared rows, labels, folds, the global rate. */
export interface Context {
  readonly n: number;
  readonly rows: PreparedRow[];
  readonly labels: Uint8Array;
  readonly folds: Int8Array;
  readonly k: number;
  readonly columns: ColumnSpec[];
  readonly rng: Rng;
  readonly g: number;
}

export function assignFolds(table: Table, schema: RiskSchema, k: number, rng: Rng): Int8Array {
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
export type LevelRates = Float64Array[][];
/** Entry of each row in each single column's level tables: index[single][level][row]. */
export type LevelIndex = Int32Array[][];

export function singleRates(ctx: Context, singles: SingleEncoder[]): LevelRates {
  return singles.map((s) => {
    const out = s.levels.map(() => new Float64Array(ctx.n));
    for (let r = 0; r < ctx.n; r++) {
      const posts = singlePostsFull(s, ctx.rows[r], ctx.g);
      for (let j = 0; j < posts.length; j++) out[j][r] = posts[j];
    }
    return out;
  });
}

export function singleIndex(ctx: Context, singles: SingleEncoder[]): LevelIndex {
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

export function buildSingles(ctx: Context): SingleEncoder[] {
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
export function oofSingles(ctx: Context, singles: SingleEncoder[], sample: Int32Array): { levels: Float64Array[][]; gain: number[] } {
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
export function selectPairs(ctx: Context, singles: SingleEncoder[], rates: LevelRates, maxPairs: number): { a: number; b: number; gain: number }[] {
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

export function buildPairs(ctx: Context, singles: SingleEncoder[], rates: LevelRates, index: LevelIndex, selected: { a: number; b: number }[]): PairEncoder[] {
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

export function buildWords(ctx: Context): WordEncoder[] {
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


/**
 * Word-code fit for each text column against the richest hierarchical code (compared at its
 * 4-digit level when it has one): label-free counts of words, codes and (word, code) pairs, and
 * error rates by bin of the lowest word score, for reasons.
 */
export function buildCompatibilities(ctx: Context, singles: SingleEncoder[]): Compatibility[] {
  let code = -1;
  let codeLevels: readonly number[] = [];
  for (const s of singles) {
    const spec = ctx.columns[s.column];
    if (spec.kind === 'code' && (code < 0 || (spec.levels ?? []).length > codeLevels.length)) {
      code = s.column;
      codeLevels = spec.levels ?? [];
    }
  }
  if (code < 0) return [];
  const length = codeLevels.includes(4) ? 4 : 0;
  const out: Compatibility[] = [];
  ctx.columns.forEach((spec, text) => {
    if (spec.kind !== 'text') return;
    const wordCounts = new Map<string, number>();
    const pairs = new Map<string, number>();
    const codes = new Map<string, number>();
    let total = 0;
    for (let r = 0; r < ctx.n; r++) {
      const keys = ctx.rows[r].keys;
      if (keys[code] === MISSING_KEY || keys[text] === MISSING_KEY) continue;
      const c = levelKey(keys[code], length);
      total++;
      codes.set(c, (codes.get(c) ?? 0) + 1);
      for (const w of words(keys[text])) {
        wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
        const k = wordCodeKey(w, c);
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
    // Keep texts whose words tell the code (a description), not those that do not (an address):
    // on average a row's words must make its own code (leaving the row out) 3 times likelier.
    let fitSum = 0;
    let fitRows = 0;
    for (let r = 0; r < ctx.n; r += Math.max(1, Math.floor(ctx.n / 20_000))) {
      const keys = ctx.rows[r].keys;
      if (keys[code] === MISSING_KEY || keys[text] === MISSING_KEY) continue;
      const c = levelKey(keys[code], length);
      const pCode = ((codes.get(c) ?? 1) - 1 + 1) / (total - 1 + codes.size + 1);
      let sum = 0;
      let count = 0;
      for (const w of words(keys[text])) {
        const alone = (wordCounts.get(w) ?? 1) - 1;
        if (alone < 1) continue;
        sum += Math.log(((pairs.get(wordCodeKey(w, c)) ?? 1) - 1 + pCode) / (alone + 1) / pCode);
        count++;
      }
      if (count > 0) {
        fitSum += sum / count;
        fitRows++;
      }
    }
    if (fitRows === 0 || fitSum / fitRows < Math.log(3)) return;
    out.push({ text, code, length, words: wordCounts, pairs, codes, total, bins: new CountTable(8) });
  });
  return out;
}

/** Fills the reason bins of the word-code fits from the training rows' own (leave-one-out) scores. */
export function fillCompatibilityBins(ctx: Context, compatibilities: Compatibility[], scoreOf: (c: Compatibility, r: number) => number): void {
  for (const c of compatibilities) {
    for (let r = 0; r < ctx.n; r++) {
      const score = scoreOf(c, r);
      if (score === score) c.bins.add(compatibilityBin(score), ctx.labels[r]);
    }
  }
}
