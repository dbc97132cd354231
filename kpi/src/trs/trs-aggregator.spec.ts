import { describe, expect, it } from 'vitest';
import { meanInterval } from './mean-interval';
import { aggregateTrs, percentile, segmentSamples, segmentStats, type TrsEvent } from './trs-aggregator';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const ev = (type: TrsEvent['type'], seconds: number, key: Partial<TrsEvent> = { passageId: 'p1' }): TrsEvent => ({ type, at: at(seconds), ...key });

describe('TRS segments', () => {
  it('measures each PIL segment of a passage and the PIL total', () => {
    const { samples } = segmentSamples([ev('arrival', 0), ev('read', 4), ev('recommendation', 14), ev('decision', 40)]);
    const seconds = Object.fromEntries(samples.map((s) => [s.segment, s.seconds]));
    expect(seconds).toEqual({ 'arrival-to-first-read': 4, 'first-read-to-recommendation': 10, 'recommendation-to-decision': 26, 'pil-total': 40 });
  });

  it('counts from the first of repeated RFID and plate reads, and ignores reads after the decision', () => {
    const { samples, open } = segmentSamples([ev('arrival', 0), ev('read', 3), ev('read', 5), ev('read', 6), ev('recommendation', 13), ev('decision', 20), ev('read', 60)]);
    expect(samples.find((s) => s.segment === 'first-read-to-recommendation')?.seconds).toBe(10);
    expect(open).toEqual([]);
  });

  it('does not depend on the order events arrive in', () => {
    const events = [ev('decision', 40), ev('read', 4), ev('arrival', 0), ev('recommendation', 14)];
    expect(segmentSamples(events).samples.find((s) => s.segment === 'pil-total')?.seconds).toBe(40);
  });

  it('pairs an arrival and a read stamped in the same millisecond', () => {
    expect(segmentSamples([ev('read', 0), ev('arrival', 0)]).samples).toMatchObject([{ segment: 'arrival-to-first-read', seconds: 0 }]);
  });

  it('keeps the crossings of one truck id apart', () => {
    const truck = { truckId: 'T-9' };
    const { samples } = segmentSamples([ev('arrival', 0, truck), ev('decision', 30, truck), ev('arrival', 7200, truck), ev('decision', 7250, truck)]);
    expect(samples.filter((s) => s.segment === 'pil-total').map((s) => s.seconds)).toEqual([30, 50]);
  });

  it('measures declaration and secondary segments by their own keys', () => {
    const { samples } = segmentSamples([
      ev('lodged', 0, { declarationId: 'd1' }), ev('risk-result', 2.5, { declarationId: 'd1' }),
      ev('referral', 100, { passageId: 'p2' }), ev('secondary-done', 1900, { passageId: 'p2' }),
    ]);
    expect(samples.map((s) => [s.segment, s.subject, s.seconds])).toEqual([
      ['lodging-to-risk-result', 'declaration:d1', 2.5],
      ['referral-to-secondary-done', 'passage:p2', 1800],
    ]);
  });

  it('reports segments that have started and not ended as open, and drops ends without a start', () => {
    const { samples, open } = segmentSamples([ev('decision', 5, { passageId: 'early' }), ev('arrival', 0, { passageId: 'p3' }), ev('read', 2, { passageId: 'p3' })]);
    expect(samples.map((s) => s.segment)).toEqual(['arrival-to-first-read']);
    expect(open.map((o) => o.segment).sort()).toEqual(['first-read-to-recommendation', 'pil-total']);
  });
});

describe('TRS statistics', () => {
  it('interpolates percentiles between order statistics (type 7)', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });

  it('gives mean, p50, p90 and n, with no spread for a single sample', () => {
    expect(segmentStats([30, 10, 20])).toEqual({ n: 3, mean: 20, p50: 20, p90: 28, min: 10, max: 30, sd: 10 });
    expect(segmentStats([12])).toMatchObject({ n: 1, mean: 12, sd: null });
    expect(segmentStats([])).toEqual({ n: 0, mean: null, p50: null, p90: null, min: null, max: null, sd: null });
  });
});

describe('aggregateTrs', () => {
  const passage = (id: string, start: number, total: number, lane = 'fast-1'): TrsEvent[] => [
    { type: 'arrival', passageId: id, at: at(start), lane },
    { type: 'read', passageId: id, at: at(start + 2), lane },
    { type: 'recommendation', passageId: id, at: at(start + 8), lane },
    { type: 'decision', passageId: id, at: at(start + total), lane },
  ];

  it('buckets by the hour a segment started in, keeping empty hours', () => {
    const events = [...passage('a', 0, 40), ...passage('b', 1800, 60), ...passage('c', 3600 * 2 + 10, 30)];
    const result = aggregateTrs(events, { from: at(0), to: at(3 * 3600), bucket: 'hour' });
    expect(result.buckets.map((b) => [b.start, b.segments['pil-total'].n, b.segments['pil-total'].mean])).toEqual([
      [at(0), 2, 50], [at(3600), 0, null], [at(7200), 1, 30],
    ]);
    expect(result.totals['pil-total']).toMatchObject({ n: 3, mean: 43.333, p50: 40 });
    expect(result.unit).toBe('s');
  });

  it('keeps a truck whose decision falls in the next hour in the hour it arrived', () => {
    const result = aggregateTrs(passage('late', 3590, 40), { from: at(0), to: at(7200), bucket: 'hour' });
    expect(result.buckets[0].segments['pil-total'].n).toBe(1);
    expect(result.buckets[1].segments['pil-total'].n).toBe(0);
  });

  it('aligns buckets to UTC hours and days even when the window does not', () => {
    const result = aggregateTrs(passage('a', 60, 40), { from: at(30 * 60), to: at(90 * 60), bucket: 'hour' });
    expect(result.buckets.map((b) => b.start)).toEqual([at(0), at(3600)]);
    const days = aggregateTrs(passage('a', 60, 40), { from: at(0), to: new Date(T0 + 2 * 86_400_000).toISOString(), bucket: 'day' });
    expect(days.buckets.map((b) => b.start)).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z']);
    expect(days.buckets[0].segments['pil-total'].n).toBe(1);
  });

  it('leaves out segments that started outside [from, to)', () => {
    const result = aggregateTrs([...passage('before', -100, 40), ...passage('inside', 0, 50), ...passage('after', 3600, 30)], { from: at(0), to: at(3600), bucket: 'hour' });
    expect(result.totals['pil-total']).toMatchObject({ n: 1, mean: 50 });
  });

  it('looks at one lane when asked', () => {
    const result = aggregateTrs([...passage('a', 0, 40, 'fast-1'), ...passage('b', 10, 90, 'general-2')], { from: at(0), to: at(3600), bucket: 'hour', lane: 'fast-1' });
    expect(result.totals['pil-total']).toMatchObject({ n: 1, mean: 40 });
    expect(result.lane).toBe('fast-1');
  });

  it('counts open segments started in the window', () => {
    const result = aggregateTrs([{ type: 'arrival', passageId: 'stuck', at: at(100) }], { from: at(0), to: at(3600), bucket: 'hour' });
    expect(result.open).toMatchObject({ 'arrival-to-first-read': 1, 'pil-total': 1, 'lodging-to-risk-result': 0 });
  });
});

describe('the CI of a bucket mean', () => {
  it('uses Student t for small samples and converts to the KPI unit', () => {
    // n = 3, sd = 10: t(2) = 4.303, half-width 4.303 * 10 / sqrt(3) = 24.843; in minutes: 149.06 s / 60
    expect(meanInterval(segmentStats([30, 10, 20]))).toEqual([-4.843, 44.843]);
    expect(meanInterval(segmentStats([60, 120, 180]), 60)).toEqual([-0.484, 4.484]);
    expect(meanInterval(segmentStats([12]))).toBeNull();
  });
});
