import type { ColumnSpec, RiskSchema, Table } from '../schema/infer-schema';
import { RiskInputError } from '../shared/risk-input-error';
import { Rng } from '../shared/rng';
import { BatchContext, type ContextSpec } from './batch-context';
import { CountTable } from './count-table';
import { distinctBin, FeatureSpace, type SingleEncoder } from './features';
import { binData, computeBinEdges, DEFAULT_GBDT_OPTIONS, Gbdt, trainGbdt, type GbdtOptions } from './gbdt';
import { buildDeviations, buildDistincts, buildRatios } from './learn-numeric';
import { assignFolds, buildCompatibilities, buildPairs, buildSingles, buildWords, fillCompatibilityBins, oofSingles, selectPairs, singleIndex, singleRates, type Context } from './learn-statistics';
import { prepareRow, type PreparedRow } from './prepared-row';
import { RiskModel, type TrainingInfo } from './risk-model';

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
  const compatibilities = buildCompatibilities(ctx, singles);
  const space = new FeatureSpace({ columns, global, singles, pairs, words: wordEncoders, numerics, ratios, deviations, distincts, dates, compatibilities, context: contextSpec });
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
  // Error rates by bin of each batch count, for reasons.
  for (let c = 0; c < space.contextSize; c++) {
    const at = F - space.contextSize + c;
    for (let r = 0; r < n; r++) {
      const v = x[r * F + at];
      if (v === v) space.contextBins[c].add(distinctBin(v), labels[r]);
    }
  }
  fillCompatibilityBins(ctx, compatibilities, (c, r) => x[r * F + space.names.indexOf(`words fit(${columns[c.text].name} ~ ${c.length === 0 ? columns[c.code].name : `${columns[c.code].name}[${c.length}]`}).min`)]);

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
    minDataInLeaf: Math.max(3, Math.min(100, Math.round(Math.sqrt(n) / 6))),
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

  // Trees that never split (too little data) rank nothing: score from the statistics instead.
  const learnt = final.model.trees.some((t) => t.feature.length > 0);
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
  return new RiskModel(schema, space, learnt ? final.model : null, info);
}

/** A full retrain with the same schema (e.g. nightly, after many inspection results). */
export function retrainRiskModel(model: RiskModel, table: Table, options: TrainOptions = {}): RiskModel {
  return trainRiskModel(table, model.schema, options);
}
