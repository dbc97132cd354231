import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { PassageDecided, PassageExited, PassageOpened } from '@corridor/lanes';
import type { TelemetryEvent } from '../engine/twin-engine';
import { LanesView } from '../live-state/lanes-view';
import { TelemetryRepository } from '../persistence/telemetry.repository';

type Observed = PassageOpened | PassageDecided | PassageExited;

/** The telemetry event a lanes event marks: a passage opens at the booth, is decided, exits. The passage id is the truck id. */
export function telemetryOf(event: Observed, laneType: TelemetryEvent['laneType']): TelemetryEvent | null {
  const lane = { laneId: event.laneId, ...(laneType ? { laneType } : {}) };
  if (event instanceof PassageOpened) return { type: 'pil_start', truckId: event.passageId, ...lane, at: event.firstReadAt };
  if (event instanceof PassageDecided) return { type: 'pil_end', truckId: event.passageId, ...lane, referred: event.action === 'refer', at: event.at };
  if (event instanceof PassageExited) return { type: 'exit', truckId: event.passageId, ...lane, at: event.at };
  return null;
}

/** Records the live crossing from the lanes context's own events, so the twin follows it without the lanes knowing. */
@EventsHandler(PassageOpened, PassageDecided, PassageExited)
export class LanesTelemetryHandler implements IEventHandler<Observed> {
  private readonly logger = new Logger('TwinTelemetry');

  constructor(private readonly telemetry: TelemetryRepository, private readonly lanes: LanesView) {}

  async handle(event: Observed): Promise<void> {
    try {
      const recorded = telemetryOf(event, await this.lanes.laneType(event.laneId));
      if (recorded && !Number.isNaN(Date.parse(recorded.at))) await this.telemetry.insert([recorded], 'lanes', new Date().toISOString());
    } catch (error) {
      // Telemetry must never break the flow it observes.
      this.logger.warn({ error: error instanceof Error ? error.message : String(error), passageId: event.passageId }, 'could not record twin telemetry');
    }
  }
}
