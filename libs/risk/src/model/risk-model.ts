import type { RiskSchema, Table } from '../schema/infer-schema';
import { RiskInputError } from '../shared/risk-input-error';
import { CountTable } from './count-table';
import { FeatureSpace, type FeatureSpaceJSON, type Reason } from './features';
import { Gbdt, type GbdtJSON } from './gbdt';
import { BatchContext } from './batch-context';
import { cellOf, hasKey, prepareRow, type PreparedRow, type RiskRecord } from './prepared-row';
import { sigmoid } from './smoothing';


export interface RiskScore {
  /** Risk relative to the average item of the training data: 1 = average, 5 = five times as likely to hold an error. */
  readonly score: number;
  /** Estimated probability that an inspection finds an error. */
  readonly probability: number;
  /** Plain-language evidence from past inspections, largest weight first. */
  readonly reasons: Reason[];
}

export interface TrainingInfo {
  readonly rows: number;
  readonly positives: number;
  readonly features: string[];
  readonly pairs: string[];
  readonly rounds: number;
  readonly bestValidationLoss: number | null;
  readonly seconds: number;
  readonly seed: number;
}

export interface RiskModelJSON {
  readonly format: 'corridor-risk-model';
  readonly version: 1;
  readonly schema: RiskSchema;
  readonly space: FeatureSpaceJSON;
  readonly gbdt: GbdtJSON | null;
  readonly info: TrainingInfo;
}

/**
 * A trained (or empty) risk model for one kind of error. Scoring is item by item and cheap;
 * observe() folds one inspection result into the smoothed statistics at once (the trees are
 * only relearnt by a full retrain). Serialise with toJSON() / RiskModel.fromJSON().
 */
export class RiskModel {
  private readonly buffer: Float32Array;
  private readonly cells: string[];

  constructor(
    readonly schema: RiskSchema,
    readonly space: FeatureSpace,
    readonly gbdt: Gbdt | null,
    readonly info: TrainingInfo,
  ) {
    this.buffer = new Float32Array(space.size);
    this.cells = new Array(space.columns.length);
  }

  /** Average error rate of the training data (the reference for `score`). */
  get baseRate(): number {
    return this.info.rows > 0 ? this.info.positives / this.info.rows : this.space.globalRate();
  }

  /** Names of the fields a record should carry. */
  get fields(): string[] {
    return this.space.columns.map((c) => c.name);
  }

  private prepareRecord(record: RiskRecord): PreparedRow {
    const columns = this.space.columns;
    for (let c = 0; c < columns.length; c++) this.cells[c] = cellOf(record[columns[c].name]);
    return prepareRow(columns, this.cells);
  }

  private probabilityOf(row: PreparedRow, context: ArrayLike<number> | null): number {
    if (this.gbdt === null) return sigmoid(this.space.naiveLogit(row));
    this.space.fill(row, this.buffer, 0, -1, 1, context);
    return sigmoid(this.gbdt.predictRaw(this.buffer));
  }

  /**
   * Batch counts (items per declaration, declarations per importer and day...) over records
   * known together, e.g. all items of a declaration or a day's declarations; pass it to score().
   */
  batchContext(records: readonly RiskRecord[]): BatchContext | null {
    return this.space.context === null ? null : BatchContext.fromRecords(this.space.context, records);
  }

  /**
   * Scores one item, with up to `reasons` plain-language reasons (default 5). Without a batch
   * context the item counts as alone (one item, one declaration that day).
   */
  score(record: RiskRecord, options: { reasons?: number; context?: BatchContext | null } = {}): RiskScore {
    const row = this.prepareRecord(record);
    let context: Float64Array | null = null;
    if (options.context && this.space.contextSize > 0) {
      context = new Float64Array(this.space.contextSize);
      options.context.fill((name) => cellOf(record[name]), context, 0);
    }
    const probability = this.probabilityOf(row, context);
    const limit = options.reasons ?? 5;
    return { score: probability / this.baseRate, probability, reasons: limit > 0 ? this.space.explain(row, limit, context) : [] };
  }

  /**
   * Probability of an error for every row of a table (columns matched by name; absent ones are
   * missing). Batch counts are taken over `context` (default: the table itself).
   */
  scoreTable(table: Table, options: { context?: Table } = {}): Float64Array {
    const space = this.space;
    const columns = space.columns;
    const index = columns.map((c) => table.header.indexOf(c.name));
    const batch = space.context === null ? null : BatchContext.fromTable(space.context, options.context ?? table);
    const contextColumns = batch === null ? null : batch.columnsIn(table.header);
    const contextValues = new Float64Array(space.contextSize);
    const n = table.rows.length;
    const out = new Float64Array(n);
    const cells: (string | undefined)[] = new Array(columns.length);
    // Features of a block of rows, then the trees over the block.
    const BLOCK = 256;
    const F = space.size;
    const block = new Float32Array(BLOCK * F);
    const raw = new Float64Array(BLOCK);
    const reused: PreparedRow = { keys: new Array(columns.length), nums: new Float64Array(columns.length) };
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      for (let r = start; r < end; r++) {
        const row = table.rows[r];
        for (let c = 0; c < columns.length; c++) cells[c] = index[c] >= 0 ? row[index[c]] : undefined;
        if (batch !== null && contextColumns !== null) batch.fillRow(row, contextColumns, contextValues, 0);
        const prepared = prepareRow(columns, cells, reused);
        if (this.gbdt === null) out[r] = sigmoid(space.naiveLogit(prepared));
        else space.fill(prepared, block, (r - start) * F, -1, 1, batch === null ? null : contextValues);
      }
      if (this.gbdt === null) continue;
      this.gbdt.predictBlock(block, end - start, raw);
      for (let r = start; r < end; r++) out[r] = sigmoid(raw[r - start]);
    }
    return out;
  }

  /** Records one inspection result (label 1: an error was found) in the smoothed statistics. */
  observe(record: RiskRecord, label: 0 | 1): void {
    if (label !== 0 && label !== 1) throw new RiskInputError(`label must be 0 or 1, got ${String(label)}`, 'RISK.INVALID_LABEL');
    this.space.observe(this.prepareRecord(record), label);
  }

  toJSON(): RiskModelJSON {
    return { format: 'corridor-risk-model', version: 1, schema: this.schema, space: this.space.toJSON(), gbdt: this.gbdt === null ? null : this.gbdt.toJSON(), info: this.info };
  }

  static fromJSON(json: RiskModelJSON): RiskModel {
    if (json === null || typeof json !== 'object' || json.format !== 'corridor-risk-model' || json.version !== 1) throw new RiskInputError('not a corridor risk model (format/version mismatch)', 'RISK.INVALID_MODEL');
    return new RiskModel(json.schema, FeatureSpace.fromJSON(json.space), json.gbdt === null ? null : Gbdt.fromJSON(json.gbdt), json.info);
  }
}

/**
 * A model with no history: every item scores the same (so a selection by risk takes nothing)
 * until inspection results arrive through observe(); it then ranks items by the smoothed
 * statistics of their columns (naive Bayes) until a full training run adds the trees.
 */
export function createEmptyRiskModel(schema: RiskSchema, priorStrength = 20): RiskModel {
  const columns = [...schema.columns];
  const singles = columns
    .map((spec, column) => ({ spec, column }))
    .filter(({ spec }) => hasKey(spec))
    .map(({ spec, column }) => {
      const levels = spec.kind === 'code' ? [...(spec.levels ?? []), 0] : [0];
      return { column, levels, strengths: levels.map(() => priorStrength), tables: levels.map(() => new CountTable()) };
    });
  const space = new FeatureSpace({ columns, global: new CountTable(1), singles, pairs: [], words: [], numerics: [], ratios: [], deviations: [], distincts: [], dates: [], context: null });
  return new RiskModel(schema, space, null, { rows: 0, positives: 0, features: [], pairs: [], rounds: 0, bestValidationLoss: null, seconds: 0, seed: 0 });
}
