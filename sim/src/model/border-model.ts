// The border crossing: trucks arrive, choose a group of primary-inspection lanes, wait, are
// processed at the booth (identified by devices or keyed by hand, recommended, decided by an
// officer), and leave, or go to secondary inspection first.
//
// One model serves both modes. With `services: none` the lane's recommendation comes from the
// truck's drawn attributes (reads, declaration, risk); with `services: real` the booth asks the
// real declarations, risk and lanes modules (BorderServices) and the officer acts on their answer.
import { type ArrivalPattern, DeterministicArrivals, HourlyPoissonArrivals, PoissonArrivals } from '../arrivals/arrivals';
import type { Environment } from '../kernel/environment';
import type { Event } from '../kernel/event';
import type { ProcessGenerator } from '../kernel/process';
import { type Request, Resource } from '../kernel/resource';
import { HOUR_SECONDS, hourlyCapacity } from '../kernel/schedule';
import { type Distribution, distribution } from '../random/distributions';
import type { RandomStream, RandomStreams } from '../random/stream';
import { truckClasses, type LaneGroup, type Scenario } from '../scenario/scenario';
import { distributionMax } from '../scenario/parse-scenario';
import { Recorder, type SeriesSums, type TruckClass } from './recorder';

/** What the lane recommends (null: the lane has no identifying devices, the officer works by hand). */
export type Recommendation = 'release' | 'manual' | 'refer' | null;
export type Action = 'release' | 'refer';
/** automated: data captured and release recommended; fallback: automated plus keying what failed; manual: keyed by hand. */
export type PilPath = 'automated' | 'fallback' | 'manual';

/** One truck and the random numbers drawn for it on arrival (so every configuration sees the same trucks). */
export interface Truck {
  id: number;
  stream: string;
  /** Simulated arrival time (s). */
  arrival: number;
  trusted: boolean;
  prelodged: boolean;
  /** Uniforms for the risk outcome, the device reads, the officer and a VoIP call. */
  uRisk: number;
  uRfid: number;
  uLpr: number;
  uCctv: number;
  uFollow: number;
  uCall: number;
}

/** What the devices at the booth capture of a truck. */
export interface Reads {
  /** The transponder was read (trusted trucks only carry one). */
  rfid: boolean;
  /** A plate read was made, and whether it is good (confident and right). */
  lpr: 'none' | 'good' | 'doubtful';
  /** A driver check was made, and whether the face matched. */
  cctv: 'none' | 'match' | 'no-score';
  /** Reads that failed on this lane's devices (missed transponder, doubtful plate, no face score). */
  failed: number;
}

/** The booth's view of a truck: the lane's recommendation and what risk said (null when unknown). */
export interface BoothView {
  recommendation: Recommendation;
  /** Whether risk selected the declaration (real risk module); null: not known, the drawn risk applies. */
  riskSelected: boolean | null;
  /** Whether the truck has a declaration on file; null: as drawn. */
  declared: boolean | null;
}

/** The officer's decision and the PIL time it took. */
export interface Decision {
  action: Action;
  path: PilPath;
  serviceSeconds: number;
  call: boolean;
  /** Whether a release/refer recommendation was followed (null: none was made). */
  followed: boolean | null;
}

/** A lane group at run time: its servers (one shared queue) and which physical lanes are free. */
export interface GroupRuntime {
  index: number;
  spec: LaneGroup;
  resource: Resource;
  /** True if the lanes have a device that identifies or checks trucks (RFID, plate reader, CCTV). */
  hasDevices: boolean;
  /** Free lanes, longest free first (see takeLane). */
  free: number[];
}

/** The real modules, as the model sees them (implemented in sim/src/services). */
export interface BorderServices {
  /** Called at the truck's lodging time (before arrival) for pre-lodged trucks; must not block. */
  lodge(truck: Truck): void;
  /** The truck pulled up at lane `lane` of `group`: send its reads; the event gives the lane's view. */
  booth(truck: Truck, group: GroupRuntime, lane: number, reads: Reads, now: number): Event<BoothView>;
  /** The officer decided at the end of the PIL service. */
  decided(truck: Truck, group: GroupRuntime, lane: number, decision: Decision, now: number): void;
}

/** A passage event of the model, for the digital twin's telemetry (times in simulated seconds). */
export interface ModelTelemetry {
  type: 'arrival' | 'pil_start' | 'pil_end' | 'secondary_start' | 'secondary_end' | 'exit';
  truck: number;
  at: number;
  trusted: boolean;
  /** `<group name>-<n>` (PIL events). */
  lane?: string;
  laneType?: LaneGroup['type'];
  referred?: boolean;
}

/** A truck already at the crossing when a run starts: its class (null: drawn) and since when (s). */
export interface InitialTruck {
  trusted: boolean | null;
  since: number;
}

/** The crossing at the start of a run from a live state (a forecast): no warm-up, trucks in place. */
export interface InitialTrucks {
  /** Per lane group (scenario order): trucks at a booth (lane index in the group) and queued trucks, oldest first. */
  groups: Array<{ inService: Array<InitialTruck & { lane: number }>; queued: InitialTruck[] }>;
  /** Arrived but not yet in a lane's queue: they choose a lane at the start. */
  approach: InitialTruck[];
  secondary: { inInspection: InitialTruck[]; queued: InitialTruck[] };
}

export interface ModelOptions {
  services?: BorderServices;
  /** Called about 100 times per run with the share of simulated time done. */
  onProgress?: (fraction: number) => void;
  /** Receives every passage event (arrival, PIL start and end, secondary start and end, exit). */
  onTelemetry?: (event: ModelTelemetry) => void;
  /** Trucks already at the crossing (placed by `start()`). */
  initial?: InitialTrucks;
  /** Announced trucks (pre-arrival declarations), arriving at these times on top of the streams. */
  scheduledArrivals?: ReadonlyArray<{ at: number; trusted: boolean | null }>;
}

/** Where a truck already at the crossing is: queued for a group, or at the approach (null). */
interface Placement {
  group: GroupRuntime | null;
}

const automatedDefault = { type: 'deterministic', value: 0 } as const;

/**
 * Builds the crossing in `env`; call `start()`, run the environment to the horizon, then
 * `finish()` for the measurements.
 */
export class BorderModel {
  readonly recorder: Recorder;
  readonly groups: GroupRuntime[];
  readonly horizon: number;
  readonly warmup: number;
  private readonly secondary: Resource | null;
  private readonly rng: {
    mix: RandomStream; risk: RandomStream; devices: RandomStream; officer: RandomStream; lodge: RandomStream;
    manual: RandomStream; automated: RandomStream; extra: RandomStream; decision: RandomStream; call: RandomStream; secondary: RandomStream;
  };
  private readonly dist: {
    manual: Distribution[]; trustedManual: (Distribution | null)[]; automated: Distribution[]; extra: Distribution[];
    decision: Distribution; call: Distribution; inspection: Distribution | null; lodgeLead: Distribution | null;
  };
  /** How far ahead of arrival trucks are created: the longest lodging lead (real services only), s. */
  private readonly lookahead: number;
  private nextTruckId = 0;
  /** Mean PIL time per group for [standard, trusted] trucks, and of the group's usual mix (lane choice). */
  private readonly ownMean: Array<[number, number]>;
  private readonly drainMean: number[];
  /** Share of trusted trucks over all streams, weighted by their mean rates. */
  private readonly trustedShare: number;
  private readonly emit: ((event: ModelTelemetry) => void) | null;

  constructor(
    private readonly env: Environment,
    private readonly scenario: Scenario,
    private readonly streams: RandomStreams,
    private readonly options: ModelOptions = {},
  ) {
    this.emit = options.onTelemetry ?? null;
    this.horizon = scenario.horizonHours * HOUR_SECONDS;
    this.warmup = scenario.warmupHours * HOUR_SECONDS;
    this.recorder = new Recorder(this.warmup, this.horizon, scenario.seriesMinutes * 60);
    this.rng = {
      mix: streams.stream('mix'),
      risk: streams.stream('risk'),
      devices: streams.stream('devices'),
      officer: streams.stream('officer'),
      lodge: streams.stream('lodge'),
      manual: streams.stream('service:manual'),
      automated: streams.stream('service:automated'),
      extra: streams.stream('service:extra'),
      decision: streams.stream('decision'),
      call: streams.stream('call'),
      secondary: streams.stream('secondary'),
    };
    this.groups = scenario.lanes.map((spec, index) => ({
      index,
      spec,
      resource: new Resource(env, {
        name: spec.name,
        warmup: this.warmup,
        ...(spec.schedule ? { schedule: hourlyCapacity(spec.schedule) } : { capacity: spec.count }),
      }),
      hasDevices: spec.technology.rfid || spec.technology.lpr || spec.technology.cctv,
      free: Array.from({ length: spec.count }, (_, i) => i),
    }));
    const sec = scenario.secondary;
    this.secondary = sec
      ? new Resource(env, { name: 'secondary', warmup: this.warmup, ...(sec.schedule ? { schedule: hourlyCapacity(sec.schedule) } : { capacity: sec.bays }) })
      : null;
    const lead = options.services && scenario.realServices ? scenario.realServices.lodgeLeadMinutes : null;
    this.dist = {
      manual: scenario.lanes.map((l) => distribution(l.serviceTime)),
      trustedManual: scenario.lanes.map((l) => (l.trustedServiceTime ? distribution(l.trustedServiceTime) : null)),
      automated: scenario.lanes.map((l) => distribution(l.automatedServiceTime ?? automatedDefault)),
      extra: scenario.lanes.map((l) => distribution(l.fallbackExtra)),
      decision: distribution(scenario.officers.decisionTime),
      call: distribution(scenario.devices.voipCallTime),
      inspection: sec ? distribution(sec.inspectionTime) : null,
      lodgeLead: lead ? distribution(lead) : null,
    };
    this.lookahead = lead ? (distributionMax(lead) ?? 0) * 60 : 0;
    const share = (this.trustedShare = meanTrustedShare(scenario));
    const decision = this.dist.decision.mean;
    this.ownMean = scenario.lanes.map((l, g) => {
      const standard = this.dist.manual[g].mean + decision;
      const trustedManual = (this.dist.trustedManual[g] ?? this.dist.manual[g]).mean + decision;
      return [standard, l.technology.rfid ? this.dist.automated[g].mean + decision : trustedManual];
    });
    this.drainMean = scenario.lanes.map((l, g) => {
      const [standard, trusted] = this.ownMean[g];
      return l.type === 'trusted' ? trusted : l.type === 'standard' ? standard : share * trusted + (1 - share) * standard;
    });
  }

  /** Places the trucks already at the crossing, starts the arrival streams (and the progress ticker). */
  start(): void {
    if (this.options.initial) this.place(this.options.initial);
    for (const stream of this.scenario.arrivals) {
      const pattern: ArrivalPattern =
        stream.hourlyRates !== null
          ? new HourlyPoissonArrivals(stream.hourlyRates)
          : stream.process === 'deterministic'
            ? new DeterministicArrivals(HOUR_SECONDS / (stream.ratePerHour as number))
            : new PoissonArrivals(stream.ratePerHour as number);
      this.env.process(this.source(stream.name, stream.trustedShare ?? this.scenario.truckMix.trustedShare, pattern, this.streams.stream(`arrivals:${stream.name}`)));
    }
    const scheduled = this.options.scheduledArrivals;
    if (scheduled && scheduled.length > 0) this.env.process(this.announced(scheduled));
    if (this.options.onProgress) this.env.process(this.ticker(this.options.onProgress));
  }

  /** Arrival times come from the pattern; each truck is created `lookahead` seconds early so it can lodge first. */
  private *source(name: string, trustedShare: number, pattern: ArrivalPattern, rng: RandomStream): ProcessGenerator<void> {
    const env = this.env;
    let t = env.now;
    for (let n = 0; ; n++) {
      t = pattern.next(t, rng, n);
      if (!(t < this.horizon)) return;
      const spawnAt = Math.max(env.now, t - this.lookahead);
      if (spawnAt > env.now) yield env.timeout(spawnAt - env.now);
      env.process(this.truck(this.newTruck(name, t, this.rng.mix.random() < trustedShare)));
    }
  }

  /** Announced trucks arrive at their times (those before now or after the horizon are ignored). */
  private *announced(list: ReadonlyArray<{ at: number; trusted: boolean | null }>): ProcessGenerator<void> {
    const env = this.env;
    const sorted = list.filter((a) => a.at >= env.now && a.at < this.horizon).sort((a, b) => a.at - b.at);
    for (const a of sorted) {
      if (a.at > env.now) yield env.timeout(a.at - env.now);
      env.process(this.truck(this.newTruck('announced', a.at, a.trusted ?? this.rng.mix.random() < this.trustedShare)));
    }
  }

  private newTruck(stream: string, arrival: number, trusted: boolean): Truck {
    const { mix, risk, devices, officer } = this.rng;
    const m = this.scenario.truckMix;
    return {
      id: this.nextTruckId++,
      stream,
      arrival,
      trusted,
      prelodged: mix.random() < m.prelodgedShare,
      uRisk: risk.random(),
      uRfid: devices.random(),
      uLpr: devices.random(),
      uCctv: devices.random(),
      uFollow: officer.random(),
      uCall: officer.random(),
    };
  }

  private *ticker(report: (fraction: number) => void): ProcessGenerator<void> {
    const step = this.horizon / 100;
    for (let i = 1; i <= 100; i++) {
      yield this.env.timeout(step);
      report(i / 100);
    }
  }

  /**
   * A truck's way through the crossing. A `placed` truck was already there when the run started
   * (queued for a group, or at the approach): it has arrived, and its wait counts from its arrival.
   */
  private *truck(truck: Truck, placed: Placement | null = null): ProcessGenerator<void> {
    const env = this.env;
    const rec = this.recorder;
    const services = this.options.services;
    const cls: TruckClass = truck.trusted ? 'trusted' : 'standard';
    if (placed) {
      // Already at the crossing: no lodging, no new arrival.
    } else if (services && truck.arrival > env.now) {
      // Lodged before arrival, at a simulated time; the real call runs in the background.
      const lead = this.dist.lodgeLead ? this.dist.lodgeLead.sample(this.rng.lodge) * 60 : 0;
      const lodgeAt = Math.max(env.now, truck.arrival - lead);
      if (lodgeAt > env.now) yield env.timeout(lodgeAt - env.now);
      if (truck.prelodged) services.lodge(truck);
      if (truck.arrival > env.now) yield env.timeout(truck.arrival - env.now);
    } else if (services && truck.prelodged) {
      services.lodge(truck);
    }

    if (!placed) {
      rec.arrived(env.now);
      if (this.emit) this.emit({ type: 'arrival', truck: truck.id, at: env.now, trusted: truck.trusted });
    }
    const group = placed?.group ?? this.choose(truck);
    const res = group.resource;
    rec.joinedQueue(env.now);
    const req: Request = res.request();
    yield req;
    const start = env.now;
    rec.serviceStarted(start, start - (placed ? truck.arrival : req.requestedAt), cls);
    const lane = takeLane(group);
    if (this.emit) this.emitPil('pil_start', truck, group, lane, start);

    const reads = this.reads(truck, group);
    const view: BoothView = services ? yield services.booth(truck, group, lane, reads, start) : this.pureView(truck, group, reads);
    const decision = this.decide(truck, group, reads, view);
    if (decision.followed !== null) rec.recommendation(start, decision.followed);
    yield env.timeout(decision.serviceSeconds);
    yield* this.leavePil(truck, group, lane, req, start, decision);
  }

  /** The PIL decision takes effect: the booth frees, a referred truck goes to secondary, then it leaves. */
  private *leavePil(truck: Truck, group: GroupRuntime, lane: number, req: Request, start: number, decision: Decision): ProcessGenerator<void> {
    const env = this.env;
    const rec = this.recorder;
    const cls: TruckClass = truck.trusted ? 'trusted' : 'standard';
    this.options.services?.decided(truck, group, lane, decision, env.now);
    group.free.push(lane);
    group.resource.release(req);
    const referred = decision.action === 'refer';
    rec.serviceEnded(env.now, env.now - start, cls, referred, decision.path === 'automated');
    if (this.emit) this.emitPil('pil_end', truck, group, lane, env.now, referred);
    if (referred) yield* this.inspect(truck, null);
    rec.departed(env.now, env.now - truck.arrival, cls);
    if (this.emit) this.emit({ type: 'exit', truck: truck.id, at: env.now, trusted: truck.trusted });
  }

  /** Secondary inspection, if the crossing has bays; `since` is set for a truck already being inspected at the start. */
  private *inspect(truck: Truck, since: number | null): ProcessGenerator<void> {
    if (!this.secondary || !this.dist.inspection) return;
    const env = this.env;
    const bay = this.secondary.request();
    yield bay;
    let seconds: number;
    if (since === null) {
      this.recorder.secondaryStarted(env.now, env.now - bay.requestedAt);
      if (this.emit) this.emit({ type: 'secondary_start', truck: truck.id, at: env.now, trusted: truck.trusted });
      seconds = Math.max(0, this.dist.inspection.sample(this.rng.secondary));
    } else {
      const inspection = this.dist.inspection;
      seconds = residual(() => inspection.sample(this.rng.secondary), env.now - since);
    }
    yield env.timeout(seconds);
    this.secondary.release(bay);
    this.recorder.secondaryEnded();
    if (this.emit) this.emit({ type: 'secondary_end', truck: truck.id, at: env.now, trusted: truck.trusted });
  }

  private emitPil(type: 'pil_start' | 'pil_end', truck: Truck, group: GroupRuntime, lane: number, at: number, referred?: boolean): void {
    const event: ModelTelemetry = { type, truck: truck.id, at, trusted: truck.trusted, lane: `${group.spec.name}-${lane + 1}`, laneType: group.spec.type };
    if (referred !== undefined) event.referred = referred;
    (this.emit as (event: ModelTelemetry) => void)(event);
  }

  /**
   * Puts the trucks of a live state in place, in an order that keeps the queues' order: the
   * trucks at booths take their lanes first, then each group's queue, then the approach.
   */
  private place(initial: InitialTrucks): void {
    const env = this.env;
    if (initial.groups.length !== this.groups.length) throw new RangeError(`initial state: ${initial.groups.length} lane groups given, the scenario has ${this.groups.length}`);
    const make = (t: InitialTruck, group: GroupRuntime | null): Truck => {
      const trusted = t.trusted ?? (group?.spec.type === 'trusted' ? true : group?.spec.type === 'standard' ? false : this.rng.mix.random() < this.trustedShare);
      return this.newTruck('initial', Math.min(t.since, env.now), trusted);
    };
    initial.groups.forEach((g, i) => {
      const group = this.groups[i];
      for (const t of g.inService) env.process(this.resumed(make(t, group), group, t.lane));
    });
    initial.groups.forEach((g, i) => {
      const group = this.groups[i];
      for (const t of g.queued) env.process(this.truck(make(t, group), { group }));
    });
    for (const t of initial.approach) env.process(this.truck(make(t, null), { group: null }));
    for (const t of initial.secondary.inInspection) env.process(this.reinspected(make(t, null), t.since, true));
    for (const t of initial.secondary.queued) env.process(this.reinspected(make(t, null), t.since, false));
  }

  /** A truck at a booth when the run starts: it keeps its lane and finishes its service (the rest of a drawn PIL time). */
  private *resumed(truck: Truck, group: GroupRuntime, lane: number): ProcessGenerator<void> {
    const env = this.env;
    const req = group.resource.request(-1);
    yield req;
    const at = group.free.indexOf(lane);
    const taken = at >= 0 ? (group.free.splice(at, 1)[0] as number) : (group.free.shift() as number);
    const reads = this.reads(truck, group);
    const view = this.pureView(truck, group, reads);
    let decision: Decision | undefined;
    const remaining = residual(() => (decision = this.decide(truck, group, reads, view)).serviceSeconds, env.now - truck.arrival);
    yield env.timeout(remaining);
    yield* this.leavePil(truck, group, taken, req, truck.arrival, decision as Decision);
  }

  /** A referred truck in secondary (or queued for it) when the run starts. */
  private *reinspected(truck: Truck, since: number, inInspection: boolean): ProcessGenerator<void> {
    yield* this.inspect(truck, inInspection ? since : null);
    if (this.emit) this.emit({ type: 'exit', truck: truck.id, at: this.env.now, trusted: truck.trusted });
  }

  /**
   * The lane group a truck joins: the one where it expects to clear the PIL soonest (trucks
   * ahead per open lane times the lanes' mean service time, plus its own mean service time).
   * Trusted trucks may use trusted, mixed and standard lanes and prefer them in that order on a
   * tie, so a trusted truck takes a standard lane only when that is strictly quicker; standard
   * trucks use standard lanes, or mixed ones when quicker. A closed group is never quicker; if
   * every eligible group is closed the truck queues at its first choice until lanes open.
   */
  private choose(truck: Truck): GroupRuntime {
    let best: GroupRuntime | undefined;
    let bestTime = Infinity;
    let bestRank = Infinity;
    const cls = truck.trusted ? 1 : 0;
    for (const g of this.groups) {
      const type = g.spec.type;
      let rank: number;
      if (truck.trusted) rank = type === 'trusted' ? 0 : type === 'mixed' ? 1 : 2;
      else if (type === 'trusted') continue;
      else rank = type === 'standard' ? 0 : 1;
      const res = g.resource;
      const cap = res.capacity;
      const time = cap > 0 ? (Math.max(0, res.queueLength + res.busy - cap + 1) * this.drainMean[g.index]) / cap + this.ownMean[g.index][cls] : Infinity;
      if (best === undefined || time < bestTime || (time === bestTime && rank < bestRank)) {
        best = g;
        bestTime = time;
        bestRank = rank;
      }
    }
    return best as GroupRuntime;
  }

  /** What this lane's devices capture of the truck. */
  private reads(truck: Truck, group: GroupRuntime): Reads {
    const tech = group.spec.technology;
    const d = this.scenario.devices;
    const carriesTag = truck.trusted;
    const rfid = tech.rfid && carriesTag && truck.uRfid < d.rfidReadRate;
    const lpr = !tech.lpr ? 'none' : truck.uLpr < d.lprAccuracy ? 'good' : 'doubtful';
    const cctv = !tech.cctv ? 'none' : truck.uCctv < d.cctvMatchRate ? 'match' : 'no-score';
    const failed = (tech.rfid && carriesTag && !rfid ? 1 : 0) + (lpr === 'doubtful' ? 1 : 0) + (cctv === 'no-score' ? 1 : 0);
    return { rfid, lpr, cctv, failed };
  }

  /**
   * The pure model of the lane's recommendation, after the lanes module's rules: unidentified
   * (no transponder read) -> manual; identified without a declaration, or selected by risk ->
   * refer; a doubtful plate or no face score -> manual; otherwise release.
   */
  private pureView(truck: Truck, group: GroupRuntime, reads: Reads): BoothView {
    if (!group.hasDevices) return { recommendation: null, riskSelected: null, declared: null };
    let recommendation: Recommendation;
    if (!reads.rfid) recommendation = 'manual';
    else if (!truck.prelodged || this.riskRefers(truck)) recommendation = 'refer';
    else if (reads.failed > 0) recommendation = 'manual';
    else recommendation = 'release';
    return { recommendation, riskSelected: null, declared: null };
  }

  private riskRefers(truck: Truck): boolean {
    const p = this.scenario.truckMix.referral;
    return truck.uRisk < (truck.trusted ? p.trusted : p.standard);
  }

  /**
   * The officer: follows a release or refer recommendation with the scenario's probability;
   * otherwise checks the truck by hand (the manual path) and releases it, or refers it if risk
   * selected it. On 'manual', or without a recommendation, the officer keys the passage (the
   * fallback path for an identified truck) and refers the truck if risk selected it or it has
   * no declaration. The PIL time follows from the path.
   */
  decide(truck: Truck, group: GroupRuntime, reads: Reads, view: BoothView): Decision {
    const m = this.scenario.truckMix;
    const declared = view.declared ?? truck.prelodged;
    const wantsRefer = !declared ? truck.uRisk < m.noDeclarationReferral : (view.riskSelected ?? this.riskRefers(truck));
    const identified = reads.rfid;
    const dataPath: PilPath = identified ? (reads.failed === 0 ? 'automated' : 'fallback') : 'manual';
    const follows = truck.uFollow < this.scenario.officers.followProbability;
    let action: Action;
    let path: PilPath;
    let followed: boolean | null = null;
    switch (view.recommendation) {
      case 'release':
        // Not following a release means checking by hand: keyed like any truck, referred only if risk says so.
        action = follows || !wantsRefer ? 'release' : 'refer';
        path = follows ? dataPath : 'manual';
        followed = follows;
        break;
      case 'refer':
        action = follows ? 'refer' : 'release';
        path = follows ? dataPath : 'manual';
        followed = follows;
        break;
      default:
        action = wantsRefer ? 'refer' : 'release';
        path = identified ? 'fallback' : 'manual';
    }
    const g = group.index;
    let seconds: number;
    if (path === 'manual') {
      const d = truck.trusted && this.dist.trustedManual[g] ? (this.dist.trustedManual[g] as Distribution) : this.dist.manual[g];
      seconds = d.sample(this.rng.manual);
    } else {
      seconds = this.dist.automated[g].sample(this.rng.automated);
      if (path === 'fallback') for (let i = Math.max(1, reads.failed); i > 0; i--) seconds += this.dist.extra[g].sample(this.rng.extra);
    }
    seconds += this.dist.decision.sample(this.rng.decision);
    const call = group.spec.technology.voip && path !== 'automated' && truck.uCall < this.scenario.devices.voipCallProbability;
    if (call) seconds += this.dist.call.sample(this.rng.call);
    return { action, path, serviceSeconds: Math.max(0, seconds), call, followed };
  }

  /** The replication's measurements; call once the environment has reached the horizon. */
  finish(): ReplicationMeasures {
    const rec = this.recorder;
    rec.finish(this.env.now);
    const window = this.horizon - this.warmup;
    let openLaneSeconds = 0;
    let busyLaneSeconds = 0;
    let queueArea = 0;
    for (const g of this.groups) {
      const s = g.resource.stats();
      busyLaneSeconds += s.meanBusy * s.duration;
      queueArea += s.meanQueueLength * s.duration;
      const schedule = g.spec.schedule;
      for (let h = 0; h * HOUR_SECONDS < this.horizon; h++) {
        const from = h * HOUR_SECONDS;
        const to = Math.min(this.horizon, from + HOUR_SECONDS);
        const open = schedule ? schedule[h % 24] : g.spec.count;
        rec.openLanes(from, to, open);
        openLaneSeconds += open * Math.max(0, to - Math.max(from, this.warmup));
      }
    }
    const kpis: Record<string, number> = {};
    const put = (name: string, value: number) => {
      if (Number.isFinite(value)) kpis[name] = value;
    };
    const classes = truckClasses(this.scenario);
    const split = classes.trusted && classes.standard;
    put('pil_wait_s', rec.wait.mean);
    put('pil_processing_s', rec.processing.mean);
    put('time_in_system_s', rec.timeInSystem.mean);
    if (classes.trusted) {
      put('pil_processing_s_trusted', rec.processingByClass.trusted.mean);
      put('pil_wait_s_trusted', rec.waitByClass.trusted.mean);
      put('time_in_system_s_trusted', rec.timeInSystemByClass.trusted.mean);
    }
    if (split) {
      put('pil_processing_s_standard', rec.processingByClass.standard.mean);
      put('pil_wait_s_standard', rec.waitByClass.standard.mean);
      put('time_in_system_s_standard', rec.timeInSystemByClass.standard.mean);
    }
    put('throughput_per_hour', (rec.decisions / window) * HOUR_SECONDS);
    put('peak_hour_throughput', rec.peakHourCompletions());
    put('throughput_per_lane_hour', openLaneSeconds > 0 ? (rec.decisions / openLaneSeconds) * HOUR_SECONDS : NaN);
    put('trucks_per_busy_lane_hour', busyLaneSeconds > 0 ? (rec.decisions / busyLaneSeconds) * HOUR_SECONDS : NaN);
    // What the open booths could clear per hour at the observed PIL times (capacity, not demand).
    put('pil_capacity_per_hour', busyLaneSeconds > 0 ? (rec.decisions / busyLaneSeconds) * (openLaneSeconds / window) * HOUR_SECONDS : NaN);
    put('pil_queue_length', queueArea / window);
    put('pil_utilisation', openLaneSeconds > 0 ? busyLaneSeconds / openLaneSeconds : NaN);
    put('referral_rate', rec.decisions > 0 ? rec.referrals / rec.decisions : NaN);
    put('arrivals_per_hour', (rec.arrivalsInWindow / window) * HOUR_SECONDS);
    if (this.scenario.lanes.some((l) => l.technology.rfid) && classes.trusted) {
      put('automated_share_trusted', rec.trustedDecisions > 0 ? rec.trustedAutomated / rec.trustedDecisions : NaN);
    }
    if (rec.recommendations > 0) put('recommendation_followed_rate', rec.followed / rec.recommendations);
    if (this.secondary) put('secondary_wait_s', rec.secondaryWait.mean);
    return { kpis, series: rec.series, events: rec.events, trucks: rec.arrivals };
  }
}

/** One replication's KPI values (NaN ones left out), series sums and counts. */
export interface ReplicationMeasures {
  kpis: Record<string, number>;
  series: SeriesSums;
  events: number;
  trucks: number;
}

/** The trusted share of all arrivals: each stream's share weighted by its mean rate. */
function meanTrustedShare(scenario: Scenario): number {
  let rate = 0;
  let trusted = 0;
  for (const a of scenario.arrivals) {
    const r = a.hourlyRates ? a.hourlyRates.reduce((x, y) => x + y, 0) / 24 : (a.ratePerHour ?? 0);
    rate += r;
    trusted += r * (a.trustedShare ?? scenario.truckMix.trustedShare);
  }
  return rate > 0 ? trusted / rate : scenario.truckMix.trustedShare;
}

/**
 * What is left of a duration that has already run `elapsed` seconds: a draw from the duration's
 * distribution given that it exceeds `elapsed` (by rejection). If 50 draws all fall short the
 * activity is about to end, and ends now.
 */
function residual(draw: () => number, elapsed: number): number {
  for (let i = 0; i < 50; i++) {
    const d = draw();
    if (d > elapsed) return d - elapsed;
  }
  return 0;
}

/**
 * The lane a truck pulls up at: of the open lanes (the first `capacity` of the group; a lane
 * beyond them is closing and only finishes its truck), the one free longest, so trucks spread
 * over the open booths as officers wave them on.
 */
function takeLane(group: GroupRuntime): number {
  const cap = group.resource.capacity;
  const free = group.free;
  for (let i = 0; i < free.length; i++) if (free[i] < cap) return free.splice(i, 1)[0];
  return free.shift() as number;
}
