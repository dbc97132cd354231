import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, md1, mg1, mm1, mmc } from './queueing';

describe('queueing formulas', () => {
  it('Erlang B and C match textbook values', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 14);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 14);
    // c = 2, a = 1: C = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    // One server: C = rho.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
  });

  it('M/M/4 at rho 0.9 (lambda 216/h, mean service 60 s)', () => {
    const m = mmc(216 / 3600, 1 / 60, 4);
    expect(m.rho).toBeCloseTo(0.9, 14);
    // Closed form: P0 = 1 / (sum_{k<4} a^k/k! + a^4/(4! (1 - rho))), a = 3.6.
    const a = 3.6;
    let s = 0;
    let f = 1;
    for (let k = 0; k < 4; k++) {
      if (k > 0) f *= k;
      s += a ** k / f;
    }
    const tail = a ** 4 / 24 / (1 - 0.9);
    const p0 = 1 / (s + tail);
    expect(m.pWait).toBeCloseTo(tail * p0, 12);
    expect(m.wq).toBeCloseTo((tail * p0) / (4 / 60 - 216 / 3600), 10);
    expect(m.wq).toBeCloseTo(118.163, 3);
    expect(m.lq).toBeCloseTo((216 / 3600) * m.wq, 12); // Little
  });

  it('M/M/1 and M/M/c with c = 1 agree', () => {
    const a = mm1(0.8 / 60, 1 / 60);
    const b = mmc(0.8 / 60, 1 / 60, 1);
    expect(a.wq).toBeCloseTo(240, 10);
    expect(b.wq).toBeCloseTo(a.wq, 10);
    expect(a.l).toBeCloseTo(4, 10);
  });

  it('Pollaczek-Khinchine: M/D/1 waits half as long as M/M/1', () => {
    const d = md1(0.8 / 60, 60);
    expect(d.wq).toBeCloseTo(120, 10);
    expect(mg1(0.8 / 60, 60, 3600).wq).toBeCloseTo(mm1(0.8 / 60, 1 / 60).wq, 10);
  });

  it('reject unstable or invalid queues', () => {
    expect(() => mmc(1, 0.2, 4)).toThrow(/unstable/);
    expect(() => mm1(0, 1)).toThrow(/lambda/);
    expect(() => mmc(0.1, 1, 1.5)).toThrow(/servers/);
    expect(() => mg1(0.1, 60, -1)).toThrow(/variance/);
  });
});
