// What one replication measures: per-truck observations after the warm-up (the deletion
// method), and per-bucket series over the whole horizon (warm-up included) for the charts.
import { RunningStats } from '../stats/summary';

/** The per-bucket sums of one replication; replications are pooled by adding them up. */
export interface SeriesSums {
  bucketSeconds: number;
  /** Integral of the number of trucks waiting for the PIL over the bucket (truck-seconds). */
  queueArea: number[];
  /** Sum and count of PIL waits of trucks whose service started in the bucket. */
  waitSum: number[];
  waitCount: number[];
  waitSumTrusted: number[];
  waitCountTrusted: number[];
  waitSumStandard: number[];
  waitCountStandard: number[];
  arrivals: number[];
  /** PIL decisions in the bucket. */
  completions: number[];
  /** Integral of open PIL lanes over the bucket (lane-seconds). */
  openArea: number[];
}

export type TruckClass = 'trusted' | 'standard';

/** Collects one replication's observations. Times in seconds. */
export class Recorder {
  readonly wait = new RunningStats();
  readonly waitByClass = { trusted: new RunningStats(), standard: new RunningStats() };
  readonly processing = new RunningStats();
  readonly processingByClass = { trusted: new RunningStats(), standard: new RunningStats() };
  readonly timeInSystem = new RunningStats();
  readonly timeInSystemByClass = { trusted: new RunningStats(), standard: new RunningStats() };
  readonly secondaryWait = new RunningStats();
  /** PIL decisions after the warm-up, referrals among them, and trusted trucks by path. */
  decisions = 0;
  referrals = 0;
  trustedDecisions = 0;
  trustedAutomated = 0;
  /** Release/refer recommendations shown to officers, and how many were followed. */
  recommendations = 0;
  followed = 0;
  arrivalsInWindow = 0;
  arrivals = 0;
  /** Model events: arrivals, service starts and ends, secondary starts and ends. */
  events = 0;
  readonly series: SeriesSums;
  /** PIL decisions per hour of simulated time (for the busiest hour). */
  readonly hourlyCompletions: number[];
  private queued = 0;
  private queueSince = 0;

  constructor(
    readonly warmup: number,
    readonly horizon: number,
    bucketSeconds: number,
  ) {
    this.hourlyCompletions = new Array<number>(Math.max(1, Math.ceil(horizon / 3600))).fill(0);
    const n = Math.max(1, Math.ceil(horizon / bucketSeconds));
    const zeros = () => new Array<number>(n).fill(0);
    this.series = {
      bucketSeconds,
      queueArea: zeros(),
      waitSum: zeros(),
      waitCount: zeros(),
      waitSumTrusted: zeros(),
      waitCountTrusted: zeros(),
      waitSumStandard: zeros(),
      waitCountStandard: zeros(),
      arrivals: zeros(),
      completions: zeros(),
      openArea: zeros(),
    };
  }

  private bucket(t: number): number {
    return Math.min(this.series.queueArea.length - 1, Math.floor(t / this.series.bucketSeconds));
  }

  /** Adds `value` x (time spent in each bucket) between `from` and `to` to `area`. */
  private spread(area: number[], from: number, to: number, value: number): void {
    if (value === 0 || to <= from) return;
    const size = this.series.bucketSeconds;
    let t = from;
    while (t < to) {
      const b = this.bucket(t);
      const end = b === area.length - 1 ? to : Math.min(to, (b + 1) * size);
      area[b] += value * (end - t);
      t = end;
    }
  }

  private queueChange(now: number, delta: number): void {
    this.spread(this.series.queueArea, this.queueSince, now, this.queued);
    this.queued += delta;
    this.queueSince = now;
  }

  arrived(now: number): void {
    this.events++;
    this.arrivals++;
    if (now >= this.warmup) this.arrivalsInWindow++;
    this.series.arrivals[this.bucket(now)]++;
  }

  joinedQueue(now: number): void {
    this.queueChange(now, 1);
  }

  /** The truck's PIL service started after waiting `wait` seconds. */
  serviceStarted(now: number, wait: number, cls: TruckClass): void {
    this.events++;
    this.queueChange(now, -1);
    const s = this.series;
    const b = this.bucket(now);
    s.waitSum[b] += wait;
    s.waitCount[b]++;
    if (cls === 'trusted') {
      s.waitSumTrusted[b] += wait;
      s.waitCountTrusted[b]++;
    } else {
      s.waitSumStandard[b] += wait;
      s.waitCountStandard[b]++;
    }
    if (now < this.warmup) return;
    this.wait.add(wait);
    this.waitByClass[cls].add(wait);
  }

  /** PIL decision after `processing` seconds of service. */
  serviceEnded(now: number, processing: number, cls: TruckClass, referred: boolean, automated: boolean): void {
    this.events++;
    this.series.completions[this.bucket(now)]++;
    this.hourlyCompletions[Math.min(this.hourlyCompletions.length - 1, Math.floor(now / 3600))]++;
    if (now < this.warmup) return;
    this.processing.add(processing);
    this.processingByClass[cls].add(processing);
    this.decisions++;
    if (referred) this.referrals++;
    if (cls === 'trusted') {
      this.trustedDecisions++;
      if (automated) this.trustedAutomated++;
    }
  }

  recommendation(now: number, followed: boolean): void {
    if (now < this.warmup) return;
    this.recommendations++;
    if (followed) this.followed++;
  }

  secondaryStarted(now: number, wait: number): void {
    this.events++;
    if (now >= this.warmup) this.secondaryWait.add(wait);
  }

  secondaryEnded(): void {
    this.events++;
  }

  departed(now: number, timeInSystem: number, cls: TruckClass): void {
    if (now < this.warmup) return;
    this.timeInSystem.add(timeInSystem);
    this.timeInSystemByClass[cls].add(timeInSystem);
  }

  /** Open PIL lanes change at `now` (scheduled openings and closings). */
  openLanes(from: number, to: number, open: number): void {
    this.spread(this.series.openArea, from, to, open);
  }

  /** Most PIL decisions in one whole clock hour after the warm-up. */
  peakHourCompletions(): number {
    let peak = NaN;
    for (let h = Math.ceil(this.warmup / 3600); (h + 1) * 3600 <= this.horizon; h++) peak = Number.isNaN(peak) ? this.hourlyCompletions[h] : Math.max(peak, this.hourlyCompletions[h]);
    return peak;
  }

  /** Closes the queue integral at the horizon. */
  finish(now: number): void {
    this.queueChange(now, 0);
  }
}
