import { Injectable } from '@nestjs/common';
import { telemetryJsonl } from '../engine/twin-engine';
import { TelemetryRepository, type TelemetryCursor } from '../persistence/telemetry.repository';
import type { TelemetryWindow } from './telemetry-window';

/** The most events one export streams; a longer window is cut (headers say so) and read in parts. */
export const MAX_EXPORT_ROWS = 200_000;
const PAGE = 5_000;

/** Telemetry of a window as JSON lines, read page by page so a long window never sits in memory. */
@Injectable()
export class TelemetryExport {
  constructor(private readonly telemetry: TelemetryRepository) {}

  count(window: TelemetryWindow): Promise<number> {
    return this.telemetry.count(window.from, window.to);
  }

  /** JSON-lines chunks of up to `limit` events of the window, oldest first. */
  async *chunks(window: TelemetryWindow, limit = MAX_EXPORT_ROWS): AsyncGenerator<string> {
    let cursor: TelemetryCursor | null = null;
    let sent = 0;
    while (sent < limit) {
      const { events, next } = await this.telemetry.page(window.from, window.to, cursor, Math.min(PAGE, limit - sent));
      if (events.length > 0) yield telemetryJsonl(events);
      sent += events.length;
      if (!next) return;
      cursor = next;
    }
  }
}
