import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { PassageExited } from '../events';
import { PassageRepository } from '../persistence/passage.repository';
import { PassageFeed } from '../stream-passages/passage-feed';

/**
 * Decides when a decided truck has left the booth. No exit loop or barrier is integrated yet,
 * so departure is inferred: the next truck's first read on the lane (it has pulled up, so this
 * one has gone), or the lane's passage window after the decision, whichever comes first. When
 * a barrier device arrives, its event replaces both guesses. The first rule applies where the
 * decision was recorded (one process owns a lane); the timer applies everywhere.
 */
@Injectable()
export class ExitTracker {
  private readonly logger = new Logger('Lanes');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Decided passages still at the booth, by lane: kept in memory so a new truck costs no query. */
  private readonly atBooth = new Map<string, Set<string>>();
  private stopped = false;

  constructor(private readonly passages: PassageRepository, private readonly events: EventBus, private readonly feed: PassageFeed) {}

  afterDecision(passageId: string, laneId: string, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(passageId));
    const timer = setTimeout(() => void this.exit(passageId, laneId), Math.max(0, delayMs));
    timer.unref();
    this.timers.set(passageId, timer);
    const waiting = this.atBooth.get(laneId) ?? new Set<string>();
    waiting.add(passageId);
    this.atBooth.set(laneId, waiting);
  }

  /** A new passage opened on the lane: every decided truck before it has left. */
  async laneAdvanced(laneId: string): Promise<void> {
    const waiting = this.atBooth.get(laneId);
    if (!waiting) return;
    for (const passageId of [...waiting]) await this.exit(passageId, laneId);
  }

  /** After a restart: re-arm the window timers of decided passages still at the booth. */
  async resume(windowMsOf: (laneId: string) => number): Promise<void> {
    for (const passage of await this.passages.decidedNotExited()) {
      this.afterDecision(passage.id, passage.laneId, Date.parse(passage.decisionAt ?? '') + windowMsOf(passage.laneId) - Date.now());
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.atBooth.clear();
  }

  private async exit(passageId: string, laneId: string): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.timers.get(passageId));
    this.timers.delete(passageId);
    this.atBooth.get(laneId)?.delete(passageId);
    if (this.atBooth.get(laneId)?.size === 0) this.atBooth.delete(laneId);
    try {
      const row = await this.passages.exit(passageId, new Date().toISOString());
      if (!row) return;
      this.events.publish(new PassageExited(row.id, row.laneId, row.decisionAt ?? '', row.exitAt ?? ''));
      this.feed.changed(row.laneId);
    } catch (error) {
      this.logger.warn({ passageId, error: error instanceof Error ? error.message : String(error) }, 'could not record a passage exit');
    }
  }
}
