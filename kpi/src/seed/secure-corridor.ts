import type { NewInitiative } from '../model/initiative';
import type { NewMeasurement } from '../model/measurement';
import type { Phase } from '../model/phases';

/** Fixed, so the simulator can publish to it and two processes seeding at once collide on the key. */
export const SECURE_CORRIDOR_INITIATIVE_ID = '5ec0c0de-c0de-4c0d-8c0d-5ec0c0de0001';

const DAY = 86_400_000;
const ILLUSTRATIVE = 'illustrative seed value; replace with the port\'s own Time Release Study or timing study';

/**
 * The Secure Corridor trusted-trader pilot (WCO Study Report, "Strategy Behind Technology"): RFID,
 * licence-plate readers, CCTV and VoIP at the PIL, aiming to cut the PIL processing of trusted,
 * low-risk trucks by up to 50%, raise throughput and remove manual keying. The baselines and
 * measurements are illustrative, so the dashboard has something to show on first start; the
 * times are relative to the seeding moment so "days in phase" reads sensibly.
 */
export function secureCorridorSeed(now: Date): NewInitiative & { id: string; earlierSpells: Array<{ phase: Phase; startedAt: string; endedAt: string }>; measurements: NewMeasurement[] } {
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const prototypeStart = ago(75);
  const manual = (kpi: string, days: number, iteration: string, value: number, extra: Partial<NewMeasurement> = {}): NewMeasurement => ({
    kpi, value, ci95: null, n: null, source: 'manual', runId: null, iteration, at: ago(days), note: 'seeded example', ...extra,
  });
  return {
    id: SECURE_CORRIDOR_INITIATIVE_ID,
    name: 'Secure Corridor: trusted-trader PIL',
    description:
      'Remote processing of trusted, low-risk commercial trucks at the primary inspection line: RFID and licence-plate readers ' +
      'capture passage data, CCTV monitors the driver and VoIP gives two-way audio, so the BSO decides rather than keys. ' +
      'Aims: PIL processing time of trusted trucks down by up to 50%, more trucks per lane-hour, shorter waits, ' +
      'fewer manual fields, without losing referral quality.',
    owner: 'secure-corridor-programme',
    phase: 'prototype',
    phaseStartedAt: prototypeStart,
    earlierSpells: [{ phase: 'poc', startedAt: ago(150), endedAt: prototypeStart }],
    plan: {},
    kpis: [
      {
        key: 'trusted-pil-processing-time', name: 'Trusted-truck PIL processing time', unit: 's', direction: 'lower',
        baseline: { value: 90, source: `manual PIL timing of trusted trucks before the pilot (${ILLUSTRATIVE})` },
        targets: { pilot: 45, production: 45 }, description: 'Booth time of a trusted, low-risk truck from arrival at the PIL to the release or referral decision. Target: -50%.',
      },
      {
        key: 'trucks-per-lane-hour', name: 'Trucks per lane-hour', unit: 'trucks/h', direction: 'higher',
        baseline: { value: 38, source: `PIL throughput counts (${ILLUSTRATIVE})` },
        targets: { pilot: 45, production: 50 }, description: 'Trucks processed per open PIL lane per hour.',
      },
      {
        key: 'pil-wait-time', name: 'PIL wait time', unit: 'min', direction: 'lower',
        baseline: { value: 24, source: `border wait-time survey (${ILLUSTRATIVE})` },
        targets: { pilot: 18, production: 15 }, description: 'Queue time before the booth for commercial carriers.',
      },
      {
        key: 'manual-fields-per-truck', name: 'Manual fields keyed per truck', unit: 'fields', direction: 'lower',
        baseline: { value: 14, source: `BSO keystroke study (${ILLUSTRATIVE})` },
        targets: { pilot: 4, production: 2 }, description: 'Passage fields the BSO types rather than receives from RFID, plate reads and declarations.',
      },
      {
        key: 'referral-hit-rate', name: 'Referral hit rate', unit: '%', direction: 'higher',
        baseline: { value: 21, source: `secondary inspection results (${ILLUSTRATIVE})` },
        targets: { pilot: 21, production: 25 }, description: 'Share of referrals to secondary that find a violation: automation must not cost enforcement quality.',
      },
    ],
    measurements: [
      manual('trusted-pil-processing-time', 50, 'prototype iteration 1', 62, { ci95: [55, 69], n: 40 }),
      manual('trusted-pil-processing-time', 20, 'prototype iteration 2', 47, { ci95: [43, 51], n: 60 }),
      manual('trucks-per-lane-hour', 50, 'prototype iteration 1', 41),
      manual('trucks-per-lane-hour', 20, 'prototype iteration 2', 46, { ci95: [44, 48], n: 12 }),
      manual('pil-wait-time', 20, 'prototype iteration 2', 16, { ci95: [14.5, 17.5], n: 120 }),
      manual('manual-fields-per-truck', 50, 'prototype iteration 1', 6, { n: 40 }),
      manual('manual-fields-per-truck', 20, 'prototype iteration 2', 3, { n: 60 }),
      manual('referral-hit-rate', 20, 'prototype iteration 2', 22.9, { n: 48 }),
    ],
  };
}
