import type { Direction, Phase } from '../api/types';

const MINUS = '\u2212';

export const PHASE_LABELS: Record<Phase, string> = {
  poc: 'Proof of concept',
  prototype: 'Prototype',
  pilot: 'Pilot',
  production: 'Production',
  stopped: 'Stopped',
};

export const PHASE_SHORT: Record<Phase, string> = { poc: 'PoC', prototype: 'Prototype', pilot: 'Pilot', production: 'Production', stopped: 'Stopped' };

/** Digits that suit the size: 1234, 47.2, 3.25, 0.042. */
export function formatNumber(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\u2014';
  const abs = Math.abs(value);
  const max = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: max }).format(value).replace('-', MINUS);
}

/** A value with its unit: "47 s", "22.9%", "46 trucks/h". */
export function formatValue(value: number | null | undefined, unit: string, digits?: number): string {
  const number = formatNumber(value, digits);
  if (number === '\u2014' || !unit) return number;
  return unit === '%' ? `${number}%` : `${number}\u00a0${unit}`;
}

/** A value and its unit apart, for a big number with a small unit; `unit` keeps its leading space. */
export function formatValueParts(value: number | null | undefined, unit: string, digits?: number): { number: string; unit: string } {
  const number = formatNumber(value, digits);
  if (number === '\u2014' || !unit) return { number, unit: '' };
  return { number, unit: unit === '%' ? '%' : `\u00a0${unit}` };
}

export function formatInterval(ci: [number, number] | null | undefined, unit = ''): string {
  if (!ci) return '\u2014';
  const range = `${formatNumber(ci[0])}\u2013${formatNumber(ci[1])}`;
  if (!unit) return range;
  return unit === '%' ? `${range}%` : `${range}\u00a0${unit}`;
}

/** A signed percentage from a ratio: -0.478 -> "−47.8%". */
export function formatChange(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '\u2014';
  const pct = Math.round(ratio * 1000) / 10;
  if (pct === 0) return '\u00b10%';
  return `${pct > 0 ? '+' : MINUS}${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(Math.abs(pct))}%`;
}

/** Whether a change is an improvement for a KPI with this direction; null when there is none. */
export function isImprovement(direction: Direction, change: number | null | undefined): boolean | null {
  if (change === null || change === undefined || change === 0 || !Number.isFinite(change)) return null;
  return direction === 'lower' ? change < 0 : change > 0;
}

export function directionLabel(direction: Direction): string {
  return direction === 'lower' ? 'lower is better' : 'higher is better';
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

function valid(iso: string | number | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const formatDate = (iso: string | number | null | undefined) => (valid(iso) ? DATE.format(valid(iso) as Date) : '\u2014');
export const formatShortDate = (iso: string | number | null | undefined) => (valid(iso) ? DATE_SHORT.format(valid(iso) as Date) : '\u2014');
export const formatDateTime = (iso: string | number | null | undefined) => (valid(iso) ? DATE_TIME.format(valid(iso) as Date) : '\u2014');
export const formatTime = (iso: string | number | null | undefined) => (valid(iso) ? TIME.format(valid(iso) as Date) : '\u2014');

/** Seconds as a clock: 3600 -> "1:00", 5400 -> "1:30", 90 -> "0:01:30". */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  return sec ? `${h}:${mm}:${String(sec).padStart(2, '0')}` : `${h}:${mm}`;
}

/** A duration in seconds for people: "45 s", "3.5 min", "2.1 h". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '\u2014';
  if (Math.abs(seconds) < 120) return formatValue(seconds, 's', 0);
  if (Math.abs(seconds) < 7200) return formatValue(seconds / 60, 'min', 1);
  return formatValue(seconds / 3600, 'h', 1);
}

/** A range of seconds in the unit its upper end calls for: "45–110 s", "8.2–15.8 min". */
export function formatSecondsRange(range: [number, number] | null | undefined): string {
  if (!range || !range.every(Number.isFinite)) return '\u2014';
  const top = Math.max(Math.abs(range[0]), Math.abs(range[1]));
  const [divisor, unit, digits] = top < 120 ? [1, 's', 0] : top < 7200 ? [60, 'min', 1] : [3600, 'h', 1];
  return `${formatNumber(range[0] / divisor, digits)}\u2013${formatNumber(range[1] / divisor, digits)}\u00a0${unit}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
