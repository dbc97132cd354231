import type { DecisionAction, LaneType, Recommendation } from '../api/types';

/** 14:03:22, in the booth's local time. */
export function clock(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** 14:30 today, or 26 Nov 14:30 on another day: for times that are not about this truck's minute. */
export function when(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  if (d.toDateString() === new Date(now).toDateString()) return time;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** 0:07, 1:42, 1:02:05: elapsed times at the booth are seconds to minutes. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 1.2 s / 850 ms: machine latencies. */
export function latency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function between(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? b - a : null;
}

export const score = (x: number) => x.toFixed(2);
export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "CA-ON:AB12 345" -> { jurisdiction: 'CA-ON', number: 'AB12 345' } */
export function splitPlate(key: string | null | undefined): { jurisdiction: string; number: string } | null {
  if (!key) return null;
  const at = key.indexOf(':');
  return at < 0 ? { jurisdiction: '', number: key } : { jurisdiction: key.slice(0, at), number: key.slice(at + 1) };
}

/** 3034 257B F719 4E40 0000 1A85: a 24-digit EPC in groups of four. */
export function groupEpc(epc: string): string {
  return epc.replace(/(.{4})(?=.)/g, '$1 ');
}

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  release: 'Release',
  refer: 'Refer to secondary',
  manual: 'Manual check',
};

export const DECISION_LABEL: Record<DecisionAction, string> = {
  release: 'Released',
  refer: 'Referred to secondary',
  hold: 'Held at booth',
};

export const LANE_TYPE_LABEL: Record<LaneType, string> = {
  trusted: 'Trusted only',
  mixed: 'Mixed',
  standard: 'Standard',
};
