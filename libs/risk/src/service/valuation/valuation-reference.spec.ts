import { describe, expect, it } from 'vitest';
import { describeValuation, valuationBand, ValuationReference } from './valuation-reference';

/** n unit values around `median` (log-spread +-20%), deterministic. */
function fill(ref: ValuationReference, hs6: string, origin: string, median: number, n: number): void {
  for (let i = 0; i < n; i++) ref.add(hs6, origin, 'USD', median * Math.exp(0.2 * Math.sin(i * 1.7)));
}

describe('valuation against reference unit values', () => {
  it('flags a value per kg far below the median of the same HS code and origin', () => {
    const ref = new ValuationReference();
    fill(ref, '080450', 'EC', 3.2, 140);
    const c = ref.compare('080450', 'EC', 'USD', 0.78);
    expect(c).toMatchObject({ hs: '080450', level: 6, origin: 'EC', n: 140, direction: 'below', outlier: true });
    expect(c?.factor).toBeCloseTo(4.1, 1);
    expect(valuationBand(c)).toBe('far below');
    expect(describeValuation(c as NonNullable<typeof c>)).toMatch(/^declared value per kg 4\.1x below the median for HS 0804\.50 from EC \(n=140; 0\.78 vs 3\.\d+ USD\/kg\)$/);
  });

  it('does not flag ordinary values, and is robust to a few wild ones in the reference', () => {
    const ref = new ValuationReference();
    fill(ref, '870830', 'CA', 10, 50);
    for (let i = 0; i < 5; i++) ref.add('870830', 'CA', 'USD', 10_000);
    expect(ref.compare('870830', 'CA', 'USD', 11)).toMatchObject({ outlier: false });
    expect(valuationBand(ref.compare('870830', 'CA', 'USD', 11))).toBe('typical');
    expect(ref.compare('870830', 'CA', 'USD', 60)).toMatchObject({ direction: 'above', outlier: true });
  });

  it('falls back from HS6 to HS4 to HS2 (same origin) when the finer group is too small', () => {
    const ref = new ValuationReference({ minGroup: 10 });
    fill(ref, '080410', 'EC', 2, 6);
    fill(ref, '080450', 'EC', 2, 6);
    expect(ref.compare('080450', 'EC', 'USD', 0.2)).toMatchObject({ hs: '0804', level: 4, n: 12, outlier: true });
    fill(ref, '081000', 'EC', 2, 20);
    expect(ref.compare('089999', 'EC', 'USD', 0.2)).toMatchObject({ hs: '08', level: 2, n: 32 });
    // Another origin or currency is another market: no reference.
    expect(ref.compare('080450', 'PE', 'USD', 0.2)).toBeNull();
    expect(ref.compare('080450', 'EC', 'EUR', 0.2)).toBeNull();
    expect(valuationBand(null)).toBe('no reference');
  });

  it('needs a mass and a positive value', () => {
    const ref = new ValuationReference();
    fill(ref, '080450', 'EC', 3, 20);
    expect(ref.compare('080450', 'EC', 'USD', null)).toBeNull();
    expect(ref.compare('080450', 'EC', 'USD', 0)).toBeNull();
    ref.add('080450', 'EC', 'USD', null);
    expect(ref.size).toBe(20);
  });
});
