import type { CctvRead, LprRead, Passage, PassageRead, RfidRead, VoipRead, VoipState } from '../api/types';

/** green: clearly fine; amber: look again; red: below what the lane accepts. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/**
 * Scores this close above the lane threshold pass, but are shown amber: face matching varies
 * with light, camera and the person (WCO study, SmartGate lessons), so a bare pass is worth a look.
 */
export const MARGIN = 0.05;

export interface ScoreCheck {
  tone: Tone;
  label: string;
}

/** The CCTV driver check against the lane's face-match threshold. */
export function faceCheck(cctv: CctvRead | undefined, threshold: number): ScoreCheck {
  if (!cctv) return { tone: 'warn', label: 'No camera check' };
  if (!cctv.driverPresent) return { tone: 'warn', label: 'No driver seen' };
  if (cctv.faceMatchScore === undefined) return { tone: 'warn', label: 'No face-match score' };
  return scoreCheck(cctv.faceMatchScore, threshold, { pass: 'Match', marginal: 'Marginal', fail: 'Below threshold' });
}

/** The plate reader's confidence against the lane's threshold. */
export function plateCheck(lpr: LprRead | undefined, threshold: number): ScoreCheck {
  if (!lpr) return { tone: 'warn', label: 'Plate not read' };
  return scoreCheck(lpr.confidence, threshold, { pass: 'clear read', marginal: 'marginal', fail: 'confirm the plate' });
}

export function scoreCheck(value: number, threshold: number, labels: { pass: string; marginal: string; fail: string }): ScoreCheck {
  // Scores come with two decimals: compare the difference rounded, so 0.85 - 0.80 is a full 0.05.
  const above = Math.round((value - threshold) * 1e6) / 1e6;
  if (above < 0) return { tone: 'bad', label: labels.fail };
  if (above < MARGIN) return { tone: 'warn', label: labels.marginal };
  return { tone: 'good', label: labels.pass };
}

/** The latest read of a device (a passage keeps one of each identifying read). */
export function readOf<K extends PassageRead['device']>(passage: Passage, device: K): Extract<PassageRead, { device: K }> | undefined {
  const reads = passage.reads.filter((r): r is Extract<PassageRead, { device: K }> => r.device === device);
  return reads[reads.length - 1];
}

export const rfidOf = (p: Passage) => readOf(p, 'rfid') as RfidRead | undefined;
export const lprOf = (p: Passage) => readOf(p, 'lpr') as LprRead | undefined;
export const cctvOf = (p: Passage) => readOf(p, 'cctv') as CctvRead | undefined;

/** The booth phone: the state of the last call event, and who took it. */
export function callOf(passage: Passage): { state: VoipState | 'none'; since?: string; officerId?: string } {
  const calls = passage.reads.filter((r): r is VoipRead => r.device === 'voip');
  const last = calls[calls.length - 1];
  if (!last) return { state: 'none' };
  const answered = [...calls].reverse().find((c) => c.state === 'connected');
  return { state: last.state, since: last.at, officerId: last.officerId ?? answered?.officerId };
}

/** Reasons naming a declaration ("Declaration 1a2b3c4d (IM) ..."), matched by its id prefix. */
export function reasonsFor(passage: Passage, declarationId: string) {
  const prefix = `Declaration ${declarationId.slice(0, 8)}`;
  return passage.reasons.filter((r) => r.text.startsWith(prefix));
}

/** Flags are also reasons: the reason list marks them rather than repeating them. */
export function isFlagged(passage: Passage, code: string): boolean {
  return passage.flags.some((f) => f.code === code);
}
