import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { RuleDefinition, RuleScope } from '../rule-language/rule-language';
import { RiskRuleChangeRow, RiskRuleRow, RiskRuleVersionRow } from './risk.entities';

export interface RuleVersionView {
  version: number;
  definition: RuleDefinition;
  author: string;
  createdAt: string;
  note?: string;
}

export interface RuleView {
  id: string;
  name: string;
  scope: RuleScope;
  enabled: boolean;
  version: number;
  definition: RuleDefinition;
  author: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface RuleDetail extends RuleView {
  versions: RuleVersionView[];
  changes: Array<{ change: string; version: number; by: string; at: string }>;
}

export interface StoredRule {
  id: string;
  version: number;
  author: string;
  definition: RuleDefinition;
}

export type RuleChange = 'created' | 'revised' | 'promoted' | 'enabled' | 'disabled';

/** All SQL of the rules; one transaction per change. */
@Injectable()
export class RuleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(definition: RuleDefinition, by: string, at: string): Promise<RuleView> {
    const id = randomUUID();
    return this.db.transaction(async (manager) => {
      await manager.getRepository(RiskRuleRow).insert({ id, name: definition.name, scope: definition.scope, enabled: false, currentVersion: 1, createdBy: by, createdAt: at, updatedBy: by, updatedAt: at });
      await manager.getRepository(RiskRuleVersionRow).insert({ ruleId: id, version: 1, body: JSON.stringify(definition), author: by, createdAt: at, note: null });
      await this.change(manager, id, 'created', 1, by, at);
      return this.view(manager, id);
    });
  }

  /** Adds version n+1 if the rule is still at version n (a concurrent edit loses with 409). */
  async revise(id: string, expectedVersion: number, definition: RuleDefinition, by: string, at: string, change: 'revised' | 'promoted', note?: string): Promise<RuleView> {
    return this.db.transaction(async (manager) => {
      const version = expectedVersion + 1;
      const updated = await manager.createQueryBuilder().update(RiskRuleRow)
        .set({ currentVersion: version, name: definition.name, scope: definition.scope, updatedBy: by, updatedAt: at })
        .where('id = :id AND current_version = :expectedVersion', { id, expectedVersion }).execute();
      if (!updated.affected) throw new ConflictError('RISK.RULE_CHANGED', `rule ${id} changed while this edit was prepared; read it again and retry`);
      await manager.getRepository(RiskRuleVersionRow).insert({ ruleId: id, version, body: JSON.stringify(definition), author: by, createdAt: at, note: note ?? null });
      await this.change(manager, id, change, version, by, at);
      return this.view(manager, id);
    });
  }

  async setEnabled(id: string, enabled: boolean, by: string, at: string): Promise<RuleView> {
    return this.db.transaction(async (manager) => {
      const row = await this.row(manager, id);
      if (row.enabled !== enabled) {
        await manager.getRepository(RiskRuleRow).update({ id }, { enabled, updatedBy: by, updatedAt: at });
        await this.change(manager, id, enabled ? 'enabled' : 'disabled', row.currentVersion, by, at);
      }
      return this.view(manager, id);
    });
  }

  async get(id: string): Promise<RuleView> {
    return this.view(this.db.manager, id);
  }

  async detail(id: string): Promise<RuleDetail> {
    const view = await this.view(this.db.manager, id);
    const versions = await this.db.getRepository(RiskRuleVersionRow).find({ where: { ruleId: id }, order: { version: 'DESC' } });
    const changes = await this.db.getRepository(RiskRuleChangeRow).find({ where: { ruleId: id }, order: { at: 'ASC' } });
    return {
      ...view,
      versions: versions.map((v) => ({ version: v.version, definition: JSON.parse(v.body), author: v.author, createdAt: v.createdAt, ...(v.note ? { note: v.note } : {}) })),
      changes: changes.map((c) => ({ change: c.change, version: c.version, by: c.by, at: c.at })),
    };
  }

  async list(filter: { scope?: string; enabled?: boolean }): Promise<RuleView[]> {
    const query = this.db.getRepository(RiskRuleRow).createQueryBuilder('r');
    if (filter.scope) query.andWhere('r.scope = :scope', { scope: filter.scope });
    if (filter.enabled !== undefined) query.andWhere('r.enabled = :enabled', { enabled: filter.enabled });
    const rows = await query.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').getMany();
    const versions = await this.currentVersions(rows);
    return rows.map((row) => toView(row, versions.get(row.id) as RiskRuleVersionRow));
  }

  /** Enabled rules at their current version (what scoring applies). */
  async enabled(): Promise<StoredRule[]> {
    const rows = await this.db.getRepository(RiskRuleRow).find({ where: { enabled: true } });
    const versions = await this.currentVersions(rows);
    return rows.map((row) => {
      const v = versions.get(row.id) as RiskRuleVersionRow;
      return { id: row.id, version: v.version, author: v.author, definition: JSON.parse(v.body) };
    });
  }

  private async currentVersions(rows: RiskRuleRow[]): Promise<Map<string, RiskRuleVersionRow>> {
    if (rows.length === 0) return new Map();
    const found = await this.db.getRepository(RiskRuleVersionRow).createQueryBuilder('v')
      .innerJoin(RiskRuleRow, 'r', 'r.id = v.rule_id AND r.current_version = v.version')
      .where('v.rule_id IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany();
    return new Map(found.map((v) => [v.ruleId, v]));
  }

  private async view(manager: EntityManager, id: string): Promise<RuleView> {
    const row = await this.row(manager, id);
    const version = await manager.getRepository(RiskRuleVersionRow).findOneByOrFail({ ruleId: id, version: row.currentVersion });
    return toView(row, version);
  }

  private async row(manager: EntityManager, id: string): Promise<RiskRuleRow> {
    const row = await manager.getRepository(RiskRuleRow).findOneBy({ id });
    if (!row) throw new NotFoundError('RISK.RULE_NOT_FOUND', `no rule ${id}`);
    return row;
  }

  private async change(manager: EntityManager, ruleId: string, change: RuleChange, version: number, by: string, at: string): Promise<void> {
    await manager.getRepository(RiskRuleChangeRow).insert({ id: randomUUID(), ruleId, change, version, by, at });
  }
}

function toView(row: RiskRuleRow, version: RiskRuleVersionRow): RuleView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as RuleScope,
    enabled: Boolean(row.enabled),
    version: row.currentVersion,
    definition: JSON.parse(version.body),
    author: version.author,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}
