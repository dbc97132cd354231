import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import type { GateEvaluation } from '../gates/evaluate-gate';
import type { DecisionInput, DecisionOutcome } from '../gates/decide';
import type { NewInitiative } from '../model/initiative';
import type { Direction, KpiDefinition } from '../model/kpi-definition';
import type { MeasurementSource, MeasurementView, NewMeasurement } from '../model/measurement';
import { plannedDays, type Phase, type PhasePlan } from '../model/phases';
import type { DecisionView } from '../model/views';
import type { SimulationRun } from '../runs/simulation-run';
import type { TrsEvent, TrsEventType } from '../trs/trs-aggregator';
import { DecisionRow, InitiativeRow, KpiDefinitionRow, MeasurementRow, PhaseSpellRow, RunRow, TrsEventRow } from './kpi.entities';

export interface StoredKpi extends KpiDefinition {
  createdAt: string;
}

export interface StoredSpell {
  phase: Phase;
  startedAt: string;
  endedAt: string | null;
  plannedMinDays: number | null;
  plannedMaxDays: number | null;
  decisionId: string | null;
}

export interface MeasurementFilter {
  kpi?: string;
  source?: MeasurementSource;
  runId?: string;
  from?: string;
  to?: string;
  limit: number;
}

export interface StoredRun extends SimulationRun {
  at: string;
  publishedAt: string;
  publishedBy: string;
  requestHash: string;
}

/** The tail of each SQLite DataSource's transaction queue. */
const sqliteTurns = new WeakMap<DataSource, Promise<unknown>>();

/** Latest first: measurement time, then recording time, then id so ties still have one answer. */
const LATEST_ORDER = 'ORDER BY m2.at DESC, m2.recorded_at DESC, m2.id DESC';

/** All SQL of the KPI context; each command's writes happen in one transaction. */
@Injectable()
export class KpiRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Embedded SQLite has one connection: a second BEGIN while a transaction is open fails ("cannot
   * start a transaction within a transaction"). Event handlers and concurrent requests do overlap,
   * so on SQLite this context's transactions take turns; PostgreSQL gives each its own connection.
   */
  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.db.options.type !== 'better-sqlite3') return this.db.transaction(work);
    const previous = sqliteTurns.get(this.db) ?? Promise.resolve();
    const mine = previous.then(() => this.db.transaction(work));
    sqliteTurns.set(this.db, mine.catch(() => undefined));
    return mine;
  }

  /**
   * Stores a new initiative with its first phase spell (and any earlier ones, for an initiative
   * registered part-way), its KPIs and any measurements, all or nothing.
   */
  async createInitiative(input: NewInitiative & { id?: string; earlierSpells?: Array<{ phase: Phase; startedAt: string; endedAt: string }>; measurements?: NewMeasurement[] }, by: string, at: string): Promise<string> {
    const id = input.id ?? randomUUID();
    await this.transaction(async (manager) => {
      // The initiative row goes first: a second process seeding the same id blocks here, then fails cleanly.
      await manager.getRepository(InitiativeRow).insert({
        id, name: input.name, description: input.description, owner: input.owner, phase: input.phase,
        phaseStartedAt: input.phaseStartedAt, plan: JSON.stringify(input.plan), createdAt: at, createdBy: by, updatedAt: at,
      });
      for (const spell of input.earlierSpells ?? []) await this.insertSpell(manager, id, spell.phase, spell.startedAt, input.plan, null, spell.endedAt);
      await this.insertSpell(manager, id, input.phase, input.phaseStartedAt, input.plan, null);
      for (const [position, kpi] of input.kpis.entries()) await this.insertKpi(manager, id, kpi, position, by, at);
      if (input.measurements?.length) await this.insertMeasurements(manager, id, new Map(input.kpis.map((k) => [k.key, k])), input.measurements, by, at);
    });
    return id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.getRepository(InitiativeRow).countBy({ id })) > 0;
  }

  async initiative(id: string): Promise<InitiativeRow> {
    const row = await this.db.getRepository(InitiativeRow).findOneBy({ id });
    if (!row) throw new NotFoundError('KPI.INITIATIVE_NOT_FOUND', `no initiative ${id}`);
    return row;
  }

  initiatives(): Promise<InitiativeRow[]> {
    return this.db.getRepository(InitiativeRow).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async kpis(initiativeId: string): Promise<StoredKpi[]> {
    return (await this.kpisOf([initiativeId])).get(initiativeId) ?? [];
  }

  /** KPIs per initiative, in the order they were defined. */
  async kpisOf(initiativeIds: string[]): Promise<Map<string, StoredKpi[]>> {
    const result = new Map<string, StoredKpi[]>();
    if (initiativeIds.length === 0) return result;
    const rows = await this.db.getRepository(KpiDefinitionRow).find({ where: { initiativeId: In(initiativeIds) }, order: { position: 'ASC', createdAt: 'ASC', key: 'ASC' } });
    for (const row of rows) {
      const list = result.get(row.initiativeId) ?? [];
      list.push(toKpi(row));
      result.set(row.initiativeId, list);
    }
    return result;
  }

  /** Adds a KPI; a key already used in the initiative is a 409. */
  async addKpi(initiativeId: string, kpi: KpiDefinition, by: string, at: string): Promise<void> {
    await this.transaction(async (manager) => {
      const count = await manager.getRepository(KpiDefinitionRow).countBy({ initiativeId });
      await this.insertKpi(manager, initiativeId, kpi, count, by, at);
      await manager.getRepository(InitiativeRow).update({ id: initiativeId }, { updatedAt: at });
    }).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('KPI.KEY_TAKEN', `the initiative already has a KPI "${kpi.key}"`, 'key');
      throw error;
    });
  }

  async updateKpi(initiativeId: string, kpi: KpiDefinition, at: string): Promise<void> {
    await this.db.getRepository(KpiDefinitionRow).update({ initiativeId, key: kpi.key }, {
      name: kpi.name, description: kpi.description, baselineValue: kpi.baseline?.value ?? null, baselineSource: kpi.baseline?.source ?? null,
      targets: JSON.stringify(kpi.targets), updatedAt: at,
    });
  }

  /** Appends measurements, all or nothing. */
  async addMeasurements(initiativeId: string, kpis: ReadonlyMap<string, KpiDefinition>, items: NewMeasurement[], by: string, at: string): Promise<MeasurementView[]> {
    return this.transaction((manager) => this.insertMeasurements(manager, initiativeId, kpis, items, by, at));
  }

  /**
   * Replaces the live measurements of the given runs (TRS buckets) in one transaction, so
   * recomputing a bucket after late events leaves one measurement per bucket, not two.
   */
  async replaceLiveMeasurements(initiativeId: string, kpis: ReadonlyMap<string, KpiDefinition>, items: NewMeasurement[], by: string, at: string): Promise<MeasurementView[]> {
    return this.transaction(async (manager) => {
      const keys = [...new Set(items.map((m) => `${m.kpi}\u0000${m.runId}`))];
      for (const key of keys) {
        const [kpi, runId] = key.split('\u0000');
        await manager.getRepository(MeasurementRow).delete({ initiativeId, kpiKey: kpi, runId, source: 'live' });
      }
      return this.insertMeasurements(manager, initiativeId, kpis, items, by, at);
    });
  }

  async findMeasurements(initiativeId: string, filter: MeasurementFilter): Promise<{ items: MeasurementView[]; total: number }> {
    const query = this.db.getRepository(MeasurementRow).createQueryBuilder('m').where('m.initiative_id = :initiativeId', { initiativeId });
    if (filter.kpi) query.andWhere('m.kpi_key = :kpi', { kpi: filter.kpi });
    if (filter.source) query.andWhere('m.source = :source', { source: filter.source });
    if (filter.runId) query.andWhere('m.run_id = :runId', { runId: filter.runId });
    if (filter.from) query.andWhere('m.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('m.at < :to', { to: filter.to });
    // The most recent `limit`, returned oldest first: what a time-series chart wants.
    const [rows, total] = await query.orderBy('m.at', 'DESC').addOrderBy('m.recorded_at', 'DESC').addOrderBy('m.id', 'DESC').take(filter.limit).getManyAndCount();
    return { items: rows.reverse().map(toMeasurement), total };
  }

  /** The latest measurement of every KPI of the given initiatives: initiative id -> KPI key -> measurement. */
  async latestMeasurements(initiativeIds: string[]): Promise<Map<string, Map<string, MeasurementView>>> {
    const result = new Map<string, Map<string, MeasurementView>>();
    if (initiativeIds.length === 0) return result;
    const rows = await this.db.getRepository(MeasurementRow).createQueryBuilder('m')
      .where('m.initiative_id IN (:...ids)', { ids: initiativeIds })
      .andWhere(`m.id = (SELECT m2.id FROM kpi_measurements m2 WHERE m2.initiative_id = m.initiative_id AND m2.kpi_key = m.kpi_key ${LATEST_ORDER} LIMIT 1)`)
      .getMany();
    for (const row of rows) {
      const map = result.get(row.initiativeId) ?? new Map<string, MeasurementView>();
      map.set(row.kpiKey, toMeasurement(row));
      result.set(row.initiativeId, map);
    }
    return result;
  }

  async phaseHistory(initiativeId: string): Promise<StoredSpell[]> {
    const rows = await this.db.getRepository(PhaseSpellRow).find({ where: { initiativeId }, order: { startedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ phase: r.phase as Phase, startedAt: r.startedAt, endedAt: r.endedAt, plannedMinDays: r.plannedMinDays, plannedMaxDays: r.plannedMaxDays, decisionId: r.decisionId }));
  }

  /**
   * Records a gate decision and, when it moves the initiative, the phase change, in one
   * transaction. The update is conditional on the phase the decision was taken in, so two managers
   * deciding at once cannot both move it: the second gets a 409 and reads the gate again.
   */
  async recordDecision(initiative: InitiativeRow, input: DecisionInput, outcome: DecisionOutcome, evidence: GateEvaluation, by: string, at: string): Promise<DecisionView> {
    const id = randomUUID();
    await this.transaction(async (manager) => {
      const set: Partial<InitiativeRow> = { updatedAt: at };
      if (outcome.to) Object.assign(set, { phase: outcome.to, phaseStartedAt: at });
      const updated = await manager.createQueryBuilder().update(InitiativeRow).set(set)
        .where('id = :id AND phase = :phase', { id: initiative.id, phase: outcome.from }).execute();
      if (!updated.affected) throw new ConflictError('KPI.CONCURRENT_CHANGE', 'the initiative changed phase while this decision was prepared; read the gate again');
      if (outcome.to) {
        await manager.createQueryBuilder().update(PhaseSpellRow).set({ endedAt: at })
          .where('initiative_id = :id AND ended_at IS NULL', { id: initiative.id }).execute();
        await this.insertSpell(manager, initiative.id, outcome.to, at, JSON.parse(initiative.plan), id);
      }
      await manager.getRepository(DecisionRow).insert({
        id, initiativeId: initiative.id, decision: input.decision, override: outcome.override, stop: input.stop,
        fromPhase: outcome.from, toPhase: outcome.to, note: input.note, evidence: JSON.stringify(evidence), decidedBy: by, decidedAt: at,
      });
    });
    return toDecision((await this.db.getRepository(DecisionRow).findOneByOrFail({ id })));
  }

  async decisions(initiativeId: string): Promise<DecisionView[]> {
    const rows = await this.db.getRepository(DecisionRow).find({ where: { initiativeId }, order: { decidedAt: 'ASC', id: 'ASC' } });
    return rows.map(toDecision);
  }

  async run(runId: string): Promise<StoredRun | undefined> {
    const row = await this.db.getRepository(RunRow).findOneBy({ runId });
    return row ? toRun(row) : undefined;
  }

  async runs(initiativeId?: string): Promise<StoredRun[]> {
    const rows = await this.db.getRepository(RunRow).find({ where: initiativeId ? { initiativeId } : {}, order: { publishedAt: 'DESC', runId: 'ASC' }, take: 500 });
    return rows.map(toRun);
  }

  /** Stores a run and its measurements together; a run id stored meanwhile by someone else is a 409. */
  async saveRun(run: SimulationRun & { at: string }, requestHash: string, kpis: ReadonlyMap<string, KpiDefinition>, measurements: NewMeasurement[], by: string, at: string): Promise<MeasurementView[]> {
    return this.transaction(async (manager) => {
      await manager.getRepository(RunRow).insert({
        runId: run.runId, initiativeId: run.initiativeId, scenario: run.scenario, iteration: run.iteration, kpis: JSON.stringify(run.kpis),
        series: run.series ? JSON.stringify(run.series) : null, meta: run.meta ? JSON.stringify(run.meta) : null, requestHash, at: run.at, publishedAt: at, publishedBy: by,
      });
      return run.initiativeId && measurements.length ? this.insertMeasurements(manager, run.initiativeId, kpis, measurements, by, at) : [];
    }).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('KPI.RUN_EXISTS', `run ${run.runId} was published at the same time by another request`, 'runId');
      throw error;
    });
  }

  async runMeasurements(runId: string): Promise<MeasurementView[]> {
    const rows = await this.db.getRepository(MeasurementRow).find({ where: { runId, source: 'simulation' }, order: { kpiKey: 'ASC' } });
    return rows.map(toMeasurement);
  }

  /** Stores TRS events; an event already stored (same type, subject and time) is skipped, so redelivery is harmless. */
  async insertTrsEvents(events: Array<{ type: TrsEventType; subject: string; at: string; lane: string | null }>, receivedAt: string): Promise<number> {
    if (events.length === 0) return 0;
    let stored = 0;
    await this.transaction(async (manager) => {
      for (let i = 0; i < events.length; i += 200) {
        const chunk = events.slice(i, i + 200).map((e) => ({ id: randomUUID(), ...e, receivedAt }));
        const [sql, parameters] = manager.createQueryBuilder().insert().into(TrsEventRow).values(chunk).orIgnore().getQueryAndParameters();
        // The structured result carries the rows actually written (SQLite changes, PostgreSQL rowCount).
        if (!manager.queryRunner) throw new Error('a transaction manager always has a query runner');
        const result = await manager.queryRunner.query(sql, parameters, true);
        stored += result.affected ?? 0;
      }
    });
    return stored;
  }

  /**
   * Every event of the subjects that had an event in [from, to) (the window is widened by `slackMs`
   * before `from` so a segment that started just before still finds its start).
   */
  async trsEvents(from: string, to: string, slackMs: number): Promise<TrsEvent[]> {
    const since = new Date(Date.parse(from) - slackMs).toISOString();
    const rows = await this.db.getRepository(TrsEventRow).createQueryBuilder('e')
      .where('e.subject IN (SELECT s.subject FROM kpi_trs_events s WHERE s.at >= :since AND s.at < :to)', { since, to })
      .orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC')
      .getMany();
    return rows.map(toTrsEvent);
  }

  private async insertSpell(manager: EntityManager, initiativeId: string, phase: Phase, startedAt: string, plan: PhasePlan, decisionId: string | null, endedAt: string | null = null): Promise<void> {
    const planned = plannedDays(plan, phase);
    await manager.getRepository(PhaseSpellRow).insert({
      id: randomUUID(), initiativeId, phase, startedAt, endedAt, plannedMinDays: planned?.min ?? null, plannedMaxDays: planned?.max ?? null, decisionId,
    });
  }

  private async insertKpi(manager: EntityManager, initiativeId: string, kpi: KpiDefinition, position: number, by: string, at: string): Promise<void> {
    await manager.getRepository(KpiDefinitionRow).insert({
      id: randomUUID(), initiativeId, key: kpi.key, name: kpi.name, unit: kpi.unit, direction: kpi.direction,
      baselineValue: kpi.baseline?.value ?? null, baselineSource: kpi.baseline?.source ?? null, targets: JSON.stringify(kpi.targets),
      description: kpi.description, position, createdAt: at, createdBy: by, updatedAt: at,
    });
  }

  private async insertMeasurements(manager: EntityManager, initiativeId: string, kpis: ReadonlyMap<string, KpiDefinition>, items: NewMeasurement[], by: string, at: string): Promise<MeasurementView[]> {
    const rows = items.map((m): MeasurementRow => ({
      id: randomUUID(), initiativeId, kpiKey: m.kpi, value: m.value, ciLo: m.ci95?.[0] ?? null, ciHi: m.ci95?.[1] ?? null, n: m.n,
      unit: kpis.get(m.kpi)?.unit ?? '', source: m.source, runId: m.runId, iteration: m.iteration, at: m.at, note: m.note, recordedAt: at, recordedBy: by,
    }));
    // Chunked: PostgreSQL allows 65535 bind parameters per statement, SQLite 32766.
    for (let i = 0; i < rows.length; i += 500) await manager.getRepository(MeasurementRow).insert(rows.slice(i, i + 500));
    return rows.map(toMeasurement);
  }
}

function toKpi(row: KpiDefinitionRow): StoredKpi {
  return {
    key: row.key, name: row.name, unit: row.unit, direction: row.direction as Direction,
    baseline: row.baselineValue === null ? null : { value: row.baselineValue, source: row.baselineSource },
    targets: JSON.parse(row.targets), description: row.description, createdAt: row.createdAt,
  };
}

export function toMeasurement(row: MeasurementRow): MeasurementView {
  return {
    id: row.id, initiativeId: row.initiativeId, kpi: row.kpiKey, value: row.value,
    ci95: row.ciLo === null || row.ciHi === null ? null : [row.ciLo, row.ciHi], n: row.n, unit: row.unit,
    source: row.source as MeasurementSource, runId: row.runId, iteration: row.iteration, at: row.at, note: row.note,
    recordedAt: row.recordedAt, recordedBy: row.recordedBy,
  };
}

function toDecision(row: DecisionRow): DecisionView {
  const to = row.toPhase as Phase | null;
  return {
    id: row.id, initiativeId: row.initiativeId, decision: row.decision as DecisionView['decision'], override: Boolean(row.override), stop: Boolean(row.stop),
    from: row.fromPhase as Phase, to, moved: to !== null, phase: to ?? (row.fromPhase as Phase), note: row.note, by: row.decidedBy, at: row.decidedAt,
    evidence: JSON.parse(row.evidence),
  };
}

function toRun(row: RunRow): StoredRun {
  return {
    runId: row.runId, initiativeId: row.initiativeId, scenario: row.scenario, iteration: row.iteration, at: row.at,
    kpis: JSON.parse(row.kpis), series: row.series ? JSON.parse(row.series) : null, meta: row.meta ? JSON.parse(row.meta) : null,
    publishedAt: row.publishedAt, publishedBy: row.publishedBy, requestHash: row.requestHash,
  };
}

function toTrsEvent(row: TrsEventRow): TrsEvent {
  const [kind, ...rest] = row.subject.split(':');
  const id = rest.join(':');
  const key = kind === 'declaration' ? { declarationId: id } : kind === 'truck' ? { truckId: id } : { passageId: id };
  return { type: row.type as TrsEventType, at: row.at, ...key, ...(row.lane ? { lane: row.lane } : {}) };
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return driverError?.code === '23505' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(String(error.message));
}
