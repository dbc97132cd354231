import { describe, expect, it } from 'vitest';
import { between, duration, groupEpc, latency, splitPlate, when } from './format';

describe('formatting for the booth', () => {
  it('writes elapsed times as m:ss, or h:mm:ss past an hour', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(7_900)).toBe('0:07');
    expect(duration(102_000)).toBe('1:42');
    expect(duration(3_725_000)).toBe('1:02:05');
    expect(duration(-500)).toBe('0:00'); // device clock a little ahead of the screen
    expect(duration(null)).toBe('—');
  });

  it('writes machine latencies in ms under a second', () => {
    expect(latency(163)).toBe('163 ms');
    expect(latency(1_240)).toBe('1.2 s');
    expect(between('2026-11-25T14:30:01.000Z', '2026-11-25T14:30:02.500Z')).toBe(1500);
    expect(between('2026-11-25T14:30:01.000Z', null)).toBeNull();
  });

  it('splits plates and groups transponder EPCs for reading aloud', () => {
    expect(splitPlate('CA-ON:AB12345')).toEqual({ jurisdiction: 'CA-ON', number: 'AB12345' });
    expect(splitPlate(null)).toBeNull();
    expect(groupEpc('3034257BF7194E4000001A85')).toBe('3034 257B F719 4E40 0000 1A85');
  });

  it('gives the day only when it is not today', () => {
    const now = Date.parse('2026-11-25T12:00:00');
    expect(when('2026-11-25T14:30:00', now)).toBe('14:30');
    expect(when('2026-11-26T09:05:00', now)).toBe('26 Nov 09:05');
  });
});
