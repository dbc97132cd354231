import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan, MoreThanOrEqual, Not, IsNull } from 'typeorm';
import type { RiskRecord } from '../../model/prepared-row';
import type { DeclarationFacts, PartyContact } from '../facts/declaration-facts';
import type { PartyHistory } from '../entity-signals/entity-signals';
import { RiskDeclarationRow, RiskItemRow, RiskPartyContactRow, RiskPartyRow } from './risk.entities';

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
    const [parties, contacts] = await Promise.all([
      this.db.getRepository(RiskPartyRow).find({ where: { partyId: In(partyIds) } }),
      this.db.getRepository(RiskPartyContactRow).find({ where: { partyId: In(partyIds), lastSeenAt: MoreThanOrEqual(since) } }),
    ]);
    for (const p of parties) (out.get(p.partyId) as { firstDeclarationId?: string }).firstDeclarationId = p.firstDeclarationId;
    for (const c of contacts) {
      const h = out.get(c.partyId);
      if (!h) continue;
      (c.kind === 'phone' ? h.phones : h.addresses).add(c.value);
    }
    return out;
  }

  /** Stores a scored version unless a later version is already stored. Returns false when skipped. */
  async storeScored(s: ScoredDeclaration): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const existing = await manager.getRepository(RiskDeclarationRow).findOneBy({ declarationId: s.declarationId });
      if (existing && existing.version > s.version) return false;
      const row: RiskDeclarationRow = {
        declarationId: s.declarationId, version: s.version, office: s.facts.office, lodgedAt: s.lodgedAt, facts: JSON.stringify(s.facts), scoredAt: s.at,
        score: s.score, channel: s.channel, selected: s.selected, random: s.random,
        inspectedAt: existing && existing.version === s.version ? existing.inspectedAt : null,
        result: existing && existing.version === s.version ? existing.result : null,
        findings: existing && existing.version === s.version ? existing.findings : null,
      };
      await manager.getRepository(RiskDeclarationRow).save(row);
      const keepLabels = existing && existing.version === s.version;
      const labelled = keepLabels ? await manager.getRepository(RiskItemRow).find({ where: { declarationId: s.declarationId } }) : [];
      await manager.getRepository(RiskItemRow).delete({ declarationId: s.declarationId });
      if (s.records.length > 0) {
        await manager.getRepository(RiskItemRow).insert(s.facts.items.map((item, i) => {
          const before = labelled.find((l) => l.itemIndex === i);
          return {
            declarationId: s.declarationId, itemIndex: i, version: s.version, hs6: item.hs6, origin: item.origin, currency: item.currency, valuePerKg: item.valuePerKg,
            record: JSON.stringify(s.records[i]), labels: before?.labels ?? null, learnedAt: before?.learnedAt ?? null,
          };
        }));
      }
      await this.storeContacts(manager, s.declarationId, s.contacts, s.lodgedAt);
      return true;
    });
  }

  private async storeContacts(manager: DataSource['manager'], declarationId: string, contacts: PartyContact[], at: string): Promise<void> {
    const parties = [...new Set(contacts.map((c) => c.partyId))];
    if (parties.length > 0) {
      await manager.createQueryBuilder().insert().into(RiskPartyRow)
        .values(parties.map((partyId) => ({ partyId, firstDeclarationId: declarationId, firstSeenAt: at }))).orIgnore().execute();
    }
    const values = new Map<string, { partyId: string; kind: string; value: string }>();
    for (const c of contacts) {
      if (c.phone) values.set(`${c.partyId}|phone|${c.phone}`, { partyId: c.partyId, kind: 'phone', value: c.phone });
      if (c.address) values.set(`${c.partyId}|address|${c.address}`, { partyId: c.partyId, kind: 'address', value: c.address.slice(0, 400) });
    }
    if (values.size > 0) {
      await manager.createQueryBuilder().insert().into(RiskPartyContactRow)
        .values([...values.values()].map((v) => ({ ...v, firstSeenAt: at, lastSeenAt: at })))
        .orUpdate(['last_seen_at'], ['party_id', 'kind', 'value']).execute();
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
