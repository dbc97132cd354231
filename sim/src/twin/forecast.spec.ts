import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse-scenario';
import { actualSeries, scoreForecasts } from './accuracy';
import { forecast, planForecast } from './forecast';
import { liveStateFromTelemetry, LiveStateError, parseLiveState } from './live-state';
import { simulateTelemetry } from './telemetry';
import type { LiveState, StateLane } from './types';
import { whatIf } from './what-if';

const scenario = loadScenario(resolve(__dirname, '../../scenarios/twin-validation.yaml'));
const AT = '2026-11-25T08:20:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(AT) - m * 60_000).toISOString();

/** 6 standard (n open), 2 trusted, 2 mixed lanes; `queued` standard trucks waiting on the first lane since `since` minutes. */
function state(open: number, queued = 0, since = 10): LiveState {
  const lanes: StateLane[] = [
    ...Array.from({ length: 6 }, (_, i): StateLane => ({ laneId: `S${i + 1}`, laneType: 'standard', open: i < open, queue: [], inService: null })),
    ...['T1', 'T2'].map((laneId): StateLane => ({ laneId, laneType: 'trusted', open: true, queue: [], inService: null })),
    ...['M1', 'M2'].map((laneId): StateLane => ({ laneId, laneType: 'mixed', open: true, queue: [], inService: null })),
  ];
  lanes[0].queue = Array.from({ length: queued }, () => ({ trusted: false, since: minutesBefore(since) }));
  return { at: AT, lanes };
}

describe('live state', () => {
  it('is validated field by field', () => {
    const bad = { at: 'now', lanes: [{ laneId: 'S1', laneType: 'fast', open: 'yes', queue: -1 }, { laneId: 'S1', laneType: 'standard', open: true, inService: { since: '2030-01-01T00:00:00Z' } }], officersOnDuty: 2.5 };
    try {
      parseLiveState(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LiveStateError);
      expect((error as LiveStateError).issues.map((i) => i.field)).toEqual(['at', 'lanes[0].laneType', 'lanes[0].open', 'lanes[0].queue', 'lanes[1].laneId', 'officersOnDuty']);
    }
    expect(() => parseLiveState({ at: AT, lanes: [{ laneId: 'S1', laneType: 'standard', open: true, inService: { since: '2030-01-01T00:00:00Z' } }] })).toThrow(/lanes\[0\].inService.since: is after the state's time/);
    expect(() => parseLiveState([])).toThrow(LiveStateError);
    expect(parseLiveState({ at: AT, lanes: [{ laneId: 'S1', laneType: 'standard', open: true, queue: 3 }] }).lanes[0].queue).toBe(3);
  });

  it('is read from telemetry: queued, at booths, in secondary; stale visits left out', () => {
    const e = (type: string, truckId: string, minutes: number, extra: object = {}) => ({ type, truckId, at: minutesBefore(minutes), ...extra }) as never;
    const events = [
      e('arrival', 'A', 5),
      e('arrival', 'B', 3, { laneId: 'S1' }),
      e('arrival', 'C', 8),
      e('pil_start', 'C', 2, { laneId: 'S1', laneType: 'standard', trusted: true }),
      e('arrival', 'D', 60),
      e('pil_start', 'D', 50, { laneId: 'S2', laneType: 'standard' }),
      e('pil_end', 'D', 48, { laneId: 'S2', referred: true }),
      e('secondary_start', 'D', 40),
      e('arrival', 'OLD', 600),
      e('arrival', 'LATER', -5),
    ];
    const s = liveStateFromTelemetry(events, AT);
    expect(s.approach?.map((t) => t.since)).toEqual([minutesBefore(5)]);
    const s1 = s.lanes.find((l) => l.laneId === 'S1') as StateLane;
    expect(s1).toMatchObject({ open: true, inService: { trusted: true, since: minutesBefore(2) } });
    expect(s1.queue).toEqual([{ trusted: null, since: minutesBefore(3) }]);
    expect(s.lanes.find((l) => l.laneId === 'S2')?.open).toBe(false); // its last PIL start was 50 minutes ago
    expect(s.secondary?.inInspection).toEqual([{ trusted: null, since: minutesBefore(40) }]);
  });
});

describe('forecast from a live state', () => {
  it('is reproducible with a seed and starts from the trucks already there', () => {
    const a = forecast(scenario, state(6), { hours: 2, seed: 5 });
    const b = forecast(scenario, state(6), { hours: 2, seed: 5 });
    expect({ ...a, wall_ms: 0 }).toEqual({ ...b, wall_ms: 0 });
    expect(forecast(scenario, state(6), { hours: 2, seed: 6 }).points).not.toEqual(a.points);
    expect(a.points[0].at).toBe(AT);
    expect(a.points[1].at).toBe('2026-11-25T08:30:00.000Z');
    expect(a.points.at(-1)?.minutes_ahead).toBe(120);

    // 60 trucks queued for 10 minutes already, with 2 of 6 standard lanes open: long queues and waits at once.
    const jam = forecast(scenario, state(2, 60, 10), { hours: 2, seed: 5 });
    expect(jam.points[0].queue_length.mean).toBeGreaterThan(a.points[0].queue_length.mean + 30);
    // The trucks served first had waited 10 minutes before the state's time.
    expect(jam.points[0].wait_s?.mean).toBeGreaterThan((a.points[0].wait_s?.mean ?? 0) + 200);
    expect(jam.lanes_open).toEqual({ standard: 2, trusted: 2, mixed: 2 });
  });

  it('caps open lanes at the officers on duty, and counts announced trucks in the demand, not on top of it', () => {
    const capped = planForecast(scenario, { ...state(6), officersOnDuty: 7 }, 3, 15);
    // Lanes close from the end of the state's list, lanes with a truck at the booth last.
    expect(capped.lanesOpen).toEqual({ standard: 6, trusted: 1, mixed: 0 });
    const announced = Array.from({ length: 50 }, (_, i) => ({ at: new Date(Date.parse(AT) + (i + 1) * 30_000).toISOString(), trusted: false }));
    const plan = planForecast(scenario, { ...state(6), expectedArrivals: announced }, 3, 15);
    const base = planForecast(scenario, state(6), 3, 15);
    expect(plan.scheduled).toHaveLength(50);
    const rate = (p: typeof plan) => p.scenario.arrivals.reduce((s, a) => s + (a.hourlyRates as number[])[8], 0);
    expect(rate(plan)).toBeLessThan(rate(base));
  });

  it('rejects hours out of range and lanes the scenario cannot price', () => {
    expect(() => forecast(scenario, state(6), { hours: 0 })).toThrow(RangeError);
    expect(() => forecast(scenario, state(6), { hours: 25 })).toThrow(RangeError);
    const onlyTrusted: LiveState = { at: AT, lanes: [{ laneId: 'T1', laneType: 'trusted', open: true, queue: [], inService: null }] };
    expect(() => forecast(scenario, onlyTrusted, { hours: 1 })).toThrow(/only trusted lanes/);
  });

  it('what-if: opening lanes against a jam, closing one when the crossing is quiet', () => {
    const jam = whatIf(scenario, state(2, 60, 10), { hours: 2, targetWaitSeconds: 300, replications: 20 });
    expect(jam.options[0].action).toBe('none');
    expect(jam.options[0].meets_target).toBe(false);
    expect(jam.recommended).toMatch(/^add_officer:standard$/);
    const opened = jam.options.find((o) => o.action === 'add_officer:standard');
    expect(opened?.summary.wait_s?.mean).toBeLessThan(jam.options[0].summary.wait_s?.mean as number);
    const quiet = whatIf(scenario, { ...state(6), at: '2026-11-25T02:20:00.000Z' }, { hours: 2, targetWaitSeconds: 300, replications: 20 });
    expect(quiet.recommended).toMatch(/^close:/);
    expect(() => whatIf(scenario, state(6), { hours: 1, targetWaitSeconds: 300, actions: ['open:nowhere'] })).toThrow(/not possible/);
  });

  it('scores a forecast against what happened', () => {
    const live = simulateTelemetry(scenario, { hours: 12, seed: 9, prefix: 'L' });
    const at = '2026-11-24T08:20:00.000Z';
    const f = forecast(scenario, liveStateFromTelemetry(live.filter((e) => e.at <= at), at), { hours: 3, seed: 1 });
    const actual = actualSeries(live, at, '2026-11-24T11:20:00.000Z', 15);
    expect(actual.map((a) => a.at)).toEqual(f.points.map((p) => p.at));
    const half = scoreForecasts([f], live, '2026-11-24T09:50:00.000Z');
    expect(half.by_horizon).toHaveLength(6); // buckets ended by 09:50: 08:20-08:30, then five quarters to 09:45
    const full = scoreForecasts([f], live, '2026-11-25T00:00:00.000Z');
    expect(full.overall.n).toBe(13);
    expect(full.overall.throughput_mae).toBeGreaterThan(0);
    expect(full.overall.pi95_coverage).toBeGreaterThan(0.5);
  });
});
