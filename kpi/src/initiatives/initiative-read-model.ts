import { Injectable } from '@nestjs/common';
import { evaluateGate, type GateEvaluation } from '../gates/evaluate-gate';
import { daysBetween, schedule } from '../model/initiative';
import type { MeasurementView } from '../model/measurement';
import type { Phase, PhasePlan } from '../model/phases';
import type { GateStatus, InitiativeSummary, InitiativeView, KpiView } from '../model/views';
import type { InitiativeRow } from '../persistence/kpi.entities';
import { KpiRepository, type StoredKpi, type StoredSpell } from '../persistence/kpi.repository';

/** Everything the views are built from, for one initiative. */
export interface InitiativeData {
  row: InitiativeRow;
  kpis: StoredKpi[];
  latest: ReadonlyMap<string, MeasurementView>;
}

export function gateOf(data: InitiativeData): GateEvaluation {
  return evaluateGate(data.row.phase as Phase, data.kpis, data.latest);
}

export function summaryOf(data: InitiativeData, now: Date): InitiativeSummary {
  const { row } = data;
  const gate = gateOf(data);
  const plan: PhasePlan = JSON.parse(row.plan);
  const timing = schedule(row.phase as Phase, row.phaseStartedAt, plan, now);
  const status: GateStatus = { next: gate.next, ready: gate.ready, met: gate.met, total: gate.total };
  return {
    id: row.id, name: row.name, description: row.description, owner: row.owner, phase: row.phase as Phase, phaseStartedAt: row.phaseStartedAt,
    schedule: timing, daysInPhase: timing.daysInPhase, plannedDays: timing.plannedDays, gate: status, kpiCount: data.kpis.length,
    createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

export function viewOf(data: InitiativeData, history: StoredSpell[], now: Date): InitiativeView {
  const summary = summaryOf(data, now);
  const kpis: KpiView[] = data.kpis.map((kpi) => {
    const latest = data.latest.get(kpi.key) ?? null;
    const baseline = kpi.baseline?.value;
    return {
      ...kpi,
      latest,
      changeFromBaseline: latest && baseline ? Math.round(((latest.value - baseline) / Math.abs(baseline)) * 10000) / 10000 : null,
      nextTarget: summary.gate.next ? (kpi.targets[summary.gate.next] ?? null) : null,
    };
  });
  return {
    ...summary,
    createdBy: data.row.createdBy,
    plan: JSON.parse(data.row.plan),
    phaseHistory: history.map((spell) => ({
      phase: spell.phase, startedAt: spell.startedAt, endedAt: spell.endedAt,
      plannedDays: spell.plannedMaxDays === null ? null : { min: spell.plannedMinDays ?? 0, max: spell.plannedMaxDays },
      days: daysBetween(spell.startedAt, spell.endedAt ?? now), decisionId: spell.decisionId,
    })),
    kpis,
  };
}

/** Loads what the views need with a fixed number of queries, however many KPIs there are. */
@Injectable()
export class InitiativeReadModel {
  constructor(private readonly repository: KpiRepository) {}

  async load(id: string): Promise<InitiativeData> {
    const row = await this.repository.initiative(id);
    const [kpis, latest] = await Promise.all([this.repository.kpis(id), this.repository.latestMeasurements([id])]);
    return { row, kpis, latest: latest.get(id) ?? new Map() };
  }

  async loadAll(): Promise<InitiativeData[]> {
    const rows = await this.repository.initiatives();
    const ids = rows.map((r) => r.id);
    const [kpis, latest] = await Promise.all([this.repository.kpisOf(ids), this.repository.latestMeasurements(ids)]);
    return rows.map((row) => ({ row, kpis: kpis.get(row.id) ?? [], latest: latest.get(row.id) ?? new Map() }));
  }

  async view(id: string, now = new Date()): Promise<InitiativeView> {
    const data = await this.load(id);
    return viewOf(data, await this.repository.phaseHistory(id), now);
  }
}
