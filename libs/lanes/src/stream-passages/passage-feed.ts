import { Injectable, type MessageEvent, type OnModuleDestroy } from '@nestjs/common';
import { auditTime, catchError, concatMap, EMPTY, distinctUntilChanged, filter, from, interval, map, merge, Observable, of, Subject, takeUntil } from 'rxjs';
import type { PassageView } from '../model/passage';

/** Bursts of reads (a tag read ten times a second) are coalesced into one reload. */
const COALESCE_MS = 20;
/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Tells the console when a lane's current passage changed. Components call `changed(laneId)`
 * after each commit; each open stream reloads the current passage and sends it if it differs
 * from the last one sent. Only changes made in this process are seen.
 */
@Injectable()
export class PassageFeed implements OnModuleDestroy {
  private readonly lanes = new Map<string, Subject<void>>();
  private readonly closing = new Subject<void>();

  changed(laneId: string): void {
    this.lanes.get(laneId)?.next();
  }

  stream(laneId: string, load: () => Promise<PassageView | undefined>): Observable<MessageEvent> {
    const changes = this.subject(laneId);
    const passages = merge(of(undefined), changes).pipe(
      auditTime(COALESCE_MS),
      // A failed reload skips one update rather than ending the console's stream.
      concatMap(() => from(load()).pipe(catchError(() => EMPTY))),
      filter((view): view is PassageView => view !== undefined),
      distinctUntilChanged((a, b) => a.id === b.id && a.revision === b.revision),
      map((view): MessageEvent => ({ type: 'passage', id: `${view.id}:${view.revision}`, data: view })),
    );
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: 'keep-alive' })));
    return merge(passages, heartbeat).pipe(takeUntil(this.closing));
  }

  /** Ends every open stream so the HTTP server can close. */
  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
    for (const subject of this.lanes.values()) subject.complete();
    this.lanes.clear();
  }

  private subject(laneId: string): Subject<void> {
    let subject = this.lanes.get(laneId);
    if (!subject) {
      subject = new Subject<void>();
      this.lanes.set(laneId, subject);
    }
    return subject;
  }
}
