import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse-scenario';
import { calibrate, CalibrationError } from './calibrate';
import { parseTelemetry, simulateTelemetry, telemetryJsonl, TelemetryError } from './telemetry';
import type { TelemetryEvent } from './types';

const scenario = loadScenario(resolve(__dirname, '../../scenarios/twin-validation.yaml'));

function issuesOf(text: string) {
  try {
    parseTelemetry(text);
  } catch (error) {
    if (error instanceof TelemetryError) return error.issues;
    throw error;
  }
  throw new Error('expected a TelemetryError');
}

describe('telemetry', () => {
  it('the model produces each truck\'s events in order, and JSON lines round-trip them', () => {
    const events = simulateTelemetry(scenario, { hours: 6, seed: 3 });
    expect(events.length).toBeGreaterThan(1000);
    const byTruck = new Map<string, TelemetryEvent[]>();
    for (const e of events) byTruck.set(e.truckId, [...(byTruck.get(e.truckId) ?? []), e]);
    const order = ['arrival', 'pil_start', 'pil_end', 'secondary_start', 'secondary_end', 'exit'];
    for (const list of byTruck.values()) {
      const types = list.map((e) => e.type);
      expect(types).toEqual([...types].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      const start = list.find((e) => e.type === 'pil_start');
      if (start) expect(['standard', 'trusted', 'mixed']).toContain(start.laneType);
    }
    expect(parseTelemetry(telemetryJsonl(events))).toEqual(events);
    // Same seed, same telemetry; another seed, other trucks.
    expect(simulateTelemetry(scenario, { hours: 6, seed: 3 })).toEqual(events);
    expect(simulateTelemetry(scenario, { hours: 6, seed: 4 })).not.toEqual(events);
  });

  it('accepts blank lines, numeric truck ids and fields it does not know', () => {
    const events = parseTelemetry('\n{"type":"arrival","truckId":17,"at":"2026-11-25T07:00:00+01:00","camera":"north"}\n\n');
    expect(events).toEqual([{ type: 'arrival', truckId: '17', at: '2026-11-25T06:00:00.000Z' }]);
  });

  it('names the line and field of every event that does not parse', () => {
    const text = [
      '{"type":"arrival","truckId":"A","at":"2026-11-25T07:00:00Z"}',
      'not json',
      '{"type":"teleport","truckId":"B","at":"2026-11-25T07:00:00Z"}',
      '{"type":"arrival","truckId":"","at":"yesterday"}',
      '[1,2]',
      '{"type":"pil_start","truckId":"C","at":"2026-11-25T07:00:00Z","laneType":"express","trusted":"yes"}',
    ].join('\n');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [2, ''],
      [3, 'type'],
      [4, 'truckId'],
      [4, 'at'],
      [5, ''],
      [6, 'laneType'],
      [6, 'trusted'],
    ]);
    expect(issues[1].message).toMatch(/must be one of arrival, pil_start/);
  });

  it('rejects events that contradict each other: an end before its start, a repeated event, another lane', () => {
    const line = (o: object) => JSON.stringify(o);
    const issues = issuesOf(
      [
        line({ type: 'pil_start', truckId: 'A', laneId: 'L1', at: '2026-11-25T07:05:00Z' }),
        line({ type: 'pil_end', truckId: 'A', laneId: 'L1', at: '2026-11-25T07:04:00Z' }),
        line({ type: 'arrival', truckId: 'B', at: '2026-11-25T07:00:00Z' }),
        line({ type: 'arrival', truckId: 'B', at: '2026-11-25T07:01:00Z' }),
        line({ type: 'pil_start', truckId: 'C', laneId: 'L1', at: '2026-11-25T07:00:00Z', trusted: true }),
        line({ type: 'pil_end', truckId: 'C', laneId: 'L2', at: '2026-11-25T07:01:00Z', trusted: false }),
        line({ type: 'pil_end', truckId: 'D', at: '2026-11-25T07:01:00Z', referred: false }),
        line({ type: 'secondary_start', truckId: 'D', at: '2026-11-25T07:02:00Z' }),
      ].join('\n'),
    );
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'at'],
      [4, 'type'],
      [6, 'laneId'],
      [6, 'trusted'],
      [8, 'type'],
    ]);
    expect(issues[0].message).toBe('truck A: pil_end at 2026-11-25T07:04:00.000Z is before its pil_start at 2026-11-25T07:05:00.000Z');
  });

  it('calibration refuses too little telemetry, and without arrival events takes PIL starts as arrivals', () => {
    expect(() => calibrate([])).toThrow(CalibrationError);
    const events = simulateTelemetry(scenario, { hours: 0.05, seed: 1 });
    expect(() => calibrate(events)).toThrow(/too little telemetry/);
    const noArrivals = simulateTelemetry(scenario, { hours: 4, seed: 1 }).filter((e) => e.type !== 'arrival');
    const { report } = calibrate(noArrivals);
    expect(report.arrivals.every((a) => a.source === 'pil_start')).toBe(true);
    expect(report.notes.join(' ')).toMatch(/no arrival events/);
  });
});
