import type { Table } from '../schema/infer-schema';
import { isMissing, type DateOrder } from '../schema/values';
import { cachedDate, cellOf, type RiskRecord } from './prepared-row';

/**
 * Counts over the declarations known together (no labels): how many items a declaration has,
 * how many items and declarations an importer (or another party) lodged on the same day.
 * Split consignments show up here: five parcels of one importer, one day, each under the
 * threshold. The counts are taken over a batch (the training data, a test file, one day of
 * declarations); an item scored alone counts only itself.
 */
export interface ContextSpec {
  /** Column whose equal values form one declaration (items of a declaration). */
  readonly group?: string;
  readonly date?: string;
  readonly dateOrder?: DateOrder;
  /** Party columns counted per day (e.g. importer, declarant). */
  readonly entities: readonly string[];
}

const SEP = '\u001f';
const DAY = 86_400_000;

export function contextFeatureNames(spec: ContextSpec): string[] {
  const names: string[] = [];
  if (spec.group !== undefined) names.push(`items in the same ${spec.group}`);
  if (spec.date !== undefined) {
    for (const e of spec.entities) {
      names.push(`${e}: items the same day`);
      if (spec.group !== undefined) names.push(`${e}: ${spec.group} values the same day`);
    }
  }
  return names;
}

export function contextSize(spec: ContextSpec): number {
  return contextFeatureNames(spec).length;
}

type Getter = (name: string) => string | undefined;

export class BatchContext {
  private readonly groupCount = new Map<string, number>();
  private readonly daily: Map<string, number>[];
  private readonly dailyGroups: Map<string, number>[];

  private constructor(readonly spec: ContextSpec) {
    this.daily = spec.entities.map(() => new Map());
    this.dailyGroups = spec.entities.map(() => new Map());
    this.entityBuffer.length = spec.entities.length;
  }

  /** Counts over the rows of a table (columns found by name; absent ones count as missing). */
  static fromTable(spec: ContextSpec, table: Table): BatchContext {
    const ctx = new BatchContext(spec);
    const columns = ctx.columnsIn(table.header);
    const seenPairs = spec.entities.map(() => new Set<string>());
    const entities: (string | undefined)[] = new Array(spec.entities.length);
    for (const row of table.rows) {
      for (let i = 0; i < entities.length; i++) entities[i] = columns[i + 2] >= 0 ? row[columns[i + 2]] : undefined;
      ctx.add(columns[0] >= 0 ? row[columns[0]] : undefined, columns[1] >= 0 ? row[columns[1]] : undefined, entities, seenPairs);
    }
    return ctx;
  }

  /** Counts over records (e.g. the items of one declaration, or a day of declarations). */
  static fromRecords(spec: ContextSpec, records: readonly RiskRecord[]): BatchContext {
    const ctx = new BatchContext(spec);
    const seenPairs = spec.entities.map(() => new Set<string>());
    for (const record of records) {
      ctx.add(
        spec.group !== undefined ? cellOf(record[spec.group]) : undefined,
        spec.date !== undefined ? cellOf(record[spec.date]) : undefined,
        spec.entities.map((e) => cellOf(record[e])),
        seenPairs,
      );
    }
    return ctx;
  }

  private day(raw: string | undefined): number {
    if (raw === undefined) return NaN;
    const t = cachedDate(raw, this.spec.dateOrder);
    return Number.isNaN(t) ? NaN : Math.floor(t / DAY);
  }

  private add(group: string | undefined, dateRaw: string | undefined, entities: readonly (string | undefined)[], seenPairs: Set<string>[]): void {
    const hasGroup = group !== undefined && !isMissing(group);
    if (hasGroup) this.groupCount.set(group.trim(), (this.groupCount.get(group.trim()) ?? 0) + 1);
    const day = this.day(dateRaw);
    if (Number.isNaN(day)) return;
    entities.forEach((v, i) => {
      if (v === undefined || isMissing(v)) return;
      const key = v.trim() + SEP + day;
      this.daily[i].set(key, (this.daily[i].get(key) ?? 0) + 1);
      if (hasGroup) {
        const pair = key + SEP + group.trim();
        if (!seenPairs[i].has(pair)) {
          seenPairs[i].add(pair);
          this.dailyGroups[i].set(key, (this.dailyGroups[i].get(key) ?? 0) + 1);
        }
      }
    });
  }

  /** The context features of one row (at least 1: the row itself), written at out[offset..]. */
  fill(get: Getter, out: Float32Array | Float64Array, offset: number): void {
    const spec = this.spec;
    const group = spec.group !== undefined ? get(spec.group) : undefined;
    const dateRaw = spec.date !== undefined ? get(spec.date) : undefined;
    const entities = spec.entities.map((e) => get(e));
    this.write(group, dateRaw, entities, out, offset);
  }

  /** Positions of the context columns in a header, for fillRow (-1: absent). */
  columnsIn(header: readonly string[]): Int32Array {
    const spec = this.spec;
    return Int32Array.from([spec.group, spec.date, ...spec.entities], (name) => (name === undefined ? -1 : header.indexOf(name)));
  }

  /** fill() for a row of cells, with columnsIn(header) computed once per table. */
  fillRow(row: readonly string[], columns: Int32Array, out: Float32Array | Float64Array, offset: number): void {
    const entities = this.entityBuffer;
    for (let i = 0; i < entities.length; i++) entities[i] = columns[i + 2] >= 0 ? row[columns[i + 2]] : undefined;
    this.write(columns[0] >= 0 ? row[columns[0]] : undefined, columns[1] >= 0 ? row[columns[1]] : undefined, entities, out, offset);
  }

  private readonly entityBuffer: (string | undefined)[] = [];

  private write(group: string | undefined, dateRaw: string | undefined, entities: readonly (string | undefined)[], out: Float32Array | Float64Array, offset: number): void {
    let o = offset;
    const spec = this.spec;
    const hasGroup = group !== undefined && !isMissing(group);
    if (spec.group !== undefined) out[o++] = hasGroup ? Math.max(1, this.groupCount.get(group.trim()) ?? 1) : NaN;
    if (spec.date === undefined) return;
    const day = this.day(dateRaw);
    for (let i = 0; i < spec.entities.length; i++) {
      const v = entities[i];
      const missing = Number.isNaN(day) || v === undefined || isMissing(v);
      const key = missing ? '' : (v as string).trim() + SEP + day;
      out[o++] = missing ? NaN : Math.max(1, this.daily[i].get(key) ?? 1);
      if (spec.group !== undefined) out[o++] = missing || !hasGroup ? NaN : Math.max(1, this.dailyGroups[i].get(key) ?? 1);
    }
  }
}
