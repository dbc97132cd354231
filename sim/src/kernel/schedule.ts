// Capacity schedules: how many servers a resource has, as a function of time.

/** From `fromSecond` on, the resource has `capacity` servers. */
export interface CapacityStep {
  /** Start of the step, in seconds (within the cycle if the schedule repeats). */
  fromSecond: number;
  /** Number of servers (integer >= 0). */
  capacity: number;
}

/**
 * A piecewise-constant capacity over time. Steps are sorted by `fromSecond`.
 * Without `cycleSeconds`, capacity is 0 before the first step and the last step
 * lasts forever. With `cycleSeconds` (e.g. 86 400 for a daily pattern) the steps
 * repeat every cycle, `fromSecond` is measured from the start of each cycle
 * (cycles start at time 0), and before the first step of a cycle the previous
 * cycle's last step still applies.
 */
export interface CapacitySchedule {
  steps: readonly CapacityStep[];
  cycleSeconds?: number;
}

/** Seconds in a day. */
export const DAY_SECONDS = 86_400;
/** Seconds in an hour. */
export const HOUR_SECONDS = 3_600;

/**
 * A daily schedule from 24 capacities, one per hour of the day (index 0 is
 * 00:00-01:00), repeating every day. E.g. booths open 08:00-18:00:
 * `hourlyCapacity([0,0,0,0,0,0,0,0, 4,4,4,4,4,4,4,4,4,4, 0,0,0,0,0,0])`.
 */
export function hourlyCapacity(capacities: readonly number[]): CapacitySchedule {
  if (capacities.length !== 24) throw new RangeError(`hourly capacity needs 24 values (one per hour of the day), got ${capacities.length}`);
  return { steps: capacities.map((capacity, h) => ({ fromSecond: h * HOUR_SECONDS, capacity })), cycleSeconds: DAY_SECONDS };
}

/** @internal A validated schedule that answers "capacity at t" and "next change after t". */
export class CompiledSchedule {
  private readonly from: number[];
  private readonly cap: number[];
  private readonly cycle: number;

  constructor(schedule: CapacitySchedule) {
    const { steps, cycleSeconds } = schedule;
    if (!Array.isArray(steps) || steps.length === 0) throw new RangeError('capacity schedule needs at least one step');
    if (cycleSeconds !== undefined && !(Number.isFinite(cycleSeconds) && cycleSeconds > 0)) {
      throw new RangeError(`capacity schedule cycleSeconds must be a finite number > 0, got ${cycleSeconds}`);
    }
    this.cycle = cycleSeconds ?? Infinity;
    this.from = [];
    this.cap = [];
    let prev = -Infinity;
    steps.forEach((s, i) => {
      if (!Number.isFinite(s.fromSecond)) throw new RangeError(`capacity schedule step ${i}: fromSecond must be a finite number, got ${s.fromSecond}`);
      if (s.fromSecond <= prev) throw new RangeError(`capacity schedule step ${i}: fromSecond values must be strictly increasing`);
      if (cycleSeconds !== undefined && (s.fromSecond < 0 || s.fromSecond >= cycleSeconds)) {
        throw new RangeError(`capacity schedule step ${i}: fromSecond must be in [0, cycleSeconds) for a repeating schedule, got ${s.fromSecond}`);
      }
      checkCapacity(s.capacity, `capacity schedule step ${i}: capacity`);
      prev = s.fromSecond;
      this.from.push(s.fromSecond);
      this.cap.push(s.capacity);
    });
  }

  /** Capacity in force at time t. */
  at(t: number): number {
    if (this.cycle === Infinity) {
      const i = this.indexAt(t);
      return i < 0 ? 0 : this.cap[i];
    }
    const off = t - Math.floor(t / this.cycle) * this.cycle;
    const i = this.indexAt(off);
    return i < 0 ? this.cap[this.cap.length - 1] : this.cap[i];
  }

  /** First time > t at which capacity differs from `at(t)`, with the new capacity; null if it never changes. */
  nextChange(t: number): { time: number; capacity: number } | null {
    const current = this.at(t);
    if (this.cycle === Infinity) {
      for (let i = this.indexAt(t) + 1; i < this.from.length; i++) {
        if (this.cap[i] !== current) return { time: this.from[i], capacity: this.cap[i] };
      }
      return null;
    }
    const n = this.from.length;
    let base = Math.floor(t / this.cycle) * this.cycle;
    let i = this.indexAt(t - base) + 1;
    // Look at most one full cycle ahead (plus the remainder of this one).
    for (let seen = 0; seen <= n; seen++, i++) {
      if (i >= n) {
        i = 0;
        base += this.cycle;
      }
      const time = base + this.from[i];
      if (time > t && this.cap[i] !== current) return { time, capacity: this.cap[i] };
    }
    return null;
  }

  /** Index of the last step with from <= x, or -1. */
  private indexAt(x: number): number {
    const f = this.from;
    let lo = 0;
    let hi = f.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (f[mid] <= x) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}

/** @internal */
export function checkCapacity(c: number, what: string): void {
  if (!(Number.isInteger(c) && c >= 0) && c !== Infinity) throw new RangeError(`${what} must be an integer >= 0 (or Infinity), got ${c}`);
}
