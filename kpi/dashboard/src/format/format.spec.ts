import { describe, expect, it } from 'vitest';
import { formatChange, formatClock, formatInterval, formatNumber, formatSeconds, formatSecondsRange, formatValue, isImprovement } from './format';

describe('number formatting', () => {
  it('shows as many digits as the size of the number deserves', () => {
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(47.25)).toBe('47.3');
    expect(formatNumber(3.256)).toBe('3.26');
    expect(formatNumber(0.0423)).toBe('0.042');
    expect(formatNumber(-12.34)).toBe('\u221212.3');
    expect(formatNumber(null)).toBe('\u2014');
    expect(formatNumber(Number.NaN)).toBe('\u2014');
  });

  it('puts the unit after the value: a percent sign tight, other units after a no-break space', () => {
    expect(formatValue(22.9, '%')).toBe('22.9%');
    expect(formatValue(46, 'trucks/h')).toBe('46\u00a0trucks/h');
    expect(formatValue(null, 's')).toBe('\u2014');
    expect(formatInterval([43, 51], 's')).toBe('43\u201351\u00a0s');
  });

  it('signs a change from baseline with a real minus and one decimal', () => {
    expect(formatChange(-0.4778)).toBe('\u221247.8%');
    expect(formatChange(0.2105)).toBe('+21.1%');
    expect(formatChange(0)).toBe('\u00b10%');
    expect(formatChange(null)).toBe('\u2014');
  });

  it('judges a change by the direction of the KPI', () => {
    expect(isImprovement('lower', -0.3)).toBe(true);
    expect(isImprovement('lower', 0.1)).toBe(false);
    expect(isImprovement('higher', 0.1)).toBe(true);
    expect(isImprovement('higher', 0)).toBeNull();
  });

  it('reads simulated seconds as a clock and durations in a fitting unit', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(5400)).toBe('1:30');
    expect(formatClock(90)).toBe('0:01:30');
    expect(formatSeconds(45)).toBe('45\u00a0s');
    expect(formatSeconds(210)).toBe('3.5\u00a0min');
    expect(formatSeconds(9000)).toBe('2.5\u00a0h');
    expect(formatSecondsRange([45, 110])).toBe('45\u2013110\u00a0s');
    expect(formatSecondsRange([90, 950])).toBe('1.5\u201315.8\u00a0min');
    expect(formatSecondsRange(null)).toBe('\u2014');
  });
});
