import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';

describe('Student t quantile', () => {
  it('matches published table values', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
  });

  it('matches high-precision reference values (mpmath, 30 digits) to 1e-9', () => {
    const ref: [number, number, number][] = [
      [0.975, 9, 2.2621571628],
      [0.975, 1, 12.7062047362],
      [0.975, 30, 2.0422724563],
      [0.975, 2, 4.30265272975],
      [0.975, 4, 2.7764451052],
      [0.95, 19, 1.72913281152],
      [0.995, 5, 4.03214298356],
      [0.9995, 3, 12.9239786367],
      [0.975, 120, 1.97993040508],
      [0.975, 1e5, 1.95998770753],
      [0.975, 1e9, 1.95996398691],
      [0.975, 2.5, 3.574654842],
    ];
    for (const [p, df, t] of ref) expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-9 * Math.max(1, t));
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
