import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ConflictError, InvalidFieldsError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { LaneDirectory } from '../configure-lanes/lane-directory';
import { PassageOpened, PassageRecommended } from '../events';
import { PassageAssembler, type PassageDraft, type ReadSource, type ReceivedRead } from '../model/assembler';
import { parseDeviceRead, rejectionReason } from '../model/device-read';
import { expectedKinds, type Lane } from '../model/lane';
import { recommend } from '../model/recommend';
import type { AssemblyState, Evaluation, RefreshFilter } from '../persistence/passage.repository';
import { PassageRepository } from '../persistence/passage.repository';
import { IngestStats, type IngestOutcome } from '../record-device-event/ingest-stats';
import { PassageFeed } from '../stream-passages/passage-feed';
import { ExitTracker } from './exit-tracker';
import { PassageEnricher } from './passage-enricher';
import { rebuildDraft } from './rebuild-draft';
import { SerialQueue } from './serial-queue';

export interface IngestResult {
  outcome: IngestOutcome;
  laneId: string;
  passageId?: string;
}

interface LaneRuntime {
  lane: Lane;
  assembler: PassageAssembler;
  queue: SerialQueue;
  /** Passages already inserted (the next save of each is an update). */
  persisted: Set<string>;
  ticking: boolean;
}

/** How often deadlines and evictions are checked; a late recommendation is at most this late. */
const TICK_MS = 250;
/** After a restart, undecided passages whose last read is this recent are picked up again. */
const REHYDRATE_MS = 10 * 60_000;
/** A declaration change re-evaluates undecided passages opened this recently. */
const REFRESH_HORIZON_MS = 30 * 60_000;

/**
 * Runs the lanes: each read goes through its lane's queue into the pure assembler; when a
 * passage is complete (or its window closes) it is enriched and recommended; everything is
 * stored, then published (CQRS events and the console feed). One process owns a lane's
 * assembly: its state lives in memory, backed by the passages table for restarts.
 */
@Injectable()
export class LaneEngine {
  private readonly logger = new Logger('Lanes');
  private readonly runtimes = new Map<string, LaneRuntime>();
  private ticker?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly directory: LaneDirectory,
    private readonly passages: PassageRepository,
    private readonly enricher: PassageEnricher,
    private readonly events: EventBus,
    private readonly stats: IngestStats,
    private readonly feed: PassageFeed,
    private readonly exits: ExitTracker,
  ) {}

  async start(): Promise<void> {
    await this.rehydrate();
    await this.exits.resume((laneId) => windowMs(this.directory.cached(laneId)));
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  /** Stops taking work and lets every lane finish what it holds, before the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.ticker);
    this.exits.stop();
    await Promise.all([...this.runtimes.values()].map((rt) => rt.queue.idle()));
  }

  /** One device message: 404 for an unknown lane, 400 naming the field for a bad payload. */
  async ingest(laneId: string, device: unknown, payload: unknown, source: ReadSource): Promise<IngestResult> {
    if (this.stopped) throw new ConflictError('LANES.STOPPING', 'the lanes service is shutting down; send the event again shortly');
    const lane = await this.directory.get(laneId);
    if (!lane) {
      this.stats.unroutable('unknown-lane', laneId);
      throw new NotFoundError('LANE.NOT_FOUND', `no lane ${laneId}`);
    }
    let read;
    try {
      read = parseDeviceRead(device, payload);
    } catch (error) {
      if (error instanceof InvalidFieldsError) this.stats.rejected(laneId, rejectionReason(error));
      throw error;
    }
    const rt = this.runtime(lane);
    return rt.queue.run(() => this.accept(rt, { read, receivedAt: Date.now(), source }));
  }

  /** The officer decided: no more recommendations for it, and start watching for its exit. */
  decided(passageId: string, laneId: string): void {
    this.runtimes.get(laneId)?.assembler.markDecided(passageId);
    this.exits.afterDecision(passageId, laneId, windowMs(this.directory.cached(laneId)));
    this.feed.changed(laneId);
  }

  /**
   * Re-evaluates undecided passages after a declaration changed (risk result, amendment,
   * cancellation), or after a new one was lodged for a truck (by its plate or transponder).
   */
  async refresh(filter: RefreshFilter): Promise<void> {
    if (this.stopped) return;
    const since = new Date(Date.now() - REFRESH_HORIZON_MS).toISOString();
    for (const { row, reads } of await this.passages.awaitingDecision(filter, since)) {
      const lane = await this.directory.get(row.laneId);
      if (!lane) continue;
      const rt = this.runtime(lane);
      await rt.queue.run(async () => {
        const draft = rt.assembler.find(row.id) ?? rebuildDraft(row, reads);
        if (draft.decided) return;
        const evaluation = await this.evaluate(lane, draft);
        if (evaluation.recommendation === row.recommendation && JSON.stringify(evaluation.reasons) === row.reasons) return;
        if (await this.passages.save(assemblyState(lane, draft), false, [], evaluation)) this.recommended(rt, draft, evaluation, 'refresh');
      });
    }
  }

  private async accept(rt: LaneRuntime, received: ReceivedRead): Promise<IngestResult> {
    const { lane, assembler } = rt;
    const result = assembler.accept(received.read, received.receivedAt, received.source);
    this.stats.kept(lane.id, result.outcome, received.source);
    if (result.outcome === 'unmatched') return { outcome: 'unmatched', laneId: lane.id };
    if (result.outcome === 'duplicate') return { outcome: 'duplicate', laneId: lane.id, passageId: result.passage.id };
    const passage = result.passage;
    const isNew = !rt.persisted.has(passage.id);
    const evaluation = result.evaluate ? await this.evaluate(lane, passage) : undefined;
    const recommended = await this.passages.save(assemblyState(lane, passage), isNew, [received], evaluation);
    rt.persisted.add(passage.id);
    if (isNew) this.events.publish(new PassageOpened(passage.id, lane.id, lane.portId, new Date(passage.firstAtMs).toISOString(), new Date(passage.openedAt).toISOString()));
    if (evaluation && recommended) {
      this.recommended(rt, passage, evaluation, { device: received.read.device, at: received.read.at, receivedAt: new Date(received.receivedAt).toISOString() });
    } else {
      if (evaluation) assembler.markDecided(passage.id); // decided in another process meanwhile
      this.feed.changed(lane.id);
    }
    if (result.outcome === 'opened') await this.exits.laneAdvanced(lane.id).catch((error) => this.warn('exit check failed', error));
    return { outcome: result.outcome, laneId: lane.id, passageId: passage.id };
  }

  private recommended(rt: LaneRuntime, draft: PassageDraft, evaluation: Evaluation, trigger: PassageRecommended['trigger']): void {
    rt.assembler.markRecommended(draft.id, Date.now());
    const round = rt.assembler.find(draft.id)?.recommendations ?? draft.recommendations + 1;
    this.events.publish(new PassageRecommended(draft.id, rt.lane.id, evaluation.recommendation, evaluation.reasons.map((r) => r.text), trigger, round, evaluation.at));
    this.feed.changed(rt.lane.id);
  }

  /** Enrich and recommend; if a check fails the officer is asked to process by hand, never blocked. */
  private async evaluate(lane: Lane, draft: PassageDraft): Promise<Evaluation> {
    try {
      const { facts, enrichment } = await this.enricher.gather(lane, draft);
      const { action, reasons, flags } = recommend(facts);
      return { recommendation: action, reasons, flags, enrichment, at: new Date().toISOString() };
    } catch (error) {
      this.warn('passage checks failed', error);
      return {
        recommendation: 'manual',
        reasons: [{ code: 'CHECKS_FAILED', outcome: 'manual', text: 'The lane could not complete its checks: process this truck manually' }],
        flags: [],
        enrichment: { carrier: null, declarations: [], certificates: [] },
        at: new Date().toISOString(),
      };
    }
  }

  private tick(): void {
    for (const rt of this.runtimes.values()) {
      if (rt.ticking || rt.assembler.all().length === 0) continue;
      rt.ticking = true;
      rt.queue
        .run(async () => {
          for (const draft of rt.assembler.due(Date.now())) {
            if (this.stopped) return;
            const evaluation = await this.evaluate(rt.lane, draft);
            const recommended = await this.passages.save(assemblyState(rt.lane, draft), !rt.persisted.has(draft.id), [], evaluation);
            rt.persisted.add(draft.id);
            if (recommended) this.recommended(rt, draft, evaluation, 'deadline');
            else rt.assembler.markDecided(draft.id); // decided in another process meanwhile
          }
          for (const evicted of rt.assembler.evict(Date.now())) rt.persisted.delete(evicted.id);
        })
        .catch((error) => this.warn('lane tick failed', error))
        .finally(() => {
          rt.ticking = false;
        });
    }
  }

  private async rehydrate(): Promise<void> {
    const since = new Date(Date.now() - REHYDRATE_MS).toISOString();
    for (const { row, reads } of await this.passages.recentUndecided(since)) {
      const lane = this.directory.cached(row.laneId);
      if (!lane) continue;
      const rt = this.runtime(lane);
      rt.assembler.restore(rebuildDraft(row, reads));
      rt.persisted.add(row.id);
    }
  }

  private runtime(lane: Lane): LaneRuntime {
    let rt = this.runtimes.get(lane.id);
    if (!rt) {
      rt = {
        lane,
        assembler: new PassageAssembler({ windowMs: windowMs(lane), expects: expectedKinds(lane) }, randomUUID, lane.id),
        queue: new SerialQueue(),
        persisted: new Set(),
        ticking: false,
      };
      this.runtimes.set(lane.id, rt);
    }
    return rt;
  }

  private warn(message: string, error: unknown): void {
    this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, message);
  }
}

function windowMs(lane: Lane | undefined): number {
  return (lane?.settings.passageWindowSeconds ?? 20) * 1000;
}

function assemblyState(lane: Lane, draft: PassageDraft): AssemblyState {
  return {
    id: draft.id,
    laneId: lane.id,
    portId: lane.portId,
    openedAt: draft.openedAt,
    firstAtMs: draft.firstAtMs,
    lastAtMs: draft.lastAtMs,
    lastReceivedAt: draft.lastReceivedAt,
    transponder: draft.rfid?.read.epc ?? null,
    plateKey: draft.lpr?.read.plateKey ?? null,
    missing: expectedKinds(lane).filter((kind) => draft[kind] === undefined),
  };
}
