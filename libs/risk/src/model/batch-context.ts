import type { Table } from '../schema/infer-schema';
import { isMissing, type DateOrder } from '../schema/values';
import { IntIndex } from './count-table';
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

const DAY = 86_400_000;
/** Days are offset so that dates from 1900 on give non-negative numbers. */
const DAY_OFFSET = 25_567;
const DAYS = 1 << 17;

/** What each batch count is: items of the declaration, or items / declarations of a party that day. */
export interface ContextFeature {
  readonly kind: 'group' | 'rows' | 'groups';
  readonly entity?: string;
}

export function contextFeatures(spec: ContextSpec): ContextFeature[] {
  const out: ContextFeature[] = [];
  if (spec.group !== undefined) out.push({ kind: 'group' });
  if (spec.date !== undefined) {
    for (const e of spec.entities) {
      out.push({ kind: 'rows', entity: e });
      if (spec.group !== undefined) out.push({ kind: 'groups', entity: e });
    }
  }
  return out;
}

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

type Cell = string | undefined;

export class BatchContext {
  private readonly groupIds = new Map<string, number>();
  private groupCount: Int32Array = new Int32Array(0);
  private readonly entityIds: Map<string, number>[];
  private readonly daily: IntIndex[];
  private dailyRows: Int32Array[];
  private dailyGroups: Int32Array[];

  private constructor(readonly spec: ContextSpec) {
    this.entityIds = spec.entities.map(() => new Map());
    this.daily = spec.entities.map(() => new IntIndex(1024));
    this.dailyRows = spec.entities.map(() => new Int32Array(0));
    this.dailyGroups = spec.entities.map(() => new Int32Array(0));
  }

  /** Counts over the rows of a table (columns found by name; absent ones count as missing). */
  static fromTable(spec: ContextSpec, table: Table): BatchContext {
    const ctx = new BatchContext(spec);
    const columns = ctx.columnsIn(table.header);
    ctx.build(table.rows.length, (r, c) => (columns[c] >= 0 ? table.rows[r][columns[c]] : undefined));
    return ctx;
  }

  /** Counts over records (e.g. the items of one declaration, or a day of declarations). */
  static fromRecords(spec: ContextSpec, records: readonly RiskRecord[]): BatchContext {
    const ctx = new BatchContext(spec);
    const names = [spec.group, spec.date, ...spec.entities];
    ctx.build(records.length, (r, c) => (names[c] === undefined ? undefined : cellOf(records[r][names[c] as string])));
    return ctx;
  }

  /** Positions of the context columns in a header, for fillRow (-1: absent). */
  columnsIn(header: readonly string[]): Int32Array {
    const spec = this.spec;
    return Int32Array.from([spec.group, spec.date, ...spec.entities], (name) => (name === undefined ? -1 : header.indexOf(name)));
  }

  private day(raw: Cell): number {
    if (raw === undefined || this.spec.date === undefined) return -1;
    const t = cachedDate(raw, this.spec.dateOrder);
    if (Number.isNaN(t)) return -1;
    const d = Math.floor(t / DAY) + DAY_OFFSET;
    return d >= 0 && d < DAYS ? d : -1;
  }

  /** cell(r, c): c = 0 group, 1 date, 2.. entities. */
  private build(rows: number, cell: (r: number, c: number) => Cell): void {
    const groupOf = new Int32Array(rows).fill(-1);
    const counts: number[] = [];
    for (let r = 0; r < rows; r++) {
      const g = cell(r, 0);
      if (g === undefined || isMissing(g)) continue;
      const key = g.trim();
      let id = this.groupIds.get(key);
      if (id === undefined) {
        id = this.groupIds.size;
        this.groupIds.set(key, id);
        counts.push(0);
      }
      counts[id]++;
      groupOf[r] = id;
    }
    this.groupCount = Int32Array.from(counts);
    const groupCard = Math.max(1, this.groupIds.size);
    this.spec.entities.forEach((_, i) => {
      const ids = this.entityIds[i];
      const daily = this.daily[i];
      const slotOf = new Int32Array(rows).fill(-1);
      const rowCounts: number[] = [];
      for (let r = 0; r < rows; r++) {
        const v = cell(r, 2 + i);
        const day = this.day(cell(r, 1));
        if (v === undefined || day < 0 || isMissing(v)) continue;
        const key = v.trim();
        let id = ids.get(key);
        if (id === undefined) ids.set(key, (id = ids.size));
        const composite = id * DAYS + day;
        let slot = daily.get(composite);
        if (slot === undefined) {
          slot = rowCounts.length;
          daily.set(composite, slot);
          rowCounts.push(0);
        }
        rowCounts[slot]++;
        slotOf[r] = slot;
      }
      this.dailyRows[i] = Int32Array.from(rowCounts);
      // Distinct declarations per (party, day): sort (slot, group) pairs and count changes.
      const pairs = new Float64Array(rows);
      let m = 0;
      for (let r = 0; r < rows; r++) if (slotOf[r] >= 0 && groupOf[r] >= 0) pairs[m++] = slotOf[r] * groupCard + groupOf[r];
      const sorted = pairs.subarray(0, m).sort();
      const distinct = new Int32Array(rowCounts.length);
      for (let j = 0; j < m; j++) if (j === 0 || sorted[j] !== sorted[j - 1]) distinct[Math.floor(sorted[j] / groupCard)]++;
      this.dailyGroups[i] = distinct;
    });
  }

  /** The context features of a record (at least 1: the record itself), written at out[offset..]. */
  fill(get: (name: string) => string | undefined, out: Float32Array | Float64Array, offset: number): void {
    const spec = this.spec;
    this.write((c) => {
      const name = c === 0 ? spec.group : c === 1 ? spec.date : spec.entities[c - 2];
      return name === undefined ? undefined : get(name);
    }, out, offset);
  }

  /** fill() for a row of cells, with columnsIn(header) computed once per table. */
  fillRow(row: readonly string[], columns: Int32Array, out: Float32Array | Float64Array, offset: number): void {
    this.write((c) => (columns[c] >= 0 ? row[columns[c]] : undefined), out, offset);
  }

  private write(cell: (c: number) => Cell, out: Float32Array | Float64Array, offset: number): void {
    let o = offset;
    const spec = this.spec;
    const group = cell(0);
    const hasGroup = group !== undefined && !isMissing(group);
    if (spec.group !== undefined) {
      const id = hasGroup ? this.groupIds.get(group.trim()) : undefined;
      out[o++] = hasGroup ? (id === undefined ? 1 : Math.max(1, this.groupCount[id])) : NaN;
    }
    if (spec.date === undefined) return;
    const day = this.day(cell(1));
    for (let i = 0; i < spec.entities.length; i++) {
      const v = cell(2 + i);
      if (day < 0 || v === undefined || isMissing(v)) {
        out[o++] = NaN;
        if (spec.group !== undefined) out[o++] = NaN;
        continue;
      }
      const id = this.entityIds[i].get(v.trim());
      const slot = id === undefined ? undefined : this.daily[i].get(id * DAYS + day);
      out[o++] = slot === undefined ? 1 : Math.max(1, this.dailyRows[i][slot]);
      if (spec.group !== undefined) out[o++] = !hasGroup ? NaN : slot === undefined ? 1 : Math.max(1, this.dailyGroups[i][slot]);
    }
  }
}
