import { describe, expect, it } from 'vitest';
import type { CctvRead, LprRead } from '../api/types';
import { callOf, faceCheck, plateCheck } from './checks';
import { aPassage } from '../testing/fixtures';

const cctv = (over: Partial<CctvRead>): CctvRead => ({ device: 'cctv', at: '', receivedAt: '', source: 'mqtt', cameraId: 'CAM', driverPresent: true, ...over });
const lpr = (confidence: number): LprRead => ({ device: 'lpr', at: '', receivedAt: '', source: 'mqtt', plate: { jurisdiction: 'CA-ON', number: 'AB1' }, confidence });

describe('the face-match check against the lane threshold', () => {
  it.each([
    [0.95, 0.8, 'good', 'Match'],
    [0.85, 0.8, 'good', 'Match'],
    [0.84, 0.8, 'warn', 'Marginal'],
    [0.8, 0.8, 'warn', 'Marginal'],
    [0.79, 0.8, 'bad', 'Below threshold'],
    [0.88, 0.9, 'bad', 'Below threshold'],
    [0.88, 0.6, 'good', 'Match'],
  ])('%s against %s is %s', (score, threshold, tone, label) => {
    expect(faceCheck(cctv({ faceMatchScore: score }), threshold)).toEqual({ tone, label });
  });

  it('asks for a look when there is no driver, no score or no camera read', () => {
    expect(faceCheck(cctv({ driverPresent: false, faceMatchScore: 0.99 }), 0.8)).toEqual({ tone: 'warn', label: 'No driver seen' });
    expect(faceCheck(cctv({}), 0.8)).toEqual({ tone: 'warn', label: 'No face-match score' });
    expect(faceCheck(undefined, 0.8)).toEqual({ tone: 'warn', label: 'No camera check' });
  });
});

describe('the plate confidence check', () => {
  it('is red below the lane threshold, amber just above it, green above that', () => {
    expect(plateCheck(lpr(0.7), 0.85).tone).toBe('bad');
    expect(plateCheck(lpr(0.86), 0.85).tone).toBe('warn');
    expect(plateCheck(lpr(0.97), 0.85).tone).toBe('good');
    expect(plateCheck(undefined, 0.85)).toEqual({ tone: 'warn', label: 'Plate not read' });
  });
});

describe('the booth phone state', () => {
  it('follows the last voip read and remembers who answered', () => {
    const base = aPassage();
    const voip = (state: 'ringing' | 'connected' | 'ended', ms: number, officerId?: string) =>
      ({ device: 'voip', state, at: new Date(ms).toISOString(), receivedAt: '', source: 'http', ...(officerId ? { officerId } : {}) }) as const;
    expect(callOf(base)).toEqual({ state: 'none' });
    expect(callOf({ ...base, reads: [...base.reads, voip('ringing', 1)] }).state).toBe('ringing');
    const ended = callOf({ ...base, reads: [...base.reads, voip('ringing', 1), voip('connected', 2, 'officer-17'), voip('ended', 3)] });
    expect(ended).toMatchObject({ state: 'ended', officerId: 'officer-17' });
  });
});
