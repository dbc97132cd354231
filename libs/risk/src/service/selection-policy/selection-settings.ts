import { Injectable } from '@nestjs/common';
import { CorridorConfig } from '@corridor/platform';
import { AssessmentRepository } from '../persistence/assessment.repository';
import { DEFAULT_MIN_HISTORY, DEFAULT_RANDOM_SEED, DEFAULT_TARGET_RATE, RecentScores, type SelectionPolicy } from './selection-policy';

const SETTINGS_MS = 2000;
const HISTORY_MS = 60_000;
const WINDOW = 2000;

export interface SelectionSettingsView {
  targetRate: number;
  minHistory: number;
  randomRate: number;
  randomSeed: number;
  /** The score from which a declaration is selected now (null: not enough history). */
  threshold: number | null;
  historySize: number;
  window: number;
  updatedBy?: string;
  updatedAt?: string;
}

/**
 * The selection policy of this process: the target rate and history length (stored settings,
 * changed over HTTP), the random sample rate (configuration, RISK_RANDOM_SAMPLING_RATE), and
 * the recent scores the threshold follows (reloaded from the stored assessments every minute,
 * so several workers converge on one distribution).
 */
@Injectable()
export class SelectionSettings {
  private readonly recent = new RecentScores(WINDOW);
  private historyAt = 0;
  private settingsAt = 0;
  private targetRate = DEFAULT_TARGET_RATE;
  private minHistory = DEFAULT_MIN_HISTORY;
  private updated: { by: string; at: string } | undefined;
  private loading: Promise<void> | null = null;

  constructor(private readonly assessments: AssessmentRepository, private readonly config: CorridorConfig) {}

  async policy(): Promise<SelectionPolicy> {
    if (Date.now() - this.settingsAt > SETTINGS_MS) await this.loadSettings();
    return { targetRate: this.targetRate, minHistory: this.minHistory, randomRate: this.config.riskRandomSamplingRate, seed: DEFAULT_RANDOM_SEED };
  }

  async history(): Promise<RecentScores> {
    if (Date.now() - this.historyAt > HISTORY_MS) {
      if (this.loading === null) {
        this.loading = this.assessments.recentScores(WINDOW).then((scores) => {
          this.recent.reset(scores);
          this.historyAt = Date.now();
        }).finally(() => (this.loading = null));
      }
      await this.loading;
    }
    return this.recent;
  }

  /** A recorded assessment's score joins the history. */
  record(score: number): void {
    this.recent.add(score);
  }

  async view(): Promise<SelectionSettingsView> {
    const policy = await this.policy();
    const recent = await this.history();
    return {
      targetRate: policy.targetRate, minHistory: policy.minHistory, randomRate: policy.randomRate, randomSeed: policy.seed,
      threshold: recent.threshold(policy.targetRate, policy.minHistory), historySize: recent.size, window: WINDOW,
      ...(this.updated ? { updatedBy: this.updated.by, updatedAt: this.updated.at } : {}),
    };
  }

  async update(change: { targetRate: number; minHistory?: number }, by: string): Promise<SelectionSettingsView> {
    const at = new Date().toISOString();
    await this.assessments.saveSetting('targetRate', String(change.targetRate), by, at);
    if (change.minHistory !== undefined) await this.assessments.saveSetting('minHistory', String(change.minHistory), by, at);
    this.settingsAt = 0;
    return this.view();
  }

  private async loadSettings(): Promise<void> {
    const [rate, history] = await Promise.all([this.assessments.setting('targetRate'), this.assessments.setting('minHistory')]);
    this.targetRate = rate ? Number(rate.value) : DEFAULT_TARGET_RATE;
    this.minHistory = history ? Number(history.value) : DEFAULT_MIN_HISTORY;
    const latest = [rate, history].filter((s) => s !== null).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
    this.updated = latest ? { by: latest.updatedBy, at: latest.updatedAt } : undefined;
    this.settingsAt = Date.now();
  }
}
