import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';

describe('Student t quantile', () => {
  it('matches published table values', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 6);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776445, 6);
    expect(studentTQuantile(0.95, 19)).toBeCloseTo(1.729133, 6);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032143, 6);
    expect(studentTQuantile(0.9995, 3)).toBeCloseTo(12.92398, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.979930, 6);
    expect(studentTQuantile(0.975, 1e5)).toBeCloseTo(1.959988, 6);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.975, 2.5)).toBeCloseTo(3.495406, 5);
  });

  it('is antisymmetric and inverts the CDF', () => {
    for (const df of [1, 2, 3, 7, 9, 29, 250]) {
      for (const p of [0.001, 0.025, 0.1, 0.4, 0.6, 0.9, 0.975, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 10);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(1, 4)).toBe(Infinity);
    expect(() => studentTQuantile(0.9, 0)).toThrow(/df/);
    expect(() => studentTQuantile(1.1, 3)).toThrow(/p must be/);
  });
});

describe('special functions', () => {
  it('logGamma', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
  });

  it('incompleteBeta', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    // I_x(a, 1) = x^a
    expect(incompleteBeta(0.7, 3.5, 1)).toBeCloseTo(0.7 ** 3.5, 13);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('normal CDF and quantile', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 11);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
  });
});
