// `services: real`: the border model drives the real Corridor modules, in process, at simulated
// times. Each replication boots its own Nest application context (SQLite in memory) with the
// platform, the ledger, declarations, risk (when the risk context exports RiskModule) and lanes:
//
// - a trusted fleet is enrolled (small carriers, one driver per truck, unique plates and tags);
// - a pre-lodged truck's synthetic declaration is lodged at its simulated lodging time, before
//   arrival (the declaration's expected arrival is the simulated one); risk scores it as a job;
// - at the booth the truck's device reads go to its lane (RecordDeviceEvent, simulated device
//   times); a complete passage is recommended at once and the PassageRecommended event gives the
//   recommendation; a passage missing a read is handled by hand (the lane would say 'manual' at
//   its deadline, which runs on the wall clock and is not waited for);
// - the modelled officer's decision is recorded (DecidePassage).
//
// The wall-clock time of these calls is not simulated time (see AsyncDriver). Only this file
// (loaded on demand) brings Nest into the simulator.
import 'reflect-metadata';
import { type DynamicModule, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, EventBus } from '@nestjs/cqrs';
import { DECLARATION_MIGRATIONS, DeclarationRiskAssessed, DeclarationsModule, generateDeclaration, LodgeDeclaration } from '@corridor/declarations';
import { CreatePort, DecidePassage, LANES_MIGRATIONS, LanesModule, PassageRecommended, RecordDeviceEvent, RegisterCarrier, type DeviceKind } from '@corridor/lanes';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { loadConfig, PlatformModule, type Principal } from '@corridor/platform';
import type { Subscription } from 'rxjs';
import type { Event } from '../kernel/event';
import type { BoothView, BorderServices, Decision, GroupRuntime, Reads, Recommendation, Truck } from '../model/border-model';
import { RandomStreams, type RandomStream } from '../random/stream';
import type { ServicesReport } from '../runner/replication';
import type { AsyncDriver } from '../runner/async-driver';
import type { Scenario } from '../scenario/scenario';

const BROKER: Principal = { id: 'sim-broker', roles: ['broker'] };
/** A truck's risk result is awaited at most this long (wall clock) before it counts as pending. */
const RISK_TIMEOUT_MS = 60_000;
const TRUCKS_PER_CARRIER = 20;

interface RiskResult {
  selected: boolean;
  channel: string;
}

interface FleetTruck {
  epc: string;
  plate: { jurisdiction: string; number: string };
  carrierId: string;
  driverId: string;
}

/** The risk context, if it exports its Nest module yet (a colleague is building it). */
async function riskContext(): Promise<{ module: DynamicModule | Type; migrations: unknown[] } | null> {
  try {
    const risk = (await import('@corridor/risk')) as Record<string, unknown>;
    const RiskModule = risk.RiskModule as (Type & { forRoot?: (options: { schedule: boolean }) => DynamicModule }) | undefined;
    const migrations = risk.RISK_MIGRATIONS as unknown[] | undefined;
    if (!RiskModule || !Array.isArray(migrations)) return null;
    return { module: typeof RiskModule.forRoot === 'function' ? RiskModule.forRoot({ schedule: false }) : RiskModule, migrations };
  } catch {
    return null;
  }
}

@Module({})
class SimulationHost {
  static forRoot(scenario: Scenario, risk: { module: DynamicModule | Type; migrations: unknown[] } | null): DynamicModule {
    const config = loadConfig({
      DATA_DIR: ':memory:',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      RISK_RANDOM_SAMPLING_RATE: String(scenario.realServices?.riskRandomSamplingRate ?? 0),
    });
    const migrations = [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...((risk?.migrations ?? []) as typeof LEDGER_MIGRATIONS), ...LANES_MIGRATIONS];
    return {
      module: SimulationHost,
      imports: [PlatformModule.forRoot({ config, migrations }), LedgerModule, DeclarationsModule, ...(risk ? [risk.module] : []), LanesModule],
    };
  }
}

export class RealBorderServices implements BorderServices {
  private readonly commands: CommandBus;
  private readonly subscription: Subscription;
  private readonly epoch: number;
  private readonly declarationRng: RandomStream;
  /** Per truck: its declaration id and risk result once lodged and scored. */
  private readonly ready = new Map<number, Promise<{ id: string; risk: RiskResult | null }>>();
  private readonly riskResults = new Map<string, RiskResult>();
  private readonly riskWaiters = new Map<string, (risk: RiskResult | null) => void>();
  /** Lodgings still running (trucks near the horizon may never reach the booth). */
  private readonly lodging = new Set<Promise<unknown>>();
  private closing = false;
  private readonly firstRecommendation = new Map<string, Recommendation>();
  private readonly passageOf = new Map<number, string>();
  private readonly fleet: FleetTruck[];
  private trustedTrips = 0;
  private readonly counts: ServicesReport;

  private constructor(
    private readonly app: INestApplicationContext,
    private readonly scenario: Scenario,
    private readonly driver: AsyncDriver,
    private readonly laneIds: string[][],
    fleet: FleetTruck[],
    seed: number,
    replication: number,
    riskModule: boolean,
    bootMs: number,
  ) {
    this.commands = app.get(CommandBus);
    this.fleet = fleet;
    this.epoch = Date.parse(`${scenario.startDate}T00:00:00Z`);
    this.declarationRng = new RandomStreams(seed, replication).stream('declarations');
    this.counts = { riskModule, lodged: 0, riskAssessed: 0, riskPending: 0, readsSent: 0, recommendations: { release: 0, manual: 0, refer: 0, none: 0 }, decisions: 0, bootMs, waitedMs: 0 };
    this.subscription = app.get(EventBus).subscribe((event: unknown) => {
      if (event instanceof PassageRecommended) {
        if (!this.firstRecommendation.has(event.passageId)) this.firstRecommendation.set(event.passageId, event.recommendation);
      } else if (event instanceof DeclarationRiskAssessed) {
        const risk = { selected: event.selected, channel: event.channel };
        this.riskResults.set(event.declarationId, risk);
        this.riskWaiters.get(event.declarationId)?.(risk);
        this.riskWaiters.delete(event.declarationId);
      }
    });
  }

  /** Boots the modules, equips the lanes and enrols the trusted fleet. */
  static async start(scenario: Scenario, driver: AsyncDriver, options: { seed: number; replication: number }): Promise<RealBorderServices> {
    const started = performance.now();
    const risk = await riskContext();
    const app = await NestFactory.createApplicationContext(SimulationHost.forRoot(scenario, risk), { logger: false, abortOnError: false });
    try {
      const commands = app.get(CommandBus);
      const real = scenario.realServices;
      const office = real?.office ?? 'CAWND';
      const laneIds: string[][] = [];
      for (const [g, group] of scenario.lanes.entries()) {
        const t = group.technology;
        const kinds: DeviceKind[] = [...(t.rfid ? ['rfid' as const] : []), ...(t.lpr ? ['lpr' as const] : []), ...(t.cctv ? ['cctv' as const] : []), ...(t.voip ? ['voip' as const] : [])];
        const ids = Array.from({ length: group.count }, (_, n) => `SIM-${g + 1}-${String(n + 1).padStart(2, '0')}`);
        laneIds.push(ids);
        if (!(t.rfid || t.lpr || t.cctv)) continue; // nothing to read: the officer works by hand
        await commands.execute(new CreatePort({
          id: `SIM-${g + 1}`,
          name: `Simulated ${group.name}`,
          locode: office,
          lanes: ids.map((id, n) => ({
            id,
            name: `${group.name} ${n + 1}`,
            type: group.type,
            devices: kinds.map((kind) => ({ id: `${id}-${kind.toUpperCase()}`, kind })),
            settings: { passageWindowSeconds: real?.passageWindowSeconds ?? 20 },
          })),
        }));
      }
      const fleet = trustedFleet(scenario, options.replication);
      for (let c = 0; c * TRUCKS_PER_CARRIER < fleet.length; c++) {
        const trucks = fleet.slice(c * TRUCKS_PER_CARRIER, (c + 1) * TRUCKS_PER_CARRIER);
        await commands.execute(new RegisterCarrier({
          name: `Simulated carrier ${c + 1}`,
          traderId: trucks[0].carrierId,
          programme: 'FAST',
          transponders: trucks.map((t) => t.epc),
          plates: trucks.map((t) => t.plate),
          drivers: trucks.map((t) => ({ id: t.driverId, name: `Driver ${t.driverId}` })),
        }));
      }
      return new RealBorderServices(app, scenario, driver, laneIds, fleet, options.seed, options.replication, risk !== null, performance.now() - started);
    } catch (error) {
      await app.close();
      throw error;
    }
  }

  private iso(seconds: number): string {
    return new Date(this.epoch + Math.round(seconds * 1000)).toISOString();
  }

  /** The fleet truck a trusted trip uses: each trip its own truck while the fleet lasts. */
  private identity(truck: Truck): { plate: { jurisdiction: string; number: string }; epc: string | null; carrierId: string; driverId: string | null } {
    if (truck.trusted) {
      const fleetTruck = this.fleetTruckOf(truck);
      return { plate: fleetTruck.plate, epc: fleetTruck.epc, carrierId: fleetTruck.carrierId, driverId: fleetTruck.driverId };
    }
    return { plate: { jurisdiction: 'US-MI', number: `S${truck.id.toString(36).toUpperCase()}` }, epc: null, carrierId: `US${String(200000000 + (truck.id % 997))}`, driverId: null };
  }

  private readonly fleetIndex = new Map<number, number>();
  private fleetTruckOf(truck: Truck): FleetTruck {
    let i = this.fleetIndex.get(truck.id);
    if (i === undefined) {
      i = this.trustedTrips++ % this.fleet.length;
      this.fleetIndex.set(truck.id, i);
    }
    return this.fleet[i];
  }

  lodge(truck: Truck): void {
    const who = this.identity(truck);
    const real = this.scenario.realServices;
    const data = generateDeclaration(this.declarationRng, {
      office: real?.office ?? 'CAWND',
      poolSeed: this.scenario.seed,
      ...(real?.declarationItems ? { items: real.declarationItems } : {}),
      conveyance: { plate: who.plate, transponder: who.epc, carrierId: who.carrierId },
    });
    data.expectedArrival = this.iso(truck.arrival);
    const lodged = this.commands.execute(new LodgeDeclaration(data, BROKER)).then(async (view) => {
      this.counts.lodged++;
      const risk = this.counts.riskModule ? await this.riskOf(view.id) : null;
      if (risk) this.counts.riskAssessed++;
      else this.counts.riskPending++;
      return { id: view.id, risk };
    });
    // Failures surface when the truck reaches the booth; until then nobody waits for it.
    const settled = lodged.catch(() => undefined);
    this.lodging.add(settled);
    void settled.finally(() => this.lodging.delete(settled));
    this.ready.set(truck.id, lodged);
  }

  private riskOf(declarationId: string): Promise<RiskResult | null> {
    const known = this.riskResults.get(declarationId);
    if (known) return Promise.resolve(known);
    if (this.closing) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.riskWaiters.delete(declarationId);
        resolve(null);
      }, RISK_TIMEOUT_MS);
      timer.unref();
      this.riskWaiters.set(declarationId, (risk) => {
        clearTimeout(timer);
        resolve(risk);
      });
    });
  }

  booth(truck: Truck, group: GroupRuntime, lane: number, reads: Reads, now: number): Event<BoothView> {
    return this.driver.wait(this.atBooth(truck, group, lane, reads, now));
  }

  private async atBooth(truck: Truck, group: GroupRuntime, lane: number, reads: Reads, now: number): Promise<BoothView> {
    const started = performance.now();
    const declaration = truck.prelodged ? await this.ready.get(truck.id) : undefined;
    this.ready.delete(truck.id);
    let recommendation: Recommendation = null;
    if (group.hasDevices) {
      const laneId = this.laneIds[group.index][lane];
      const who = this.identity(truck);
      const messages: Array<[DeviceKind, Record<string, unknown>]> = [];
      if (reads.rfid && who.epc) messages.push(['rfid', { at: this.iso(now), epc: who.epc, antenna: 1 }]);
      if (reads.lpr !== 'none') messages.push(['lpr', { at: this.iso(now + 0.4), plate: who.plate, confidence: reads.lpr === 'good' ? 0.96 : 0.7 }]);
      if (reads.cctv !== 'none') {
        messages.push(['cctv', {
          at: this.iso(now + 1.5),
          cameraId: `${laneId}-CCTV`,
          driverPresent: true,
          ...(reads.cctv === 'match' ? { faceMatchScore: 0.94 } : {}),
          ...(who.driverId ? { driverId: who.driverId } : {}),
        }]);
      }
      const results = await Promise.all(messages.map(([device, payload]) => this.commands.execute(new RecordDeviceEvent(laneId, device, payload, 'mqtt'))));
      this.counts.readsSent += messages.length;
      const passageId = results.find((r) => r.passageId)?.passageId;
      if (passageId) {
        this.passageOf.set(truck.id, passageId);
        // A passage missing a read is recommended at its (wall-clock) deadline; the lane's rules
        // make that 'manual', and the officer does not wait for it.
        const first = this.firstRecommendation.get(passageId);
        this.counts.recommendations[first ?? 'none']++;
        recommendation = first ?? 'manual';
      }
    }
    this.counts.waitedMs += performance.now() - started;
    const risk = declaration?.risk ?? null;
    return { recommendation, riskSelected: risk ? risk.selected || risk.channel !== 'green' : null, declared: truck.prelodged };
  }

  decided(truck: Truck, group: GroupRuntime, lane: number, decision: Decision, now: number): void {
    const passageId = this.passageOf.get(truck.id);
    this.passageOf.delete(truck.id);
    this.fleetIndex.delete(truck.id);
    if (!passageId) return;
    const laneId = this.laneIds[group.index][lane];
    const officer: Principal = { id: `officer-${laneId}`, roles: ['officer'] };
    const record = async () => {
      if (decision.call && group.spec.technology.voip) {
        const ring = now - Math.min(decision.serviceSeconds, 30);
        for (const [state, at] of [['ringing', ring], ['connected', ring + 2], ['ended', now - 1]] as const) {
          await this.commands.execute(new RecordDeviceEvent(laneId, 'voip', { at: this.iso(at), state, officerId: officer.id, passageId }, 'mqtt'));
        }
      }
      await this.commands.execute(new DecidePassage(passageId, { action: decision.action, note: `simulated officer, ${decision.path} path` }, officer));
      this.counts.decisions++;
    };
    this.driver.background(record());
  }

  report(): ServicesReport {
    return { ...this.counts, recommendations: { ...this.counts.recommendations } };
  }

  /** Lets lodgings in flight finish (risk no longer awaited), then shuts the application down. */
  async close(): Promise<void> {
    this.closing = true;
    for (const wake of this.riskWaiters.values()) wake(null);
    this.riskWaiters.clear();
    while (this.lodging.size > 0) await Promise.all([...this.lodging]);
    this.subscription.unsubscribe();
    await this.app.close();
  }
}

/**
 * Enough trusted trucks that each trusted trip of the run gets its own (with a margin): a truck
 * crossing again while its earlier declaration is still open would carry both.
 */
function trustedFleet(scenario: Scenario, replication: number): FleetTruck[] {
  const hours = scenario.horizonHours;
  let expected = 0;
  for (const a of scenario.arrivals) {
    const mean = a.hourlyRates ? a.hourlyRates.reduce((x, y) => x + y, 0) / 24 : (a.ratePerHour ?? 0);
    expected += mean * hours;
  }
  const size = Math.max(TRUCKS_PER_CARRIER, Math.ceil(expected * scenario.truckMix.trustedShare * 1.3 + 4 * Math.sqrt(expected) + 20));
  const fleet: FleetTruck[] = [];
  for (let i = 0; i < (scenario.truckMix.trustedShare > 0 ? size : 0); i++) {
    const carrier = Math.floor(i / TRUCKS_PER_CARRIER);
    fleet.push({
      epc: `30${(replication % 256).toString(16).padStart(2, '0')}${i.toString(16).padStart(20, '0')}`.toUpperCase(),
      plate: { jurisdiction: 'CA-ON', number: `F${i.toString(36).toUpperCase().padStart(6, '0')}` },
      carrierId: `CA${String(100000000 + carrier)}`,
      driverId: `D-${i}`,
    });
  }
  return fleet;
}

