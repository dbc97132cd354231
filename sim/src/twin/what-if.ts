// What-if from now: the same forecast under each action an officer in charge could take (open or
// close a lane, switch a lane to trusted-only, call in an officer), on the same random numbers so
// the differences come from the actions, and the one that best meets the wait target.
import type { LaneType, Scenario } from '../scenario/scenario';
import { forecast, type ForecastOptions } from './forecast';
import type { Forecast, LiveState } from './types';

export interface WhatIfAction {
  /** e.g. `none`, `open:standard`, `close:mixed`, `trusted_only:lane-7`, `add_officer:standard`. */
  action: string;
  label: string;
  /** Officers it takes (negative: frees one). Breaks ties between actions that meet the target. */
  cost: number;
  apply(state: LiveState): LiveState;
}

export interface WhatIfOption {
  action: string;
  label: string;
  cost: number;
  /** The upper end of the 80% interval of the window's mean PIL wait is within the target. */
  meets_target: boolean;
  lanes_open: Record<string, number>;
  summary: Forecast['summary'];
}

export interface WhatIfResult {
  state_at: string;
  hours: number;
  replications: number;
  target_wait_s: number;
  recommended: string;
  reason: string;
  options: WhatIfOption[];
}

const staffed = (state: LiveState) => state.officersOnDuty ?? state.lanes.filter((l) => l.open).length;
const openOf = (state: LiveState, type?: LaneType) => state.lanes.filter((l) => l.open && (type === undefined || l.laneType === type)).length;

/** The actions that make sense in this state, `none` first. */
export function whatIfActions(state: LiveState): WhatIfAction[] {
  const actions: WhatIfAction[] = [{ action: 'none', label: 'Keep the lanes as they are', cost: 0, apply: (s) => s }];
  const types = [...new Set(state.lanes.map((l) => l.laneType))];
  const idleOfficer = staffed(state) > openOf(state);
  for (const type of types) {
    const closed = state.lanes.filter((l) => l.laneType === type && !l.open);
    if (closed.length > 0) {
      const lane = closed[0].laneId;
      const opened = (s: LiveState): LiveState => ({ ...s, lanes: s.lanes.map((l) => (l.laneId === lane ? { ...l, open: true } : l)) });
      if (idleOfficer) actions.push({ action: `open:${type}`, label: `Open ${type} lane ${lane} (an officer on duty is free)`, cost: 1, apply: opened });
      else actions.push({ action: `add_officer:${type}`, label: `Call in an officer to open ${type} lane ${lane}`, cost: 2, apply: (s) => ({ ...opened(s), officersOnDuty: staffed(s) + 1 }) });
    }
    // Close a lane (the last open one, preferring one with nobody at the booth); some lane must stay open for standard trucks.
    const open = state.lanes.filter((l) => l.laneType === type && l.open);
    const standardLeft = state.lanes.filter((l) => l.open && l.laneType !== 'trusted').length - (type === 'trusted' ? 0 : 1);
    if (open.length > 0 && (type === 'trusted' || standardLeft >= 1)) {
      const lane = ([...open].reverse().find((l) => l.inService === null) ?? open[open.length - 1]).laneId;
      actions.push({
        action: `close:${type}`,
        label: `Close ${type} lane ${lane} (its queue moves to the other lanes)`,
        cost: -1,
        apply: (s) => moveQueue({ ...s, lanes: s.lanes.map((l) => (l.laneId === lane ? { ...l, open: false } : l)), ...(s.officersOnDuty !== undefined ? { officersOnDuty: s.officersOnDuty - 1 } : {}) }, lane),
      });
    }
    if (type !== 'trusted' && open.length > 0 && standardLeft >= 1) {
      const lane = open[open.length - 1].laneId;
      actions.push({
        action: `trusted_only:${lane}`,
        label: `Switch ${type} lane ${lane} to trusted trucks only`,
        cost: 0,
        apply: (s) => moveQueue({ ...s, lanes: s.lanes.map((l) => (l.laneId === lane ? { ...l, laneType: 'trusted' as const } : l)) }, lane),
      });
    }
  }
  return actions;
}

/** A closed or switched lane's queue goes back to the approach, where the trucks choose again. */
function moveQueue(state: LiveState, laneId: string): LiveState {
  const lane = state.lanes.find((l) => l.laneId === laneId);
  if (!lane || lane.queue === 0 || (Array.isArray(lane.queue) && lane.queue.length === 0)) return state;
  const moved = typeof lane.queue === 'number' ? Array.from({ length: lane.queue }, () => ({ trusted: null, since: state.at })) : lane.queue;
  return { ...state, approach: [...(state.approach ?? []), ...moved], lanes: state.lanes.map((l) => (l.laneId === laneId ? { ...l, queue: [] } : l)) };
}

/**
 * Forecasts every action (same seed: common random numbers) and recommends the cheapest one
 * whose 80% interval of the mean wait stays within the target (ties: the shorter mean wait); if
 * none does, the one with the shortest mean wait.
 */
export function whatIf(scenario: Scenario, state: LiveState, options: Omit<ForecastOptions, 'action'> & { targetWaitSeconds: number; actions?: readonly string[] }): WhatIfResult {
  const target = options.targetWaitSeconds;
  if (!(Number.isFinite(target) && target > 0)) throw new RangeError(`targetWaitSeconds must be a number above 0, got ${target}`);
  let actions = whatIfActions(state);
  if (options.actions) {
    const wanted = new Set(options.actions);
    const unknown = [...wanted].filter((a) => !actions.some((x) => x.action === a));
    if (unknown.length > 0) throw new RangeError(`actions not possible in this state: ${unknown.join(', ')} (possible: ${actions.map((a) => a.action).join(', ')})`);
    actions = actions.filter((a) => a.action === 'none' || wanted.has(a.action));
  }
  const results: WhatIfOption[] = actions.map((a) => {
    const f = forecast(scenario, a.apply(state), { ...options, action: a.action });
    const wait = f.summary.wait_s;
    return { action: a.action, label: a.label, cost: a.cost, meets_target: wait === null || wait.pi80[1] <= target, lanes_open: f.lanes_open, summary: f.summary };
  });
  const meanWait = (o: WhatIfOption) => o.summary.wait_s?.mean ?? 0;
  const meeting = results.filter((o) => o.meets_target).sort((a, b) => a.cost - b.cost || meanWait(a) - meanWait(b));
  const closest = [...results].sort((a, b) => meanWait(a) - meanWait(b) || a.cost - b.cost)[0];
  const best = meeting[0] ?? closest;
  const seconds = (x: number) => `${Math.round(x)} s`;
  const reason = meeting.length > 0
    ? `${best.label}: mean wait ${seconds(meanWait(best))} (80% up to ${seconds(best.summary.wait_s?.pi80[1] ?? 0)}) meets the ${seconds(target)} target${best.cost > 0 ? ' and nothing cheaper does' : best.cost < 0 ? ' with an officer freed for other work' : ''}`
    : `No action meets the ${seconds(target)} target over the next ${options.hours} h; ${best.label.toLowerCase()} comes closest (mean wait ${seconds(meanWait(best))})`;
  return { state_at: new Date(Date.parse(state.at)).toISOString(), hours: options.hours, replications: options.replications ?? 30, target_wait_s: target, recommended: best.action, reason, options: results };
}
