import { checkVisits, type TelemetryEvent } from '../engine/twin-engine';

/**
 * Each import is checked on its own, but stored telemetry gathers several sources (files, the lanes'
 * events), and together they can contradict each other: a truck id reused for a second visit, an
 * end recorded before a start from another source. The twin leaves such trucks out of what it
 * computes rather than fit nonsense (a negative service time) or fail; `dropped` names them.
 */
export function consistentVisits(events: readonly TelemetryEvent[]): { events: TelemetryEvent[]; dropped: string[] } {
  const problems = checkVisits(events);
  if (problems.length === 0) return { events: [...events], dropped: [] };
  const bad = new Set(problems.map((p) => events[p.index].truckId));
  return { events: events.filter((e) => !bad.has(e.truckId)), dropped: [...bad] };
}
