import type { ColumnSpec } from '../schema/infer-schema';
import { MISSING_KEY } from '../schema/values';
import { CountTable, type CountTableJSON } from './count-table';
import { contextFeatureNames, contextFeatures, contextSize, type ContextFeature, type ContextSpec } from './batch-context';
import { words, type PreparedRow } from './prepared-row';
import { logit, sigmoid, smoothedRate } from './smoothing';

/**
 * The features the boosted trees see, all computed from one prepared row and the model's
 * statistics, the same way at training (out of fold) and at scoring time:
 * - per column, the smoothed error rate at each level of its hierarchy and how often it was seen;
 * - per selected pair of columns (HS x origin, importer x HS...), the smoothed rate of the pair
 *   (its prior combines the two columns' rates), its count, and how far it departs from that prior;
 * - per text column, the highest and mean smoothed rate of its words;
 * - numbers as they are, log ratios between them (value per kg...), and how far a number or
 *   ratio lies from the median of its group (robust z: log distance / 1.4826 MAD), the group
 *   being the finest level of a hierarchical code with enough rows;
 * - how many distinct values of one column go with a value of another (phones per importer);
 * - month and weekday of dates.
 */

/** Groups need this many rows before their median is used as a reference. */
export const MIN_GROUP = 20;
/** Prior strength of the reason-only statistics (bins of deviations and distinct counts). */
const BIN_STRENGTH = 20;

export interface SingleEncoder {
  readonly column: number;
  /** Prefix lengths, coarse to fine; 0 = the whole key. */
  readonly levels: number[];
  readonly strengths: number[];
  readonly tables: CountTable[];
}

export interface PairEncoder {
  readonly a: number;
  readonly b: number;
  /** Index of the single encoders of a and b (their rates form the pair's prior). */
  readonly singleA: number;
  readonly singleB: number;
  /** Which levels of A the pair keeps (indices into A's levels), coarse to fine. */
  readonly aLevels: number[];
  /** Their prefix lengths (0: the whole value). */
  readonly levels: number[];
  readonly strengths: number[];
  /** Keyed by pairKey(entry of A at the level, finest entry of B) in the single tables. */
  readonly tables: CountTable[];
}

export interface WordEncoder {
  readonly column: number;
  readonly strength: number;
  readonly table: CountTable;
}

export interface Ratio {
  readonly a: number;
  readonly b: number;
}

/** Median, robust scale and row count per entry of a single column's level table (n 0: too few rows). */
export interface GroupMedians {
  readonly median: number[];
  readonly scale: number[];
  readonly n: number[];
}

export interface Deviation {
  /** A column (log of its positive values) or a ratio (index into ratios). */
  readonly column: number;
  readonly ratio: number;
  /** The single encoder whose groups (at each of its levels) are the references. */
  readonly groupSingle: number;
  readonly medians: GroupMedians[];
  readonly globalMedian: number;
  readonly globalScale: number;
  readonly bins: CountTable;
}

export interface Distinct {
  readonly a: number;
  readonly b: number;
  /** The single encoder of a; counts are per entry of its finest table. */
  readonly aSingle: number;
  readonly counts: number[];
  readonly bins: CountTable;
}

/**
 * How well the words of a text go with a code (SISAM's "the description is incompatible with
 * the HS code"): for each word, log P(code | word) / P(code) from label-free counts, smoothed
 * toward P(code). A television declared under "parts of televisions" scores low.
 */
export interface Compatibility {
  readonly text: number;
  readonly code: number;
  /** Prefix length of the code compared (0: the whole value). */
  readonly length: number;
  readonly words: Map<string, number>;
  readonly pairs: Map<string, number>;
  readonly codes: Map<string, number>;
  /** Rows counted (grows with observe). */
  total: number;
  /** Error rates by bin of the lowest word score (for reasons). */
  readonly bins: CountTable;
}

export function compatibilityBin(score: number): string {
  if (score <= -4) return '-4';
  if (score <= -2) return '-2';
  if (score <= -1) return '-1';
  if (score < 0) return '0';
  return '+';
}

const WORD_CODE = '\u001f';

/** Key of a (word, code) pair in Compatibility.pairs. */
export function wordCodeKey(word: string, code: string): string {
  return word + WORD_CODE + code;
}

export interface FeatureSpaceParts {
  readonly columns: ColumnSpec[];
  readonly global: CountTable;
  readonly singles: SingleEncoder[];
  readonly pairs: PairEncoder[];
  readonly words: WordEncoder[];
  readonly numerics: number[];
  readonly ratios: Ratio[];
  readonly deviations: Deviation[];
  readonly distincts: Distinct[];
  readonly dates: number[];
  readonly compatibilities?: Compatibility[];
  /** Counts over the batch of declarations scored together (see BatchContext); null: none. */
  readonly context: ContextSpec | null;
  /** Error rates by bin of each batch count (for reasons). */
  readonly contextBins?: CountTable[];
}

export interface Reason {
  readonly text: string;
  /** Log-odds by which this evidence raises the error rate above the average item. */
  readonly weight: number;
}

/** Key of a pair entry from the entries of its two columns in their single tables. */
export const PAIR_BASE = 4_194_304;
export function pairKey(a: number, b: number): number {
  return a * PAIR_BASE + b;
}

export function levelKey(key: string, length: number): string {
  return length === 0 || key === MISSING_KEY || key.length <= length ? key : key.slice(0, length);
}

export function deviationBin(z: number): string {
  if (z <= -3) return '-3';
  if (z <= -2) return '-2';
  if (z <= -1) return '-1';
  if (z < 1) return '0';
  if (z < 2) return '1';
  if (z < 3) return '2';
  return '3';
}

export function distinctBin(count: number): string {
  if (count <= 1) return '1';
  if (count <= 2) return '2';
  if (count <= 4) return '3-4';
  if (count <= 9) return '5-9';
  return '10+';
}

function fmtRate(k: number, n: number): string {
  return `${Math.round(k)} of ${Math.round(n)}`;
}

function display(key: string): string {
  return key === MISSING_KEY ? '(empty)' : key;
}

export class FeatureSpace {
  readonly columns: ColumnSpec[];
  readonly global: CountTable;
  readonly singles: SingleEncoder[];
  readonly pairs: PairEncoder[];
  readonly words: WordEncoder[];
  readonly numerics: number[];
  readonly ratios: Ratio[];
  readonly deviations: Deviation[];
  readonly distincts: Distinct[];
  readonly dates: number[];
  readonly compatibilities: Compatibility[];
  readonly context: ContextSpec | null;
  readonly contextSize: number;
  readonly contextBins: CountTable[];
  private readonly contextKinds: ContextFeature[];
  readonly names: string[];
  private readonly singlePosts: Float64Array[];
  /** logit of singlePosts, computed once per row. */
  private readonly singleLogits: Float64Array[];
  /** Per single, per level: the entry index of the current row (-1: unseen). */
  private readonly singleIdx: Int32Array[];
  /** Per single with levels: parents[j][finest entry] = entry at level j. */
  private readonly parents: Int32Array[][];
  private readonly pairState = { post: 0, interaction: 0 };
  private readonly pairLevelPosts = new Float64Array(16);
  private readonly pairLevelIdx = new Int32Array(16);
  private readonly pairLevelLift = new Float64Array(16);

  constructor(parts: FeatureSpaceParts) {
    this.columns = parts.columns;
    this.global = parts.global;
    this.singles = parts.singles;
    this.pairs = parts.pairs;
    this.words = parts.words;
    this.numerics = parts.numerics;
    this.ratios = parts.ratios;
    this.deviations = parts.deviations;
    this.distincts = parts.distincts;
    this.dates = parts.dates;
    this.compatibilities = parts.compatibilities ?? [];
    this.context = parts.context;
    this.contextSize = parts.context === null ? 0 : contextSize(parts.context);
    this.contextKinds = parts.context === null ? [] : contextFeatures(parts.context);
    this.contextBins = parts.contextBins ?? this.contextKinds.map(() => new CountTable(8));
    this.singlePosts = this.singles.map((s) => new Float64Array(s.levels.length));
    this.singleLogits = this.singles.map((s) => new Float64Array(s.levels.length));
    this.singleIdx = this.singles.map((s) => new Int32Array(s.levels.length));
    this.parents = this.singles.map((s) => {
      if (s.levels[s.levels.length - 1] !== 0) throw new Error('the finest level of a column must be its whole value');
      const last = s.tables[s.tables.length - 1];
      const arrays = s.levels.slice(0, -1).map(() => new Int32Array(Math.max(16, last.length)));
      for (const [key, f] of last.entries()) for (let j = 0; j < arrays.length; j++) arrays[j][f] = s.tables[j].find(levelKey(key as string, s.levels[j]));
      return arrays;
    });
    this.names = this.featureNames();
  }

  get size(): number {
    return this.names.length;
  }

  private name(c: number): string {
    return this.columns[c].name;
  }

  private levelName(c: number, length: number): string {
    return length === 0 ? this.name(c) : `${this.name(c)}[${length}]`;
  }

  private featureNames(): string[] {
    const names: string[] = [];
    for (const s of this.singles) {
      if (s.levels.length > 1) for (const l of s.levels) names.push(`rate(${this.levelName(s.column, l)})`);
      else names.push(`rate(${this.name(s.column)})`);
      names.push(`count(${this.name(s.column)})`);
    }
    for (const p of this.pairs) {
      const label = `${this.name(p.a)} x ${this.name(p.b)}`;
      names.push(`rate(${label})`, `count(${label})`, `lift(${label})`);
    }
    for (const w of this.words) names.push(`words(${this.name(w.column)}).max`, `words(${this.name(w.column)}).mean`);
    for (const c of this.numerics) names.push(this.name(c));
    for (const r of this.ratios) names.push(`log(${this.name(r.a)}/${this.name(r.b)})`);
    for (const d of this.deviations) names.push(`z(${this.deviationSubject(d)} | ${this.name(this.singles[d.groupSingle].column)})`);
    for (const d of this.distincts) names.push(`distinct(${this.name(d.b)} per ${this.name(d.a)})`);
    for (const c of this.dates) names.push(`month(${this.name(c)})`, `weekday(${this.name(c)})`);
    if (this.singles.length > 0) names.push('evidence(sum)');
    for (const c of this.compatibilities) {
      const label = `${this.name(c.text)} ~ ${this.levelName(c.code, c.length)}`;
      names.push(`words fit(${label}).min`, `words fit(${label}).mean`);
    }
    if (this.context !== null) names.push(...contextFeatureNames(this.context));
    return names;
  }

  private deviationSubject(d: Deviation): string {
    if (d.ratio >= 0) return `${this.name(this.ratios[d.ratio].a)} per ${this.name(this.ratios[d.ratio].b)}`;
    return this.name(d.column);
  }

  /** Smoothed global error rate, leaving out one fold (fold < 0: all data). */
  globalRate(fold = -1): number {
    const i = this.global.find('');
    return smoothedRate(this.global.k(i, fold), this.global.n(i, fold), 0.05, 2);
  }

  /**
   * Walks a single column's hierarchy from the global rate down; fills singlePosts[si] and
   * singleIdx[si]. A known finest value finds its parents by index (one hash lookup per column).
   */
  private walkSingle(si: number, key: string, fold: number, g: number): void {
    const s = this.singles[si];
    const posts = this.singlePosts[si];
    const idx = this.singleIdx[si];
    const last = s.levels.length - 1;
    const f = s.tables[last].find(key);
    idx[last] = f;
    if (last > 0) {
      const parents = this.parents[si];
      if (f >= 0 && f < parents[0].length) for (let j = 0; j < last; j++) idx[j] = parents[j][f];
      else for (let j = 0; j < last; j++) idx[j] = s.tables[j].find(levelKey(key, s.levels[j]));
    }
    const logits = this.singleLogits[si];
    let prior = g;
    for (let j = 0; j <= last; j++) {
      const table = s.tables[j];
      prior = smoothedRate(table.k(idx[j], fold), table.n(idx[j], fold), prior, s.strengths[j]);
      posts[j] = prior;
      logits[j] = logit(prior);
    }
  }

  /**
   * Walks a pair's hierarchy (A's levels x B). The prior of each level is what A at that level
   * and B imply independently (odds combined), shifted by the interaction learnt one level up:
   * a coarse "chapter 08 from EC" excess carries down to its headings, while each heading keeps
   * its own rate. Needs walkSingle of A and B first. Leaves the final rate and interaction in
   * pairState; returns the index of the finest entry.
   */
  private walkPair(p: PairEncoder, fold: number, g: number): number {
    const a = this.singleLogits[p.singleA];
    const b = this.singleLogits[p.singleB];
    const ia = this.singleIdx[p.singleA];
    const ibs = this.singleIdx[p.singleB];
    const ib = ibs[ibs.length - 1];
    const shift = b[b.length - 1] - logit(g);
    let interaction = 0;
    let idx = -1;
    const last = p.levels.length - 1;
    for (let j = 0; j <= last; j++) {
      const table = p.tables[j];
      const al = p.aLevels[j];
      idx = ia[al] >= 0 && ib >= 0 ? table.find(pairKey(ia[al], ib)) : -1;
      const n = table.n(idx, fold);
      this.pairLevelIdx[j] = idx;
      // An unseen level keeps its prior (the interaction carries over unchanged), and so do
      // all finer ones: a finer entry only exists where its coarser one does.
      if (n === 0) {
        for (let k = j + 1; k <= last; k++) this.pairLevelIdx[k] = -1;
        idx = -1;
        break;
      }
      const independent = a[al] + shift;
      const post = smoothedRate(table.k(idx, fold), n, sigmoid(independent + interaction), p.strengths[j]);
      interaction = logit(post) - independent;
      this.pairLevelPosts[j] = post;
      this.pairLevelLift[j] = interaction;
    }
    // The pair's rate: A at its finest level with B, plus the interaction learnt for the pair.
    const post = sigmoid(a[a.length - 1] + shift + interaction);
    this.pairState.post = post;
    this.pairState.interaction = interaction;
    return idx;
  }

  /**
   * Writes the features of one row into out[offset..offset+size). fold >= 0 leaves that fold
   * out of every statistic (training); countScale rescales the counts to the full data.
   */
  fill(row: PreparedRow, out: Float32Array, offset: number, fold = -1, countScale = 1, context: ArrayLike<number> | null = null): void {
    const keys = row.keys;
    const nums = row.nums;
    const g = this.globalRate(fold);
    let o = offset;
    const base = logit(g);
    let evidence = 0;
    for (let si = 0; si < this.singles.length; si++) {
      const s = this.singles[si];
      const posts = this.singlePosts[si];
      this.walkSingle(si, keys[s.column], fold, g);
      const last = posts.length - 1;
      evidence += this.singleLogits[si][last] - base;
      if (last > 0) for (let j = 0; j <= last; j++) out[o++] = posts[j];
      else out[o++] = posts[0];
      out[o++] = s.tables[last].n(this.singleIdx[si][last], fold) * countScale;
    }
    for (const p of this.pairs) {
      const idx = this.walkPair(p, fold, g);
      out[o++] = this.pairState.post;
      out[o++] = p.tables[p.tables.length - 1].n(idx, fold) * countScale;
      out[o++] = this.pairState.interaction;
      evidence += this.pairState.interaction;
    }
    for (const w of this.words) {
      const tokens = words(keys[w.column]);
      let max = NaN;
      let sum = 0;
      for (const t of tokens) {
        const idx = w.table.find(t);
        const r = smoothedRate(w.table.k(idx, fold), w.table.n(idx, fold), g, w.strength);
        if (!(r <= max)) max = r;
        sum += r;
      }
      out[o++] = max;
      out[o++] = tokens.length > 0 ? sum / tokens.length : NaN;
    }
    for (const c of this.numerics) out[o++] = nums[c];
    for (let r = 0; r < this.ratios.length; r++) {
      const a = nums[this.ratios[r].a];
      const b = nums[this.ratios[r].b];
      out[o++] = a > 0 && b > 0 ? Math.log(a / b) : NaN;
    }
    for (const d of this.deviations) {
      this.deviation(d, row);
      out[o++] = this.dev.z;
    }
    for (const d of this.distincts) {
      if (keys[d.a] === MISSING_KEY) {
        out[o++] = NaN;
        continue;
      }
      const ia = this.singleIdx[d.aSingle];
      const f = ia[ia.length - 1];
      out[o++] = f >= 0 && f < d.counts.length ? Math.max(1, d.counts[f]) : 1;
    }
    for (const c of this.dates) {
      const t = nums[c];
      if (t !== t) {
        out[o++] = NaN;
        out[o++] = NaN;
      } else {
        const date = new Date(t);
        out[o++] = date.getUTCMonth() + 1;
        out[o++] = date.getUTCDay();
      }
    }
    if (this.singles.length > 0) out[o++] = evidence;
    for (const c of this.compatibilities) {
      this.compatibility(c, row, fold >= 0 ? 1 : 0);
      out[o++] = this.fit.min;
      out[o++] = this.fit.mean;
    }
    // Batch counts: given by the caller, else the item alone (1).
    for (let c = 0; c < this.contextSize; c++) out[o++] = context === null ? 1 : context[c];
  }

  /** Scratch result of deviation(): value compared (log), robust z, reference median, level used (-1: all items), n. */
  private readonly dev = { q: NaN, z: NaN, median: NaN, level: -1, n: 0 };

  /**
   * The value compared (log scale) and its robust z against the finest group of the reference
   * column with enough rows (walkSingle of that column first); result in this.dev.
   */
  private deviation(d: Deviation, row: PreparedRow): void {
    const dev = this.dev;
    let q: number;
    if (d.ratio >= 0) {
      const a = row.nums[this.ratios[d.ratio].a];
      const b = row.nums[this.ratios[d.ratio].b];
      q = a > 0 && b > 0 ? Math.log(a / b) : NaN;
    } else {
      const v = row.nums[d.column];
      q = v > 0 ? Math.log(v) : NaN;
    }
    dev.q = q;
    dev.level = -1;
    dev.n = 0;
    if (q !== q) {
      dev.z = NaN;
      dev.median = NaN;
      return;
    }
    const idx = this.singleIdx[d.groupSingle];
    for (let j = d.medians.length - 1; j >= 0; j--) {
      const m = d.medians[j];
      const i = idx[j];
      if (i >= 0 && i < m.n.length && m.n[i] > 0) {
        dev.z = (q - m.median[i]) / m.scale[i];
        dev.median = m.median[i];
        dev.level = j;
        dev.n = m.n[i];
        return;
      }
    }
    dev.z = (q - d.globalMedian) / d.globalScale;
    dev.median = d.globalMedian;
  }

  /** Scratch result of compatibility(): lowest and mean word score, the lowest word and its counts. */
  private readonly fit = { min: NaN, mean: NaN, word: '', code: '', together: 0, alone: 0 };

  /**
   * Word scores log P(code | word) / P(code) of a row's text, leaving the row itself out of the
   * counts when it is a training row (self = 1); result in this.fit.
   */
  private compatibility(c: Compatibility, row: PreparedRow, self: number): void {
    const fit = this.fit;
    fit.min = NaN;
    fit.mean = NaN;
    fit.word = '';
    const key = row.keys[c.code];
    const text = row.keys[c.text];
    if (key === MISSING_KEY || text === MISSING_KEY) return;
    const code = levelKey(key, c.length);
    const pCode = ((c.codes.get(code) ?? self) - self + 1) / (c.total - self + c.codes.size + 1);
    let sum = 0;
    let count = 0;
    for (const w of words(text)) {
      const alone = (c.words.get(w) ?? self) - self;
      if (alone < 1) continue;
      const together = (c.pairs.get(wordCodeKey(w, code)) ?? self) - self;
      const score = Math.log((together + pCode) / (alone + 1) / pCode);
      sum += score;
      count++;
      if (!(score >= fit.min)) {
        fit.min = score;
        fit.word = w;
        fit.code = code;
        fit.together = together;
        fit.alone = alone;
      }
    }
    if (count > 0) fit.mean = sum / count;
  }

  /**
   * Plain-language reasons behind a row's risk, from the smoothed statistics only, so that an
   * officer can check them: counts of past inspections of the same code, importer, pair...,
   * unusual values against their group's median, words of the description, distinct phones.
   * Each carries its weight in log-odds over the average item; largest first.
   */
  explain(row: PreparedRow, limit = 5, context: ArrayLike<number> | null = null): Reason[] {
    const reasons: Reason[] = [];
    const g = this.globalRate();
    const base = logit(g);
    const minN = 3;
    for (let si = 0; si < this.singles.length; si++) {
      const s = this.singles[si];
      const key = row.keys[s.column];
      this.walkSingle(si, key, -1, g);
      const posts = this.singlePosts[si];
      const idx = this.singleIdx[si];
      for (let j = s.levels.length - 1; j >= 0; j--) {
        const table = s.tables[j];
        const n = table.n(idx[j]);
        if (n < minN) continue;
        // The counts shown must speak for the risk: a clean code under a risky heading is not a reason.
        if (table.k(idx[j]) / n <= g) break;
        const level = j < s.levels.length - 1 ? ` (first ${s.levels[j]} digits)` : '';
        reasons.push({ text: `${this.name(s.column)} ${display(levelKey(key, s.levels[j]))}${level}: ${fmtRate(table.k(idx[j]), n)} past inspections found an error`, weight: logit(posts[j]) - base });
        break;
      }
    }
    for (const p of this.pairs) {
      // Show the finest level with enough history, weighted by its smoothed rate.
      this.walkPair(p, -1, g);
      for (let j = p.levels.length - 1; j >= 0; j--) {
        const table = p.tables[j];
        const idx = this.pairLevelIdx[j];
        const n = table.n(idx);
        if (n < minN) continue;
        // Only when the pair is riskier than its two columns predict (its counts say so).
        if (this.pairLevelLift[j] < 0.1) break;
        const ka = levelKey(row.keys[p.a], p.levels[j]);
        const weight = logit(this.pairLevelPosts[j]) - base;
        reasons.push({ text: `${this.name(p.a)} ${display(ka)} with ${this.name(p.b)} ${display(row.keys[p.b])}: ${fmtRate(table.k(idx), n)} past inspections found an error`, weight });
        break;
      }
    }
    for (const w of this.words) {
      let best: Reason | null = null;
      for (const t of words(row.keys[w.column])) {
        const idx = w.table.find(t);
        const n = w.table.n(idx);
        if (n < minN) continue;
        const weight = logit(smoothedRate(w.table.k(idx), n, g, w.strength)) - base;
        if (best === null || weight > best.weight) best = { text: `${this.name(w.column)} contains "${t}": ${fmtRate(w.table.k(idx), n)} past inspections found an error`, weight };
      }
      if (best !== null) reasons.push(best);
    }
    for (const d of this.deviations) {
      this.deviation(d, row);
      const dev = this.dev;
      if (!(Math.abs(dev.z) >= 2)) continue;
      const bin = d.bins.find(deviationBin(dev.z));
      const n = d.bins.n(bin);
      if (n < minN) continue;
      const weight = logit(smoothedRate(d.bins.k(bin), n, g, BIN_STRENGTH)) - base;
      const factor = Math.exp(Math.abs(dev.q - dev.median));
      const single = this.singles[d.groupSingle];
      const where = dev.level >= 0 ? `${this.name(single.column)} ${display(levelKey(row.keys[single.column], single.levels[dev.level]))} (n=${dev.n})` : 'all items';
      const side = dev.z < 0 ? 'below' : 'above';
      reasons.push({ text: `${this.deviationSubject(d)} is ${factor.toFixed(1)}x ${side} the median for ${where}; ${fmtRate(d.bins.k(bin), n)} past items this far ${side} had an error`, weight });
    }
    for (const d of this.distincts) {
      const key = row.keys[d.a];
      if (key === MISSING_KEY) continue;
      const ia = this.singleIdx[d.aSingle];
      const f = ia[ia.length - 1];
      const count = f >= 0 && f < d.counts.length ? Math.max(1, d.counts[f]) : 1;
      if (count < 3) continue;
      const bin = d.bins.find(distinctBin(count));
      const n = d.bins.n(bin);
      if (n < minN) continue;
      const weight = logit(smoothedRate(d.bins.k(bin), n, g, BIN_STRENGTH)) - base;
      reasons.push({ text: `${this.name(d.a)} ${key} has used ${count} different ${this.name(d.b)} values; ${fmtRate(d.bins.k(bin), n)} past items of such cases had an error`, weight });
    }
    for (const c of this.compatibilities) {
      this.compatibility(c, row, 0);
      const fit = this.fit;
      if (!(fit.min <= -1) || fit.alone < 5) continue;
      const bin = c.bins.find(compatibilityBin(fit.min));
      const n = c.bins.n(bin);
      if (n < minN) continue;
      const weight = logit(smoothedRate(c.bins.k(bin), n, g, BIN_STRENGTH)) - base;
      reasons.push({
        text: `${this.name(c.text)} word "${fit.word}" seldom goes with ${this.name(c.code)} ${display(fit.code)} (${fit.together} of ${fit.alone} past items with this word); ${fmtRate(c.bins.k(bin), n)} past items with such a mismatch had an error`,
        weight,
      });
    }
    if (context !== null && this.context !== null) {
      const group = this.context.group ?? '';
      this.contextKinds.forEach((f, i) => {
        const v = context[i];
        if (!(v >= 3)) return;
        const bin = this.contextBins[i].find(distinctBin(v));
        const n = this.contextBins[i].n(bin);
        if (n < minN) return;
        const weight = logit(smoothedRate(this.contextBins[i].k(bin), n, g, BIN_STRENGTH)) - base;
        const c = f.entity === undefined ? -1 : this.columns.findIndex((col) => col.name === f.entity);
        const who = c >= 0 ? `${f.entity} ${display(row.keys[c])}` : (f.entity ?? '');
        const what = f.kind === 'group' ? `this ${group} has ${v} items` : f.kind === 'rows' ? `${who} lodged ${v} items that day` : `${who} lodged ${v} different ${group} values that day`;
        reasons.push({ text: `${what}; ${fmtRate(this.contextBins[i].k(bin), n)} past items in such cases had an error`, weight });
      });
    }
    // One reason per piece of evidence: the importer, its phone and its address, or a heading and
    // "heading with currency USD", often count the same inspections ("26 of 59"); keep the
    // plainest wording, with the strongest weight of the group.
    const groups = new Map<string, Reason[]>();
    const solo: Reason[] = [];
    for (const r of reasons) {
      if (!(r.weight > 0.05)) continue;
      const counts = /: (\d+ of \d+) past inspections/.exec(r.text)?.[1];
      if (counts === undefined) solo.push(r);
      else groups.set(counts, [...(groups.get(counts) ?? []), r]);
    }
    for (const group of groups.values()) {
      const plain = group.reduce((a, b) => (b.text.split(' with ').length < a.text.split(' with ').length || (b.text.split(' with ').length === a.text.split(' with ').length && b.weight > a.weight) ? b : a));
      solo.push({ text: plain.text, weight: Math.max(...group.map((r) => r.weight)) });
    }
    const out = solo
      .sort((x, y) => y.weight - x.weight)
      .slice(0, limit)
      .map((r) => ({ text: r.text, weight: Math.round(r.weight * 1000) / 1000 }));
    return out;
  }

  /** Records one inspection result in every statistic the row touches. */
  observe(row: PreparedRow, label: 0 | 1): void {
    this.global.add('', label);
    for (let si = 0; si < this.singles.length; si++) {
      const s = this.singles[si];
      const key = row.keys[s.column];
      const idx = this.singleIdx[si];
      for (let j = 0; j < s.levels.length; j++) idx[j] = s.tables[j].add(levelKey(key, s.levels[j]), label);
      const last = s.levels.length - 1;
      const f = idx[last];
      const parents = this.parents[si];
      for (let j = 0; j < last; j++) {
        if (f >= parents[j].length) {
          const grown = new Int32Array(Math.max(f + 1, parents[j].length * 2));
          grown.set(parents[j]);
          parents[j] = grown;
        }
        parents[j][f] = idx[j];
      }
    }
    for (const p of this.pairs) {
      const ia = this.singleIdx[p.singleA];
      const ibs = this.singleIdx[p.singleB];
      for (let j = 0; j < p.levels.length; j++) p.tables[j].add(pairKey(ia[p.aLevels[j]], ibs[ibs.length - 1]), label);
    }
    for (const w of this.words) for (const t of words(row.keys[w.column])) w.table.add(t, label);
    const g = this.globalRate();
    for (const d of this.deviations) {
      this.walkSingle(d.groupSingle, row.keys[this.singles[d.groupSingle].column], -1, g);
      this.deviation(d, row);
      if (this.dev.z === this.dev.z) d.bins.add(deviationBin(this.dev.z), label);
    }
    for (const d of this.distincts) {
      if (row.keys[d.a] === MISSING_KEY) continue;
      const ia = this.singleIdx[d.aSingle];
      const f = ia[ia.length - 1];
      d.bins.add(distinctBin(f < d.counts.length ? Math.max(1, d.counts[f]) : 1), label);
    }
    for (const c of this.compatibilities) {
      this.compatibility(c, row, 0);
      if (this.fit.min === this.fit.min) c.bins.add(compatibilityBin(this.fit.min), label);
      const key = row.keys[c.code];
      const text = row.keys[c.text];
      if (key === MISSING_KEY || text === MISSING_KEY) continue;
      const code = levelKey(key, c.length);
      c.total++;
      c.codes.set(code, (c.codes.get(code) ?? 0) + 1);
      for (const w of words(text)) {
        c.words.set(w, (c.words.get(w) ?? 0) + 1);
        c.pairs.set(wordCodeKey(w, code), (c.pairs.get(wordCodeKey(w, code)) ?? 0) + 1);
      }
    }
  }

  /** A naive-Bayes score from the column statistics alone (used before any tree is trained). */
  naiveLogit(row: PreparedRow): number {
    const g = this.globalRate();
    const base = logit(g);
    let s = base;
    for (let si = 0; si < this.singles.length; si++) {
      this.walkSingle(si, row.keys[this.singles[si].column], -1, g);
      const posts = this.singlePosts[si];
      s += 0.5 * (logit(posts[posts.length - 1]) - base);
    }
    return s;
  }

  dropFolds(): void {
    this.global.dropFolds();
    for (const s of this.singles) for (const t of s.tables) t.dropFolds();
    for (const p of this.pairs) for (const t of p.tables) t.dropFolds();
    for (const w of this.words) w.table.dropFolds();
  }

  toJSON(): FeatureSpaceJSON {
    return {
      columns: this.columns,
      global: this.global.toJSON(),
      singles: this.singles.map((s) => ({ column: s.column, levels: s.levels, strengths: s.strengths, tables: s.tables.map((t) => t.toJSON()) })),
      pairs: this.pairs.map((p) => ({ a: p.a, b: p.b, singleA: p.singleA, singleB: p.singleB, aLevels: p.aLevels, levels: p.levels, strengths: p.strengths, tables: p.tables.map((t) => t.toJSON()) })),
      words: this.words.map((w) => ({ column: w.column, strength: w.strength, table: w.table.toJSON() })),
      numerics: this.numerics,
      ratios: this.ratios,
      deviations: this.deviations.map((d) => ({
        column: d.column, ratio: d.ratio, groupSingle: d.groupSingle, globalMedian: d.globalMedian, globalScale: d.globalScale, bins: d.bins.toJSON(), medians: d.medians,
      })),
      distincts: this.distincts.map((d) => ({ a: d.a, b: d.b, aSingle: d.aSingle, counts: d.counts, bins: d.bins.toJSON() })),
      dates: this.dates,
      compatibilities: this.compatibilities.map((c) => ({
        text: c.text, code: c.code, length: c.length, total: c.total, bins: c.bins.toJSON(),
        words: [...c.words], pairs: [...c.pairs], codes: [...c.codes],
      })),
      context: this.context,
      contextBins: this.contextBins.map((b) => b.toJSON()),
    };
  }

  static fromJSON(json: FeatureSpaceJSON): FeatureSpace {
    return new FeatureSpace({
      columns: json.columns,
      global: CountTable.fromJSON(json.global),
      singles: json.singles.map((s) => ({ column: s.column, levels: s.levels, strengths: s.strengths, tables: s.tables.map((t) => CountTable.fromJSON(t)) })),
      pairs: json.pairs.map((p) => ({ ...p, tables: p.tables.map((t) => CountTable.fromJSON(t)) })),
      words: json.words.map((w) => ({ column: w.column, strength: w.strength, table: CountTable.fromJSON(w.table) })),
      numerics: json.numerics,
      ratios: json.ratios,
      deviations: json.deviations.map((d) => ({ ...d, bins: CountTable.fromJSON(d.bins) })),
      distincts: json.distincts.map((d) => ({ ...d, bins: CountTable.fromJSON(d.bins) })),
      dates: json.dates,
      compatibilities: (json.compatibilities ?? []).map((c) => ({
        text: c.text, code: c.code, length: c.length, total: c.total, bins: CountTable.fromJSON(c.bins),
        words: new Map(c.words), pairs: new Map(c.pairs), codes: new Map(c.codes),
      })),
      context: json.context ?? null,
      ...(json.contextBins ? { contextBins: json.contextBins.map((b) => CountTable.fromJSON(b)) } : {}),
    });
  }
}

export interface FeatureSpaceJSON {
  readonly columns: ColumnSpec[];
  readonly global: CountTableJSON;
  readonly singles: { column: number; levels: number[]; strengths: number[]; tables: CountTableJSON[] }[];
  readonly pairs: { a: number; b: number; singleA: number; singleB: number; aLevels: number[]; levels: number[]; strengths: number[]; tables: CountTableJSON[] }[];
  readonly words: { column: number; strength: number; table: CountTableJSON }[];
  readonly numerics: number[];
  readonly ratios: Ratio[];
  readonly deviations: { column: number; ratio: number; groupSingle: number; globalMedian: number; globalScale: number; bins: CountTableJSON; medians: GroupMedians[] }[];
  readonly distincts: { a: number; b: number; aSingle: number; counts: number[]; bins: CountTableJSON }[];
  readonly dates: number[];
  readonly compatibilities?: { text: number; code: number; length: number; total: number; bins: CountTableJSON; words: [string, number][]; pairs: [string, number][]; codes: [string, number][] }[];
  readonly context?: ContextSpec | null;
  readonly contextBins?: CountTableJSON[];
}
