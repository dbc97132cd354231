import { describe, expect, it } from 'vitest';
import { clockTicks } from '../charts/fan-chart';
import { formatTime } from '../format/format';
import { twinForecastView } from '../testing/twin-fixtures';
import { fanRows } from './fan-rows';

describe('fanRows', () => {
  // The state at 08:07: the forecast's first bucket is 08:07-08:15, inside the actual 08:00-08:15 bucket.
  const view = twinForecastView({ stateAt: new Date(2026, 10, 25, 8, 7), hours: 1, minutesSinceState: 20 });
  const rows = fanRows(view, 'queue_length');
  const at = (time: string) => rows.find((r) => formatTime(r.t) === time);
  const actual = (time: string) => view.actual.find((a) => formatTime(a.at) === time)?.queue_length;

  it('puts the forecast and the actual buckets on one time axis, the past before the forecast', () => {
    expect(rows.map((r) => formatTime(r.t))).toEqual([
      '05:07', '05:15', '05:30', '05:45', '06:00', '06:15', '06:30', '06:45', '07:00', '07:15', '07:30', '07:45', '08:00', '08:07', '08:15', '08:30', '08:45', '09:00',
    ]);
    expect(at('08:00')).toMatchObject({ band: null, median: null, pi80: null, minutesAhead: null, hasActual: true, measured: actual('08:00'), actual: actual('08:00') });
    expect(at('08:30')).toMatchObject({ minutesAhead: 38, hasActual: false, measured: null, actual: null });
    expect(at('09:00')).toMatchObject({ minutesAhead: 60, band: view.forecast.points[4].queue_length });
  });

  it('carries the actual line through a forecast bucket that starts inside an actual one, without claiming a measurement there', () => {
    const first = view.forecast.points[0].queue_length;
    expect(at('08:07')).toMatchObject({ minutesAhead: 8, band: first, median: first.p50, pi80: first.pi80, pi95: first.pi95, hasActual: false, measured: null, actual: actual('08:00') });
    expect(at('08:15')).toMatchObject({ minutesAhead: 23, hasActual: true, measured: actual('08:15'), median: view.forecast.points[1].queue_length.p50 });
  });

  it('keeps a bucket without a measured wait empty rather than zero', () => {
    expect(fanRows(view, 'wait_s')[0]).toMatchObject({ hasActual: true, measured: null, actual: null });
  });
});

describe('clockTicks', () => {
  it('ticks on whole half hours of the local clock for a few hours', () => {
    const ticks = clockTicks(new Date(2026, 10, 25, 5, 7).getTime(), new Date(2026, 10, 25, 9, 0).getTime());
    expect(ticks.map((t) => formatTime(t))).toEqual(['05:30', '06:00', '06:30', '07:00', '07:30', '08:00', '08:30', '09:00']);
  });

  it('ticks every other hour, on even hours, for a long window', () => {
    const ticks = clockTicks(new Date(2026, 10, 25, 5, 0).getTime(), new Date(2026, 10, 25, 17, 0).getTime());
    expect(ticks.map((t) => formatTime(t))).toEqual(['06:00', '08:00', '10:00', '12:00', '14:00', '16:00']);
  });
});
