import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TelemetryEvent } from '../engine/twin-engine';
import { consistentVisits } from '../live-state/consistent-visits';
import { TelemetryRow } from './twin.entities';

export type TelemetrySource = 'lanes' | 'import';

/** A position in the (at, id) order, for reading a long window page by page. */
export interface TelemetryCursor {
  at: string;
  id: string;
}

const CHUNK = 500;

/** Within one instant, events in passage order, so a file reads naturally and replays the same. */
const TYPE_ORDER: Record<string, number> = { arrival: 0, pil_start: 1, pil_end: 2, secondary_start: 3, secondary_end: 4, exit: 5 };

/** All SQL on the twin's telemetry. */
@Injectable()
export class TelemetryRepository {
  private readonly logger = new Logger('TwinTelemetry');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores events in one transaction (all or nothing); an event already stored (same type, truck,
   * time and lane) is skipped, so re-importing a file or a redelivered domain event adds nothing.
   * Returns how many were new.
   */
  async insert(events: readonly TelemetryEvent[], source: TelemetrySource, receivedAt: string): Promise<number> {
    if (events.length === 0) return 0;
    const rows = events.map((e) => toRow(e, source, receivedAt));
    return this.db.transaction(async (manager) => {
      let stored = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const [sql, parameters] = manager.createQueryBuilder().insert().into(TelemetryRow).values(rows.slice(i, i + CHUNK)).orIgnore().getQueryAndParameters();
        if (!manager.queryRunner) throw new Error('a transaction manager always has a query runner');
        // The structured result carries the rows actually written (SQLite changes, PostgreSQL rowCount).
        const result = await manager.queryRunner.query(sql, parameters, true);
        stored += result.affected ?? 0;
      }
      return stored;
    });
  }

  /** Events with from <= at < to. */
  count(from: string, to: string): Promise<number> {
    return this.db.getRepository(TelemetryRow).createQueryBuilder('t').where('t.at >= :from AND t.at < :to', { from, to }).getCount();
  }

  /** Up to `limit` rows of [from, to) after `cursor`, in (at, id) order. */
  async page(from: string, to: string, cursor: TelemetryCursor | null, limit: number): Promise<{ events: TelemetryEvent[]; next: TelemetryCursor | null }> {
    const query = this.db.getRepository(TelemetryRow).createQueryBuilder('t').where('t.at >= :from AND t.at < :to', { from, to });
    if (cursor) query.andWhere('(t.at > :cat OR (t.at = :cat AND t.id > :cid))', { cat: cursor.at, cid: cursor.id });
    const rows = await query.orderBy('t.at', 'ASC').addOrderBy('t.id', 'ASC').take(limit).getMany();
    const last = rows.at(-1);
    return { events: rows.map(toEvent), next: rows.length === limit && last ? { at: last.at, id: last.id } : null };
  }

  /**
   * Every event of [from, to) that the twin can compute with, in time order (passage order within
   * one instant): trucks whose stored events contradict each other are left out (see consistentVisits).
   */
  async events(from: string, to: string): Promise<TelemetryEvent[]> {
    const rows = await this.db.getRepository(TelemetryRow).createQueryBuilder('t').where('t.at >= :from AND t.at < :to', { from, to }).orderBy('t.at', 'ASC').getMany();
    const { events, dropped } = consistentVisits(rows.sort(byTimeThenType).map(toEvent));
    if (dropped.length > 0) this.logger.warn({ trucks: dropped.length, examples: dropped.slice(0, 5), from, to }, 'left out trucks whose stored telemetry contradicts itself');
    return events;
  }
}

function byTimeThenType(a: TelemetryRow, b: TelemetryRow): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) || (a.truckId < b.truckId ? -1 : a.truckId > b.truckId ? 1 : 0);
}

function toRow(e: TelemetryEvent, source: TelemetrySource, receivedAt: string): TelemetryRow {
  return {
    id: randomUUID(),
    type: e.type,
    truckId: e.truckId,
    laneId: e.laneId ?? '',
    laneType: e.laneType ?? null,
    trusted: e.trusted ?? null,
    referred: e.referred ?? null,
    at: new Date(e.at).toISOString(),
    source,
    receivedAt,
  };
}

function toEvent(row: TelemetryRow): TelemetryEvent {
  const event: TelemetryEvent = { type: row.type as TelemetryEvent['type'], truckId: row.truckId, at: row.at };
  if (row.laneId) event.laneId = row.laneId;
  if (row.laneType) event.laneType = row.laneType as NonNullable<TelemetryEvent['laneType']>;
  if (row.trusted !== null) event.trusted = row.trusted;
  if (row.referred !== null) event.referred = row.referred;
  return event;
}
