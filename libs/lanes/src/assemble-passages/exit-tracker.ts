import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { PassageExited } from '../events';
import { PassageRepository } from '../persistence/passage.repository';
import { PassageFeed } from '../stream-passages/passage-feed';

/**
 * Decides when a decided truck has left the booth. No exit loop or barrier is integrated yet,
 * so departure is inferred: the next truck's first read on the lane (it has pulled up, so this
 * one has gone), or the lane's passage window after the decision, whichever comes first. When
 * a barrier device arrives, its event replaces both guesses.
 */
@Injectable()
export class ExitTracker {
  private readonly logger = new Logger('Lanes');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly passages: PassageRepository, private readonly events: EventBus, private readonly feed: PassageFeed) {}

  afterDecision(passageId: string, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(passageId));
    const timer = setTimeout(() => {
      this.timers.delete(passageId);
      void this.exit(passageId);
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(passageId, timer);
  }

  /** A new passage opened on the lane: every decided truck before it has left. */
  async laneAdvanced(laneId: string): Promise<void> {
    const waiting = await this.passages.decidedNotExited(laneId);
    for (const passage of waiting) await this.exit(passage.id);
  }

  /** After a restart: re-arm the window timers of decided passages still at the booth. */
  async resume(windowMsOf: (laneId: string) => number): Promise<void> {
    for (const passage of await this.passages.decidedNotExited()) {
      this.afterDecision(passage.id, Date.parse(passage.decisionAt ?? '') + windowMsOf(passage.laneId) - Date.now());
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async exit(passageId: string): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.timers.get(passageId));
    this.timers.delete(passageId);
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
