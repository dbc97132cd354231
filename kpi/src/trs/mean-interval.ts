import type { SegmentStats } from './trs-aggregator';

/** Three decimals: milliseconds for seconds, and no float noise in the dashboard. */
export const round = (x: number) => Math.round(x * 1000) / 1000;

/** Student t 0.975 quantiles for 1-30 degrees of freedom; beyond that the normal 1.96 is close enough. */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** 95% CI of the bucket mean, so the gate can judge live data by its conservative bound too. */
export function meanInterval(stats: SegmentStats, perUnit = 1): [number, number] | null {
  if (stats.n < 2 || stats.sd === null || stats.mean === null) return null;
  const t = T_975[stats.n - 2] ?? 1.96;
  const half = (t * stats.sd) / Math.sqrt(stats.n);
  const mean = round(stats.mean / perUnit);
  return [Math.min(mean, round((stats.mean - half) / perUnit)), Math.max(mean, round((stats.mean + half) / perUnit))];
}
