/** One restrained palette for every chart: a blue for measured values, muted references. */
export const CHART = {
  value: '#1f5fae',
  band: '#1f5fae',
  target: '#1c7c54',
  baseline: '#7a8699',
  grid: '#e3e8ef',
  axis: '#5b6677',
  latest: '#1f5fae',
  /** What happened, drawn over a forecast's blue fan. */
  actual: '#c2772b',
  now: '#0f2540',
  stack: ['#173f73', '#3a78c2', '#8fb8e6', '#c9ddf3'],
  series: ['#1f5fae', '#c2772b', '#1c7c54', '#7a4fa3', '#a8323e'],
} as const;

export const AXIS_TICK = { fontSize: 11, fill: CHART.axis } as const;
