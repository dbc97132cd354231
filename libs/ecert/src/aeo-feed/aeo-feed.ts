import { Injectable, Logger, MessageEvent, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { toFeedEvent } from '../model/aeo';
import { AeoRepository } from '../persistence/aeo.repository';

const POLL_MS = 2_000;
const PAGE = 200;

/**
 * The status changes administration B may see (its own and its MRA partners'), pushed as
 * server-sent events. Each stream reads the status history after its cursor: at once when this
 * process publishes AeoStatusChanged, and every 2 s for changes made by other processes
 * (distributed mode). Event ids are the history sequence numbers, so a client resumes with
 * Last-Event-ID (or ?after=) and misses nothing.
 */
@Injectable()
export class AeoFeed implements OnModuleDestroy {
  private readonly logger = new Logger('AeoFeed');
  private readonly wake = new Subject<void>();
  private readonly closing = new Subject<void>();
  private arrangementsVersion = 0;
  private readonly connections = new Set<() => void>();

  constructor(private readonly aeo: AeoRepository) {}

  /** Called on AeoStatusChanged: streams read the new history rows now rather than at the next poll. */
  notify(): void {
    this.wake.next();
  }

  /** Arrangements changed: streams reload whom their administration recognises. */
  arrangementsChanged(): void {
    this.arrangementsVersion++;
    this.wake.next();
  }

  /** Ends every stream, then drops their connections so the HTTP server can close at once. */
  onModuleDestroy(): void {
    this.closing.next();
    const connections = [...this.connections];
    this.connections.clear();
    setImmediate(() => connections.forEach((drop) => drop()));
  }

  /** Starts with a `ready` event carrying the cursor, then one `aeo-status` event per visible change. */
  stream(administration: string, after?: number, dropConnection?: () => void): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      if (dropConnection) this.connections.add(dropConnection);
      let cursor = after;
      let recognised: Set<string> | undefined;
      let recognisedVersion = -1;
      let running = false;
      let again = false;
      let closed = false;

      const pump = async (): Promise<void> => {
        if (cursor === undefined || closed) return;
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            if (!recognised || recognisedVersion !== this.arrangementsVersion) {
              recognisedVersion = this.arrangementsVersion;
              recognised = await this.aeo.recognisedBy(administration);
            }
            const rows = await this.aeo.historyAfter(cursor as number, PAGE);
            for (const row of rows) {
              if (closed) return;
              cursor = row.seq;
              if (recognised.has(row.administration)) subscriber.next({ id: String(row.seq), type: 'aeo-status', data: toFeedEvent(row) });
            }
            if (rows.length === PAGE) again = true;
          } while (again && !closed);
        } catch (error) {
          this.logger.warn(`feed for ${administration}: ${error instanceof Error ? error.message : 'read failed'}`);
        } finally {
          running = false;
        }
      };

      const start = async (): Promise<void> => {
        try {
          const from = cursor ?? (await this.aeo.lastSeq());
          cursor = from;
          if (!closed) subscriber.next({ type: 'ready', data: { administration, cursor: from } });
          await pump();
        } catch (error) {
          subscriber.error(error);
        }
      };

      const wake = this.wake.subscribe(() => void pump());
      const close = this.closing.subscribe(() => subscriber.complete());
      const timer = setInterval(() => void pump(), POLL_MS);
      timer.unref();
      void start();
      return () => {
        closed = true;
        // An SSE connection serves one stream: once it ends (client gone, shutdown), drop the socket too.
        if (dropConnection) {
          this.connections.delete(dropConnection);
          setImmediate(dropConnection);
        }
        wake.unsubscribe();
        close.unsubscribe();
        clearInterval(timer);
      };
    });
  }
}
