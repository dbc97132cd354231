import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEmptyRiskModel, RiskModel } from '../../model/risk-model';
import type { RiskRecord } from '../../model/prepared-row';
import { ModelRepository, type ModelMeta } from '../persistence/model.repository';
import type { RiskModelRow } from '../persistence/risk.entities';
import type { ModelHandle } from '../scoring/score-engine';
import { MODEL_ERROR_TYPES, RISK_SCHEMA, type ModelErrorType } from './risk-schema';

interface Loaded {
  id: string;
  version: number;
  revision: number;
  observations: number;
  model: RiskModel;
}

export interface Example {
  record: RiskRecord;
  /** Error types found on the item (empty: compliant). */
  labels: readonly string[];
}

/** How often a process checks whether another one stored a newer model. */
const REFRESH_MS = 2000;
const MAX_ATTEMPTS = 8;

/**
 * The current model of each error type, held in memory for scoring and kept in step with the
 * stored rows: a process notices within REFRESH_MS that another one retrained or updated a
 * model. Incremental updates are optimistic (the row's revision must not have moved), so two
 * workers learning at once never lose each other's observations.
 */
@Injectable()
export class ModelRegistry {
  private readonly logger = new Logger('Risk');
  private readonly loaded = new Map<ModelErrorType, Loaded>();
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly models: ModelRepository) {}

  async handles(): Promise<ModelHandle[]> {
    if (this.loaded.size < MODEL_ERROR_TYPES.length || Date.now() - this.checkedAt > REFRESH_MS) await this.refresh();
    return MODEL_ERROR_TYPES.map((errorType) => {
      const l = this.loaded.get(errorType) as Loaded;
      return { errorType, model: l.model, version: `${l.version}.${l.revision}` };
    });
  }

  /** Reloads what changed in the store (single flight). */
  refresh(): Promise<void> {
    if (this.refreshing === null) this.refreshing = this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const metas = await this.models.latestMeta();
    for (const errorType of MODEL_ERROR_TYPES) {
      const meta = metas.find((m) => m.errorType === errorType);
      const current = this.loaded.get(errorType);
      if (meta && current && current.id === meta.id && current.revision === meta.revision) continue;
      if (!meta) {
        const model = createEmptyRiskModel(RISK_SCHEMA);
        if (await this.models.insert(this.row(errorType, 1, model, 'empty', 'start-up', 0, 0))) this.logger.log(`no ${errorType} model yet: started an empty one`);
      }
      const row = await this.models.latest(errorType);
      if (row) this.loaded.set(errorType, toLoaded(row));
    }
    this.checkedAt = Date.now();
  }

  /** Folds inspection results into every error type's model (SISAM-style daily learning, here at once). */
  async observe(examples: readonly Example[]): Promise<void> {
    if (examples.length === 0) return;
    for (const errorType of MODEL_ERROR_TYPES) {
      for (let attempt = 1; ; attempt++) {
        await this.refresh();
        const current = this.loaded.get(errorType) as Loaded;
        const model = RiskModel.fromJSON(current.model.toJSON());
        for (const e of examples) model.observe(e.record, e.labels.includes(errorType) ? 1 : 0);
        const observations = current.observations + examples.length;
        if (await this.models.update(current.id, current.revision, JSON.stringify(model.toJSON()), observations, new Date().toISOString())) {
          this.loaded.set(errorType, { ...current, revision: current.revision + 1, observations, model });
          break;
        }
        // Someone else changed it first: read theirs and apply ours on top.
        this.checkedAt = 0;
        if (attempt >= MAX_ATTEMPTS) throw new Error(`could not update the ${errorType} model after ${attempt} attempts (concurrent updates)`);
      }
    }
  }

  /** Stores a retrained model as the next version of its error type. */
  async replace(errorType: ModelErrorType, model: RiskModel, kind: 'empty' | 'naive' | 'trained', trigger: string, rows: number, positives: number): Promise<ModelMeta> {
    for (let attempt = 1; ; attempt++) {
      const latest = await this.models.latestMeta();
      const version = (latest.find((m) => m.errorType === errorType)?.version ?? 0) + 1;
      const row = this.row(errorType, version, model, kind, trigger, rows, positives);
      if (await this.models.insert(row)) {
        this.loaded.set(errorType, { id: row.id, version, revision: 0, observations: 0, model });
        const { body: _body, ...meta } = row;
        return meta;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`could not store version ${version} of the ${errorType} model`);
    }
  }

  private row(errorType: string, version: number, model: RiskModel, kind: string, trigger: string, rows: number, positives: number): RiskModelRow {
    const at = new Date().toISOString();
    return { id: randomUUID(), errorType, version, revision: 0, kind, body: JSON.stringify(model.toJSON()), rows, positives, observations: 0, trigger, createdAt: at, updatedAt: at };
  }
}

function toLoaded(row: RiskModelRow): Loaded {
  return { id: row.id, version: row.version, revision: row.revision, observations: row.observations, model: RiskModel.fromJSON(JSON.parse(row.body)) };
}
