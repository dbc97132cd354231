import { writeFileSync } from 'node:fs';
import { readCsvFile } from '../csv/read-csv';
import { csvLine } from '../csv/write-csv';
import { readLabels, trainRiskModel, type TrainOptions } from '../model/train';
import type { RiskModel } from '../model/risk-model';
import { inferSchema, type RiskSchema, type Table } from '../schema/infer-schema';
import { isMissing, parseNumber } from '../schema/values';
import { RiskInputError } from '../shared/risk-input-error';
import { rocAuc, selectionMetrics, type SelectionMetrics } from './metrics';

export const EVALUATION_RATES = [0.01, 0.02, 0.05, 0.1] as const;

export interface EvaluateOptions {
  readonly train: readonly string[];
  readonly test: string;
  readonly id: string;
  readonly label: string;
  readonly date?: string;
  readonly ignore?: readonly string[];
  /** Where to write `id,score`. */
  readonly scores: string;
  readonly seed?: number;
  readonly onProgress?: TrainOptions['onProgress'];
}

export interface EvaluationMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly auc: number;
  /** The column summed as revenue, or null when none was found (revenue = errors caught). */
  readonly revenueColumn: string | null;
  readonly selection: SelectionMetrics[];
}

export interface EvaluationReport {
  readonly schema: RiskSchema;
  readonly model: RiskModel;
  readonly trainRows: number;
  readonly testRows: number;
  readonly trainSeconds: number;
  readonly scoreSeconds: number;
  readonly warnings: string[];
  /** Present when the test file has the label column. */
  readonly metrics: EvaluationMetrics | null;
}

/** Reads the training files into one table (same columns in each, in any order), checking labels per file. */
export function readTrainingFiles(paths: readonly string[], label: string): Table {
  if (paths.length === 0) throw new RiskInputError('at least one --train file is needed');
  let header: readonly string[] | null = null;
  const rows: string[][] = [];
  for (const path of paths) {
    const table = readCsvFile(path);
    if (!table.header.includes(label)) throw new RiskInputError(`${path}: label column "${label}" is not in the header (columns: ${table.header.join(', ')})`);
    checkLabels(table, label, path);
    if (header === null) {
      header = table.header;
      rows.push(...(table.rows as string[][]));
      continue;
    }
    const first = header;
    const missing = first.filter((h) => !table.header.includes(h));
    const extra = table.header.filter((h) => !first.includes(h));
    if (missing.length > 0 || extra.length > 0) {
      throw new RiskInputError(`${path}: its columns differ from ${paths[0]}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; extra: ${extra.join(', ')}` : ''}`);
    }
    const map = first.map((h) => table.header.indexOf(h));
    for (const row of table.rows) rows.push(map.map((i) => row[i]));
  }
  return { header: header ?? [], rows };
}

function checkLabels(table: Table, label: string, source: string): void {
  try {
    readLabels(table, label);
  } catch (error) {
    if (error instanceof RiskInputError) throw new RiskInputError(`${source}: ${error.message.replace(/^row (\d+):/, (_, r: string) => `row ${r} (line ${Number(r) + 1}):`)}`, error.code);
    throw error;
  }
}

/** The numeric column to count as revenue: the first name containing revenue, duty, tax, value or amount. */
export function findRevenueColumn(table: Table, exclude: readonly string[]): string | null {
  for (const word of ['revenue', 'duty', 'tax', 'value', 'amount']) {
    for (let c = 0; c < table.header.length; c++) {
      const name = table.header[c];
      if (exclude.includes(name) || !name.toLowerCase().includes(word)) continue;
      let present = 0;
      let numeric = 0;
      for (const row of table.rows) {
        if (isMissing(row[c])) continue;
        present++;
        if (!Number.isNaN(parseNumber(row[c]))) numeric++;
      }
      if (present > 0 && numeric >= 0.95 * present) return name;
    }
  }
  return null;
}

/** Columns that predict the training label almost perfectly on their own: probably known only after inspection. */
function leakWarnings(table: Table, schema: RiskSchema, labels: Uint8Array): string[] {
  const warnings: string[] = [];
  for (const spec of schema.columns) {
    const c = table.header.indexOf(spec.name);
    const values = new Float64Array(table.rows.length);
    if (spec.kind === 'numeric') {
      for (let r = 0; r < table.rows.length; r++) values[r] = parseNumber(table.rows[r][c]);
    } else if (spec.kind === 'categorical' || spec.kind === 'code') {
      // Only columns with few values: a leaked outcome ("error type") has few.
      const stats = new Map<string, [number, number]>();
      let many = false;
      for (let r = 0; r < table.rows.length && !many; r++) {
        const key = table.rows[r][c] ?? '';
        let s = stats.get(key);
        if (s === undefined) {
          if (stats.size >= 50) many = true;
          stats.set(key, (s = [0, 0]));
        }
        s[0]++;
        s[1] += labels[r];
      }
      if (many) continue;
      for (let r = 0; r < table.rows.length; r++) {
        const s = stats.get(table.rows[r][c] ?? '') as [number, number];
        values[r] = s[1] / s[0];
      }
    } else continue;
    const auc = rocAuc(values, labels);
    const strength = Math.max(auc, 1 - auc);
    if (strength >= 0.98) warnings.push(`column "${spec.name}" alone separates the training labels (AUC ${strength.toFixed(3)}): if it is only known after inspection, pass --ignore ${spec.name}`);
  }
  return warnings;
}

/**
 * Learns from the training files, scores the test file (writing `id,score` in test order) and,
 * when the test file has labels, measures precision, recall and revenue at 1, 2, 5 and 10%
 * selection and the ROC AUC.
 */
export function runEvaluation(options: EvaluateOptions): EvaluationReport {
  const train = readTrainingFiles(options.train, options.label);
  const test = readCsvFile(options.test);
  if (!test.header.includes(options.id)) throw new RiskInputError(`${options.test}: id column "${options.id}" is not in the header (columns: ${test.header.join(', ')})`);
  // A label column left empty in every row means an unlabelled test file (no metrics).
  const testLabel = test.header.indexOf(options.label);
  const testHasLabel = testLabel >= 0 && test.rows.some((row) => (row[testLabel] ?? '').trim() !== '');
  if (testHasLabel) checkLabels(test, options.label, options.test);
  if (options.date !== undefined && !train.header.includes(options.date)) throw new RiskInputError(`${options.train[0]}: date column "${options.date}" is not in the header`);
  for (const name of options.ignore ?? []) {
    if (!train.header.includes(name)) throw new RiskInputError(`--ignore: column "${name}" is not in ${options.train[0]} (columns: ${train.header.join(', ')})`);
  }

  const schema = inferSchema(train, {
    label: options.label,
    ...(train.header.includes(options.id) ? { id: options.id } : {}),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ignore: options.ignore ?? [],
  });
  const labels = readLabels(train, options.label);
  const warnings = leakWarnings(train, schema, labels);
  const missingInTest = schema.columns.filter((c) => !test.header.includes(c.name)).map((c) => c.name);
  if (missingInTest.length > 0) warnings.push(`${options.test} lacks ${missingInTest.join(', ')}: treated as missing values`);

  const t0 = Date.now();
  // Batch counts (items per declaration, declarations per party and day) over every declaration
  // known, training and test alike: no labels are involved.
  const testIndex = train.header.map((h) => test.header.indexOf(h));
  const everything: Table = { header: train.header, rows: [...train.rows, ...test.rows.map((row) => testIndex.map((i) => (i >= 0 ? row[i] : '')))] };
  const model = trainRiskModel(train, schema, { seed: options.seed ?? 42, context: everything, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const trainSeconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const scores = model.scoreTable(test, { context: everything });
  const scoreSeconds = (Date.now() - t1) / 1000;

  const idCol = test.header.indexOf(options.id);
  const lines = ['id,score'];
  for (let r = 0; r < test.rows.length; r++) lines.push(csvLine([test.rows[r][idCol] ?? '', formatScore(scores[r])]));
  try {
    writeFileSync(options.scores, lines.join('\n') + '\n');
  } catch (error) {
    throw new RiskInputError(`cannot write ${options.scores}: ${(error as Error).message}`, 'RISK.UNWRITABLE_FILE');
  }

  let metrics: EvaluationMetrics | null = null;
  if (testHasLabel) {
    const testLabels = readLabels(test, options.label);
    const revenueColumn = findRevenueColumn(test, [options.label, options.id]);
    let revenue: Float64Array | null = null;
    if (revenueColumn !== null) {
      const c = test.header.indexOf(revenueColumn);
      revenue = Float64Array.from(test.rows, (row) => parseNumber(row[c]));
    }
    let positives = 0;
    for (const y of testLabels) positives += y;
    metrics = { rows: test.rows.length, positives, auc: rocAuc(scores, testLabels), revenueColumn, selection: selectionMetrics(scores, testLabels, EVALUATION_RATES, revenue) };
  }
  return { schema, model, trainRows: train.rows.length, testRows: test.rows.length, trainSeconds, scoreSeconds, warnings, metrics };
}

/** Enough digits to keep the ranking (no artificial ties). */
export function formatScore(p: number): string {
  if (!Number.isFinite(p)) return '0';
  return Number(p.toPrecision(10)).toString();
}
