import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, Not, IsNull } from 'typeorm';
import type { RiskRecord } from '../../model/prepared-row';
import type { DeclarationFacts, PartyContact } from '../facts/declaration-facts';
import type { PartyHistory } from '../entity-signals/entity-signals';
import { RiskDeclarationRow, RiskItemRow } from './risk.entities';
import { sqlExecute, sqlMarks, sqlSelect } from '@corridor/platform';

const DECLARATION_COLUMNS = ['version', 'office', 'lodged_at', 'facts', 'scored_at', 'score', 'channel', 'selected', 'random', 'inspected_at', 'result', 'findings'];
const UPDATE_DECLARATION = `UPDATE risk_declarations SET ${DECLARATION_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE declaration_id = ?`;
const INSERT_DECLARATION = `INSERT INTO risk_declarations (declaration_id, ${DECLARATION_COLUMNS.join(', ')}) VALUES ${sqlMarks(DECLARATION_COLUMNS.length + 1)}`;

export interface ScoredDeclaration {
  declarationId: string;
  version: number;
  lodgedAt: string;
  facts: DeclarationFacts;
  records: RiskRecord[];
  contacts: PartyContact[];
  score: number;
  channel: string;
  selected: boolean;
  random: boolean;
  at: string;
}

export interface LabelledItem {
  declarationId: string;
  itemIndex: number;
  record: RiskRecord;
  labels: string[];
  learnedAt: string;
}

export interface Inspection {
  result: string;
  findings: Array<{ itemIndex?: number; errorType: string; note?: string }>;
}

/**
 * What the risk context remembers of the declarations it scored: their latest version
 * flattened, their items as model rows (labelled once inspected), and the parties' contacts.
 * It never reads the declarations context's tables.
 */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Party histories before this declaration: first sighting, distinct phones and addresses since `since`. */
  async partyHistories(partyIds: string[], since: string): Promise<Map<string, PartyHistory>> {
    const out = new Map<string, { firstDeclarationId?: string; phones: Set<string>; addresses: Set<string> }>();
    if (partyIds.length === 0) return out;
    for (const id of partyIds) out.set(id, { phones: new Set(), addresses: new Set() });
    const among = `party_id IN ${sqlMarks(partyIds.length)}`;
    const [parties, contacts] = await Promise.all([
      sqlSelect<{ party_id: string; first_declaration_id: string }>(this.db.manager, `SELECT party_id, first_declaration_id FROM risk_parties WHERE ${among}`, partyIds),
      sqlSelect<{ party_id: string; kind: string; value: string }>(this.db.manager, `SELECT party_id, kind, value FROM risk_party_contacts WHERE ${among} AND last_seen_at >= ?`, [...partyIds, since]),
    ]);
    for (const p of parties) (out.get(p.party_id) as { firstDeclarationId?: string }).firstDeclarationId = p.first_declaration_id;
    for (const c of contacts) {
      const h = out.get(c.party_id);
      if (!h) continue;
      (c.kind === 'phone' ? h.phones : h.addresses).add(c.value);
    }
    return out;
  }

  /** Stores a scored version unless a later version is already stored. Returns false when skipped. */
  async storeScored(s: ScoredDeclaration): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [found] = await sqlSelect<{ version: number; inspected_at: string | null; result: string | null; findings: string | null }>(manager,
        'SELECT version, inspected_at, result, findings FROM risk_declarations WHERE declaration_id = ?', [s.declarationId]);
      const existing = found ? { ...found, version: Number(found.version) } : undefined;
      if (existing && existing.version > s.version) return false;
      const same = existing !== undefined && existing.version === s.version;
      const values = [s.version, s.facts.office, s.lodgedAt, JSON.stringify(s.facts), s.at, s.score, s.channel, s.selected, s.random,
        same ? existing.inspected_at : null, same ? existing.result : null, same ? existing.findings : null];
      if (existing) {
        await sqlExecute(manager, UPDATE_DECLARATION, [...values, s.declarationId]);
      } else {
        await sqlExecute(manager, INSERT_DECLARATION, [s.declarationId, ...values]);
      }
      const labelled = same ? await manager.getRepository(RiskItemRow).find({ where: { declarationId: s.declarationId } }) : [];
      // Items are only ever written here, with their declaration's row: a first scoring has none to delete.
      if (existing) await sqlExecute(manager, 'DELETE FROM risk_items WHERE declaration_id = ?', [s.declarationId]);
      if (s.records.length > 0) {
        const params: unknown[] = [];
        s.facts.items.forEach((item, i) => {
          const before = labelled.find((l) => l.itemIndex === i);
          params.push(s.declarationId, i, s.version, item.hs6, item.origin, item.currency, item.valuePerKg, JSON.stringify(s.records[i]), before?.labels ?? null, before?.learnedAt ?? null);
        });
        await sqlExecute(manager, `INSERT INTO risk_items (declaration_id, item_index, version, hs6, origin, currency, value_per_kg, record, labels, learned_at) VALUES ${
          s.facts.items.map(() => sqlMarks(10)).join(', ')}`, params);
      }
      await this.storeContacts(manager, s.declarationId, s.contacts, s.lodgedAt);
      return true;
    });
  }

  private async storeContacts(manager: DataSource['manager'], declarationId: string, contacts: PartyContact[], at: string): Promise<void> {
    const parties = [...new Set(contacts.map((c) => c.partyId))];
    if (parties.length > 0) {
      await sqlExecute(manager, `INSERT INTO risk_parties (party_id, first_declaration_id, first_seen_at) VALUES ${parties.map(() => sqlMarks(3)).join(', ')} ON CONFLICT DO NOTHING`,
        parties.flatMap((partyId) => [partyId, declarationId, at]));
    }
    const values = new Map<string, { partyId: string; kind: string; value: string }>();
    for (const c of contacts) {
      if (c.phone) values.set(`${c.partyId}|phone|${c.phone}`, { partyId: c.partyId, kind: 'phone', value: c.phone });
      if (c.address) values.set(`${c.partyId}|address|${c.address}`, { partyId: c.partyId, kind: 'address', value: c.address.slice(0, 400) });
    }
    if (values.size > 0) {
      await sqlExecute(manager, `INSERT INTO risk_party_contacts (party_id, kind, value, first_seen_at, last_seen_at) VALUES ${[...values.values()].map(() => sqlMarks(5)).join(', ')
      } ON CONFLICT (party_id, kind, value) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`, [...values.values()].flatMap((v) => [v.partyId, v.kind, v.value, at, at]));
    }
  }

  async declaration(declarationId: string): Promise<RiskDeclarationRow | null> {
    return this.db.getRepository(RiskDeclarationRow).findOneBy({ declarationId });
  }

  async items(declarationId: string, version: number): Promise<RiskItemRow[]> {
    return this.db.getRepository(RiskItemRow).find({ where: { declarationId, version }, order: { itemIndex: 'ASC' } });
  }

  /**
   * Records an inspection's outcome on the stored version and labels its items; false when this
   * inspection (same time) was already recorded, so a replayed job does not learn twice.
   */
  async recordInspection(declarationId: string, version: number, inspection: Inspection, labels: string[][], at: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(RiskDeclarationRow).findOneBy({ declarationId, version });
      if (!row || row.inspectedAt === at) return false;
      await manager.getRepository(RiskDeclarationRow).update({ declarationId }, { inspectedAt: at, result: inspection.result, findings: JSON.stringify(inspection.findings) });
      for (let i = 0; i < labels.length; i++) {
        await manager.getRepository(RiskItemRow).update({ declarationId, itemIndex: i, version }, { labels: JSON.stringify(labels[i]), learnedAt: at });
      }
      return true;
    });
  }

  /** Every inspected item (the training data), optionally only those learnt after `after`. */
  async labelledItems(after?: string): Promise<LabelledItem[]> {
    const rows = await this.db.getRepository(RiskItemRow).find({
      where: after ? { learnedAt: MoreThan(after) } : { learnedAt: Not(IsNull()) },
      order: { learnedAt: 'ASC', declarationId: 'ASC', itemIndex: 'ASC' },
    });
    return rows.map((r) => ({ declarationId: r.declarationId, itemIndex: r.itemIndex, record: JSON.parse(r.record), labels: JSON.parse(r.labels ?? '[]'), learnedAt: r.learnedAt as string }));
  }

  /** Unit values for the valuation reference, oldest first. */
  async unitValues(limit: number): Promise<Array<{ hs6: string; origin: string; currency: string; valuePerKg: number }>> {
    const rows = await this.db.getRepository(RiskItemRow).createQueryBuilder('i')
      .select(['i.hs6', 'i.origin', 'i.currency', 'i.valuePerKg', 'i.declarationId', 'i.itemIndex'])
      .where('i.value_per_kg IS NOT NULL').orderBy('i.declaration_id', 'ASC').take(limit).getMany();
    return rows.map((r) => ({ hs6: r.hs6, origin: r.origin, currency: r.currency, valuePerKg: Number(r.valuePerKg) }));
  }

  /** Stored declarations, a page at a time (dry runs of rules). */
  async declarationsPage(offset: number, limit: number, office?: string): Promise<RiskDeclarationRow[]> {
    return this.db.getRepository(RiskDeclarationRow).find({ where: office ? { office } : {}, order: { lodgedAt: 'ASC', declarationId: 'ASC' }, skip: offset, take: limit });
  }
}
