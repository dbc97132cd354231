import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '@corridor/domain';
import { daysBetween, readNewInitiative, schedule } from './initiative';

const now = new Date('2026-11-25T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('initiatives', () => {
  it('starts in poc, owned by the caller, now, with the method\'s plan', () => {
    expect(readNewInitiative({ name: 'Remote PIL' }, 'manager-1', now)).toEqual({
      name: 'Remote PIL', description: '', owner: 'manager-1', phase: 'poc', phaseStartedAt: now.toISOString(), plan: {}, kpis: [],
    });
  });

  it('refuses to start stopped, in the future, or with a plan whose minimum exceeds its maximum', () => {
    const fields = (input: unknown) => {
      try {
        readNewInitiative(input, 'm', now);
        return [];
      } catch (error) {
        return (error as InvalidFieldsError).errors.map((e) => e.field);
      }
    };
    expect(fields({ name: 'x', phase: 'stopped' })).toEqual(['phase']);
    expect(fields({ name: 'x', phaseStartedAt: '2027-01-01T00:00:00Z' })).toEqual(['phaseStartedAt']);
    expect(fields({ name: 'x', plan: { pilot: { min: 800, max: 400 } } })).toEqual(['plan.pilot.min']);
    expect(fields({ name: 'x', plan: { stopped: { min: 1, max: 2 } } })).toEqual(['plan.stopped']);
  });
});

describe('days in phase against plan', () => {
  it('uses the method\'s defaults: PoC 1-3 months, prototype 3-6 months, pilot 1-2 years', () => {
    expect(schedule('poc', daysAgo(45), {}, now)).toEqual({ daysInPhase: 45, plannedDays: { min: 30, max: 90 }, progress: 0.5, status: 'on-plan' });
    expect(schedule('prototype', daysAgo(181), {}, now)).toMatchObject({ plannedDays: { min: 90, max: 180 }, status: 'overdue' });
    expect(schedule('pilot', daysAgo(730), {}, now)).toMatchObject({ plannedDays: { min: 365, max: 730 }, status: 'on-plan', progress: 1 });
  });

  it('prefers the initiative\'s own plan and leaves production and stopped open-ended', () => {
    expect(schedule('poc', daysAgo(45), { poc: { min: 10, max: 40 } }, now)).toMatchObject({ status: 'overdue' });
    expect(schedule('production', daysAgo(400), {}, now)).toEqual({ daysInPhase: 400, plannedDays: null, progress: null, status: 'open-ended' });
  });

  it('counts whole days', () => {
    expect(daysBetween(daysAgo(1.5), now)).toBe(1);
    expect(daysBetween(now.toISOString(), now)).toBe(0);
  });
});
