import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import type { ReceivedRead } from '../model/assembler';
import type { IdentifyingKind } from '../model/lane';
import { passageStatus, toPassageRead, type DecisionAction, type Enrichment, type PassageDecision, type PassageRead, type PassageView } from '../model/passage';
import type { Flag, Reason, RecommendationAction } from '../model/recommend';
import { PassageReadRow, PassageRow } from './lanes.entities';
import { sqlContains, sqlExecute, sqlLimit, sqlMarks, sqlSelect, sqlTable } from '@corridor/platform';

/** What the assembler knows about a passage, written after every kept read. */
export interface AssemblyState {
  id: string;
  laneId: string;
  portId: string;
  openedAt: number;
  firstAtMs: number;
  lastAtMs: number;
  lastReceivedAt: number;
  transponder: string | null;
  plateKey: string | null;
  missing: IdentifyingKind[];
}

/** Which undecided passages a declaration change may concern. */
export type RefreshFilter = { declarationId: string } | { plateKey?: string; transponder?: string };

export interface Evaluation {
  recommendation: RecommendationAction;
  reasons: Reason[];
  flags: Flag[];
  enrichment: Enrichment;
  at: string;
}

/** Passages and their reads; decisions and exits are conditional updates, safe across processes. */
@Injectable()
export class PassageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores new reads and the passage's assembly state, plus a recommendation when one was made.
   * A recommendation never overwrites a decided passage: the officer decided on the one shown
   * (a decision may come from another process, so this is checked in the statement itself).
   */
  /** Returns whether the recommendation (if any) was written, i.e. the passage was still undecided. */
  async save(state: AssemblyState, isNew: boolean, reads: ReceivedRead[], evaluation?: Evaluation): Promise<boolean> {
    const now = new Date().toISOString();
    const assembly = {
      firstReadAt: iso(state.firstAtMs),
      lastReadAt: iso(state.lastAtMs),
      lastReadReceivedAt: iso(state.lastReceivedAt),
      transponder: state.transponder,
      plateKey: state.plateKey,
      missing: JSON.stringify(state.missing),
      updatedAt: now,
    };
    const recommended = evaluation
      ? {
          recommendation: evaluation.recommendation,
          reasons: JSON.stringify(evaluation.reasons),
          flags: JSON.stringify(evaluation.flags),
          enrichment: JSON.stringify(evaluation.enrichment),
          carrierId: evaluation.enrichment.carrier?.id ?? null,
          recommendationAt: evaluation.at,
        }
      : undefined;
    // One statement for the passage on the usual path: this write is on the lane's critical path.
    return this.db.transaction(async (manager) => {
      for (const received of reads) {
        const read = readRow(state, received);
        await sqlExecute(manager, INSERT_READ, [read.id, read.passageId, read.laneId, read.device, read.at, read.receivedAt, read.source, read.payload]);
      }
      if (isNew) {
        const row: PassageRow = {
          id: state.id, laneId: state.laneId, portId: state.portId, openedAt: iso(state.openedAt), ...assembly,
          carrierId: null, recommendation: null, reasons: '[]', flags: '[]', enrichment: null, recommendationAt: null,
          ...recommended,
          decision: null, decisionNote: null, decidedBy: null, decisionAt: null, exitAt: null, revision: 1,
        };
        await sqlExecute(manager, PASSAGES.insert, PASSAGES.values(row));
        return recommended !== undefined;
      }
      const a = [assembly.firstReadAt, assembly.lastReadAt, assembly.lastReadReceivedAt, assembly.transponder, assembly.plateKey, assembly.missing, assembly.updatedAt];
      if (recommended) {
        const r = [recommended.recommendation, recommended.reasons, recommended.flags, recommended.enrichment, recommended.carrierId, recommended.recommendationAt];
        if (await sqlExecute(manager, `${UPDATE_ASSEMBLY}, recommendation = ?, reasons = ?, flags = ?, enrichment = ?, carrier_id = ?, recommendation_at = ? WHERE id = ? AND decision IS NULL`, [...a, ...r, state.id])) return true;
      }
      await sqlExecute(manager, `${UPDATE_ASSEMBLY} WHERE id = ?`, [...a, state.id]);
      return false;
    });
  }

  /** Records the officer's decision once; a second decision is a 409. */
  async decide(id: string, decision: { action: DecisionAction; note?: string; by: string; at: string }): Promise<PassageRow> {
    const updated = await sqlExecute(this.db.manager,
      'UPDATE lane_passages SET decision = ?, decision_note = ?, decided_by = ?, decision_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND decision IS NULL',
      [decision.action, decision.note ?? null, decision.by, decision.at, decision.at, id]);
    const row = await this.row(id);
    if (!updated) {
      throw new ConflictError('PASSAGE.ALREADY_DECIDED', `passage ${id} was already decided (${row.decision} by ${row.decidedBy} at ${row.decisionAt})`, 'action');
    }
    return row;
  }

  /** Marks a decided passage as gone; true only for the caller that did it (events fire once). */
  async exit(id: string, at: string): Promise<PassageRow | undefined> {
    const updated = await sqlExecute(this.db.manager,
      'UPDATE lane_passages SET exit_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND exit_at IS NULL AND decision IS NOT NULL', [at, at, id]);
    return updated ? this.row(id) : undefined;
  }

  /** Decided passages whose truck has not been seen to leave, oldest decision first. */
  async decidedNotExited(): Promise<Array<Pick<PassageRow, 'id' | 'laneId' | 'decisionAt'>>> {
    return this.db.getRepository(PassageRow).find({
      select: { id: true, laneId: true, decisionAt: true },
      where: { decision: Not(IsNull()), exitAt: IsNull() },
      order: { decisionAt: 'ASC' },
    });
  }

  /** Undecided passages whose last read arrived since `since` (ISO), with their reads: for a restart. */
  async recentUndecided(since: string): Promise<Array<{ row: PassageRow; reads: PassageRead[] }>> {
    const rows = await this.db.getRepository(PassageRow).find({ where: { decision: IsNull(), lastReadReceivedAt: MoreThanOrEqual(since) } });
    return Promise.all(rows.map(async (row) => ({ row, reads: await this.reads(row.id) })));
  }

  /**
   * Recommended, undecided passages opened since `since`: those whose last enrichment listed the
   * declaration (the enrichment is JSON written by this context without spaces, so a substring
   * match finds it on both databases), or those of a truck by plate or transponder.
   */
  async awaitingDecision(filter: RefreshFilter, since: string, limit = 50): Promise<Array<{ row: PassageRow; reads: PassageRead[] }>> {
    let term: string;
    let params: unknown[];
    if ('declarationId' in filter) [term, params] = [sqlContains(this.db.manager, 'enrichment'), [`"id":"${filter.declarationId.replace(/["\\]/g, '')}"`]];
    else if (filter.plateKey && filter.transponder) [term, params] = ['(plate_key = ? OR transponder = ?)', [filter.plateKey, filter.transponder]];
    else if (filter.plateKey) [term, params] = ['plate_key = ?', [filter.plateKey]];
    else if (filter.transponder) [term, params] = ['transponder = ?', [filter.transponder]];
    else return [];
    const rows = await sqlSelect<Record<string, unknown>>(this.db.manager,
      `${PASSAGES.select} WHERE decision IS NULL AND recommendation_at IS NOT NULL AND opened_at >= ? AND ${term} ORDER BY opened_at DESC${sqlLimit(limit)}`, [since, ...params]);
    return Promise.all(rows.map(async (r) => {
      const row = PASSAGES.row(r);
      return { row, reads: await this.reads(row.id) };
    }));
  }

  async view(id: string): Promise<PassageView> {
    const row = await this.row(id);
    return toView(row, await this.reads(id));
  }

  /**
   * The passage the booth is dealing with: the oldest not yet decided; when every passage is
   * decided, the latest one (so the console keeps showing the last truck).
   */
  async current(laneId: string): Promise<PassageView | undefined> {
    const repo = this.db.getRepository(PassageRow);
    const row = (await repo.findOne({ where: { laneId, decision: IsNull() }, order: { firstReadAt: 'ASC', openedAt: 'ASC' } }))
      ?? (await repo.findOne({ where: { laneId }, order: { openedAt: 'DESC', id: 'DESC' } }));
    return row ? toView(row, await this.reads(row.id)) : undefined;
  }

  async list(laneId: string, limit: number): Promise<PassageView[]> {
    const rows = await this.db.getRepository(PassageRow).find({ where: { laneId }, order: { openedAt: 'DESC', id: 'DESC' }, take: limit });
    const readsById = await Promise.all(rows.map((row) => this.reads(row.id)));
    return rows.map((row, i) => toView(row, readsById[i]));
  }

  private async row(id: string): Promise<PassageRow> {
    const [row] = await sqlSelect<Record<string, unknown>>(this.db.manager, `${PASSAGES.select} WHERE id = ?`, [id]);
    if (!row) throw new NotFoundError('PASSAGE.NOT_FOUND', `no passage ${id}`);
    return PASSAGES.row(row);
  }

  private async reads(passageId: string): Promise<PassageRead[]> {
    const rows = await sqlSelect<{ device: string; at: string; received_at: string; source: string; payload: string }>(this.db.manager,
      'SELECT device, at, received_at, source, payload FROM lane_passage_reads WHERE passage_id = ? ORDER BY at ASC, received_at ASC', [passageId]);
    return rows.map((r) => ({ device: r.device, at: r.at, receivedAt: r.received_at, source: r.source, ...JSON.parse(r.payload) }) as PassageRead);
  }
}

// The passages' columns, in one place for the plain-SQL reads and writes.
const PASSAGES = sqlTable<PassageRow>('lane_passages', [
  ['id', 'id'], ['laneId', 'lane_id'], ['portId', 'port_id'], ['openedAt', 'opened_at'], ['firstReadAt', 'first_read_at'], ['lastReadAt', 'last_read_at'],
  ['lastReadReceivedAt', 'last_read_received_at'], ['transponder', 'transponder'], ['plateKey', 'plate_key'], ['carrierId', 'carrier_id'],
  ['recommendation', 'recommendation'], ['reasons', 'reasons'], ['flags', 'flags'], ['missing', 'missing'], ['enrichment', 'enrichment'],
  ['recommendationAt', 'recommendation_at'], ['decision', 'decision'], ['decisionNote', 'decision_note'], ['decidedBy', 'decided_by'],
  ['decisionAt', 'decision_at'], ['exitAt', 'exit_at'], ['revision', 'revision'], ['updatedAt', 'updated_at'],
], ['revision']);
const INSERT_READ = `INSERT INTO lane_passage_reads (id, passage_id, lane_id, device, at, received_at, source, payload) VALUES ${sqlMarks(8)}`;
const UPDATE_ASSEMBLY = 'UPDATE lane_passages SET first_read_at = ?, last_read_at = ?, last_read_received_at = ?, transponder = ?, plate_key = ?, missing = ?, updated_at = ?, revision = revision + 1';

function readRow(state: AssemblyState, received: ReceivedRead): PassageReadRow {
  const { device, at, receivedAt, source, ...payload } = toPassageRead(received);
  return { id: randomUUID(), passageId: state.id, laneId: state.laneId, device, at, receivedAt, source, payload: JSON.stringify(payload) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toView(row: PassageRow, reads: PassageRead[]): PassageView {
  const enrichment: Enrichment = row.enrichment ? JSON.parse(row.enrichment) : { carrier: null, declarations: [], certificates: [] };
  const decision: PassageDecision | null = row.decision && row.decisionAt
    ? { action: row.decision as DecisionAction, ...(row.decisionNote ? { note: row.decisionNote } : {}), by: row.decidedBy ?? 'unknown', at: row.decisionAt }
    : null;
  return {
    id: row.id,
    laneId: row.laneId,
    portId: row.portId,
    status: passageStatus(row),
    reads,
    missing: JSON.parse(row.missing),
    transponder: row.transponder,
    plate: row.plateKey,
    carrier: enrichment.carrier,
    declarations: enrichment.declarations,
    certificates: enrichment.certificates,
    recommendation: row.recommendation as RecommendationAction | null,
    reasons: JSON.parse(row.reasons),
    flags: JSON.parse(row.flags),
    decision,
    timings: {
      firstReadAt: row.firstReadAt,
      openedAt: row.openedAt,
      lastReadAt: row.lastReadAt,
      lastReadReceivedAt: row.lastReadReceivedAt,
      recommendationAt: row.recommendationAt,
      decisionAt: row.decisionAt,
      exitAt: row.exitAt,
    },
    revision: row.revision,
  };
}
