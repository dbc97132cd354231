import { describe, expect, it } from 'vitest';
import { labelFromKey, parseSeries, unitFromKey } from './series';

describe('parseSeries', () => {
  it('reads 15-minute points in simulated seconds into queue and wait lines', () => {
    const parsed = parseSeries([{ t: 0, queueLength: 1, waitSeconds: 60, servers: 2 }, { t: 900, queueLength: 3, waitSeconds: 140, servers: 2 }]);
    expect(parsed).toEqual({
      time: 'sim-seconds',
      rows: [{ x: 0, queueLength: 1, waitSeconds: 60, servers: 2 }, { x: 900, queueLength: 3, waitSeconds: 140, servers: 2 }],
      queue: ['queueLength'], wait: ['waitSeconds'], other: ['servers'],
    });
  });

  it('accepts minutes, ISO times and {mean} objects', () => {
    expect(parseSeries([{ minute: 15, queue: { mean: 2.5, lo: 2, hi: 3 } }]).rows).toEqual([{ x: 900, queue: 2.5 }]);
    const iso = parseSeries([{ at: '2026-11-25T08:15:00Z', meanWait: 30 }, { at: '2026-11-25T08:00:00Z', meanWait: 20 }]);
    expect(iso.time).toBe('date');
    expect(iso.rows.map((r) => r.meanWait)).toEqual([20, 30]);
  });

  it('draws bare numbers by their index and nothing for an empty series', () => {
    expect(parseSeries([3, 4])).toMatchObject({ time: 'index', rows: [{ x: 0, value: 3 }, { x: 1, value: 4 }], other: ['value'] });
    expect(parseSeries(null).rows).toEqual([]);
    expect(parseSeries(['a', 'b']).rows).toEqual([]);
  });

  it('reads units and labels off the field names', () => {
    expect(unitFromKey('waitSeconds')).toBe('s');
    expect(unitFromKey('wait_s')).toBe('s');
    expect(unitFromKey('waitMinutes')).toBe('min');
    expect(unitFromKey('queueLength')).toBe('');
    expect(labelFromKey('queueLength')).toBe('Queue length');
    expect(labelFromKey('wait_time_s')).toBe('Wait time s');
  });
});
