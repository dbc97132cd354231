import type { Programme } from '../model/carrier';
import { topicFor } from '../model/device-read';
import type { DeviceKind } from '../model/lane';
import { Rng } from './rng';

/** A truck of a (simulated) trusted carrier, as the registry would know it. */
export interface FleetTruck {
  carrierName: string;
  traderId: string;
  programme: Programme;
  epc: string;
  plate: { jurisdiction: string; number: string };
  driverId: string;
  driverName: string;
}

/** Probabilities, per truck (or per message for duplicate and outOfOrder). */
export interface FaultRates {
  /** The tag is never read (dead transponder, shielded cab). */
  missedRfid: number;
  missedPlate: number;
  missedCctv: number;
  /** The plate reader gets one character wrong, with a low confidence. */
  plateMisread: number;
  /** The right plate, with a confidence below the usual lane threshold (dirt, glare). */
  lowConfidence: number;
  /** The face does not match the enrolled driver. */
  faceMismatch: number;
  /** A truck outside the fleet (transponder and plate nobody registered). */
  unknownTruck: number;
  /** A message delivered twice (MQTT QoS 1 redelivery). */
  duplicate: number;
  /** A message delayed behind later ones (a reader's buffered uplink). */
  outOfOrder: number;
  /** Share of trucks whose driver talks to the officer over VoIP. */
  call: number;
}

export const DEFAULT_FAULTS: Readonly<FaultRates> = {
  missedRfid: 0.03,
  missedPlate: 0.03,
  missedCctv: 0.02,
  plateMisread: 0.03,
  lowConfidence: 0.04,
  faceMismatch: 0.02,
  unknownTruck: 0.05,
  duplicate: 0.05,
  outOfOrder: 0.05,
  call: 0.25,
};

export const NO_FAULTS: Readonly<FaultRates> = {
  missedRfid: 0, missedPlate: 0, missedCctv: 0, plateMisread: 0, lowConfidence: 0, faceMismatch: 0, unknownTruck: 0, duplicate: 0, outOfOrder: 0, call: 0,
};

export interface TruckStreamOptions {
  laneId: string;
  trucks: number;
  seed: number;
  /** Mean arrivals per minute. */
  ratePerMinute: number;
  /** Epoch ms of the first arrival. */
  startAt: number;
  /** Poisson arrivals (default) or one every 60/rate seconds (benchmarks). */
  arrivals?: 'poisson' | 'regular';
  /** Trucks are drawn from it; default demoFleet(seed). */
  fleet?: readonly FleetTruck[];
  faults?: Partial<FaultRates>;
}

export interface StreamMessage {
  topic: string;
  laneId: string;
  device: DeviceKind;
  /** The MQTT payload (JSON), `at` included. */
  payload: Record<string, unknown>;
  /** Epoch ms at which to publish it. */
  sendAt: number;
  /** Index of the truck in the stream. */
  truck: number;
  /** What was done to this message, if anything (duplicate, delayed). */
  fault?: 'duplicate' | 'delayed';
}

export interface StreamTruck {
  index: number;
  arrivalAt: number;
  truck: FleetTruck;
  /** Faults applied to this truck (missed-rfid, plate-misread, ...). */
  faults: string[];
}

const CARRIERS: Array<[string, Programme, string]> = [
  ['Great Lakes Haulage Ltd', 'FAST', 'CA'],
  ['Windsor Freightways Inc', 'PIP', 'CA'],
  ['Motor City Logistics LLC', 'FAST', 'US'],
  ['Huron Transport Co', 'AEO', 'US'],
  ['Maple Leaf Carriers Ltd', 'FAST', 'CA'],
  ['Rust Belt Express Inc', 'FAST', 'US'],
];
const JURISDICTIONS: Record<string, string[]> = { CA: ['CA-ON', 'CA-QC'], US: ['US-MI', 'US-OH', 'US-IN'] };
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const FIRST = ['Jane', 'Amir', 'Luc', 'Maria', 'Tom', 'Priya', 'Dmitri', 'Grace', 'Kofi', 'Ana'];
const LAST = ['Doe', 'Haddad', 'Tremblay', 'Garcia', 'Novak', 'Singh', 'Ivanov', 'Chen', 'Mensah', 'Silva'];

/**
 * A deterministic fleet: `size` trucks shared among a few carriers, each with a 96-bit EPC, a
 * plate in its home jurisdiction and an enrolled driver. `npm run lanes -- fleet` prints the
 * registration bodies so a demo can enrol exactly the trucks `simulate` will send.
 */
export function demoFleet(seed: number, size = 24): FleetTruck[] {
  const rng = new Rng(seed ^ 0x5eed);
  const trucks: FleetTruck[] = [];
  for (let i = 0; i < size; i++) {
    const [carrierName, programme, country] = CARRIERS[i % CARRIERS.length];
    const traderId = `${country}${String(100000000 + ((seed >>> 0) % 1000) * 1000 + (i % CARRIERS.length)).slice(0, 9)}`;
    trucks.push({
      carrierName,
      traderId,
      programme,
      epc: `30${rng.hex(22)}`,
      plate: { jurisdiction: rng.pick(JURISDICTIONS[country]), number: plateNumber(rng) },
      driverId: `D-${String(1000 + i)}`,
      driverName: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    });
  }
  return trucks;
}

/**
 * The messages a lane's devices would publish for `trucks` trucks: RFID reads repeated while the
 * tag is in the field, a plate read, a CCTV driver check, sometimes a VoIP call; with missed
 * reads, misreads, duplicates and out-of-order delivery at the given rates. Pure and seeded:
 * the same options give the same messages, sorted by send time.
 */
export function generateTruckStream(options: TruckStreamOptions): { messages: StreamMessage[]; trucks: StreamTruck[] } {
  const rng = new Rng(options.seed);
  const faults = { ...DEFAULT_FAULTS, ...options.faults };
  const fleet = options.fleet ?? demoFleet(options.seed);
  const meanGapMs = 60_000 / options.ratePerMinute;
  // A truck's reads happen within a few seconds, but never spill over the next truck's at high rates.
  const spreadMs = Math.min(6_000, meanGapMs * 0.6);
  const messages: StreamMessage[] = [];
  const trucks: StreamTruck[] = [];
  let arrivalAt = options.startAt;
  for (let index = 0; index < options.trucks; index++) {
    // Trucks queue before the readers: one clears the read zone before the next enters it.
    if (index > 0) arrivalAt += options.arrivals === 'regular' ? meanGapMs : Math.max(spreadMs, rng.exponential(meanGapMs));
    const applied: string[] = [];
    let truck = fleet.length > 0 ? fleet[index % fleet.length] : unknownTruck(rng, index);
    if (fleet.length === 0 || rng.chance(faults.unknownTruck)) {
      truck = unknownTruck(rng, index);
      applied.push('unknown-truck');
    }
    const t0 = Math.round(arrivalAt);
    const emit = (device: DeviceKind, at: number, payload: Record<string, unknown>) => {
      const message: StreamMessage = { topic: topicFor(options.laneId, device), laneId: options.laneId, device, payload: { at: new Date(at).toISOString(), ...payload }, sendAt: at + rng.int(5, 40), truck: index };
      if (rng.chance(faults.outOfOrder)) {
        message.sendAt += Math.round(rng.between(0.5, 1.2) * spreadMs);
        message.fault = 'delayed';
      }
      messages.push(message);
      if (rng.chance(faults.duplicate)) messages.push({ ...message, sendAt: message.sendAt + rng.int(20, 400), fault: 'duplicate' });
    };

    if (rng.chance(faults.missedRfid)) applied.push('missed-rfid');
    else {
      const reads = rng.int(1, 4);
      for (let n = 0; n < reads; n++) emit('rfid', t0 + Math.round((n / 4) * 0.3 * spreadMs), { epc: truck.epc, antenna: rng.int(1, 2), rssi: round(rng.between(-72, -45), 1) });
    }

    if (rng.chance(faults.missedPlate)) applied.push('missed-plate');
    else {
      let number = truck.plate.number;
      let confidence = round(rng.between(0.9, 0.995), 3);
      if (rng.chance(faults.plateMisread)) {
        number = misread(rng, number);
        confidence = round(rng.between(0.55, 0.8), 3);
        applied.push('plate-misread');
      } else if (rng.chance(faults.lowConfidence)) {
        confidence = round(rng.between(0.6, 0.8), 3);
        applied.push('low-confidence');
      }
      const at = t0 + Math.round(rng.between(0.1, 0.4) * spreadMs);
      emit('lpr', at, { plate: { jurisdiction: truck.plate.jurisdiction, number }, confidence, imageRef: `lpr/${options.laneId}/${at}.jpg` });
    }

    if (rng.chance(faults.missedCctv)) applied.push('missed-cctv');
    else {
      const mismatch = rng.chance(faults.faceMismatch);
      if (mismatch) applied.push('face-mismatch');
      emit('cctv', t0 + Math.round(rng.between(0.5, 0.9) * spreadMs), {
        cameraId: `${options.laneId}-CCTV`,
        driverPresent: true,
        faceMatchScore: round(mismatch ? rng.between(0.3, 0.6) : rng.between(0.86, 0.99), 3),
        driverId: truck.driverId,
      });
    }

    if (rng.chance(faults.call)) {
      const ring = t0 + Math.round(0.9 * spreadMs);
      const officerId = `officer-${rng.int(1, 40)}`;
      emit('voip', ring, { state: 'ringing', officerId });
      emit('voip', ring + Math.round(0.05 * spreadMs) + 1, { state: 'connected', officerId });
      emit('voip', ring + Math.round(0.3 * spreadMs) + 2, { state: 'ended', officerId });
    }
    trucks.push({ index, arrivalAt: t0, truck, faults: applied });
  }
  // Stable sort: equal send times keep generation order.
  messages.sort((a, b) => a.sendAt - b.sendAt);
  return { messages, trucks };
}

function plateNumber(rng: Rng): string {
  return `${LETTERS[rng.int(0, LETTERS.length - 1)]}${LETTERS[rng.int(0, LETTERS.length - 1)]}${rng.int(10000, 99999)}`;
}

function misread(rng: Rng, number: string): string {
  const i = rng.int(0, number.length - 1);
  const swaps: Record<string, string> = { '0': 'O', O: '0', '1': 'I', I: '1', '8': 'B', B: '8', '5': 'S', S: '5', '2': 'Z', Z: '2' };
  const c = number[i];
  const wrong = swaps[c] ?? (/\d/.test(c) ? String((Number(c) + 3) % 10) : LETTERS[(LETTERS.indexOf(c) + 1) % LETTERS.length]);
  return number.slice(0, i) + wrong + number.slice(i + 1);
}

function unknownTruck(rng: Rng, index: number): FleetTruck {
  return {
    carrierName: 'Unregistered carrier',
    traderId: `US9${String(index).padStart(8, '0')}`,
    programme: 'FAST',
    epc: `E2${rng.hex(22)}`,
    plate: { jurisdiction: 'US-MI', number: plateNumber(rng) },
    driverId: `X-${index}`,
    driverName: 'Unknown driver',
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** POST /api/trusted-traders/carriers bodies enrolling a fleet: one per carrier, with its trucks and drivers. */
export function fleetRegistrations(fleet: readonly FleetTruck[]): Array<{ name: string; traderId: string; programme: Programme; transponders: string[]; plates: FleetTruck['plate'][]; drivers: Array<{ id: string; name: string }> }> {
  const byCarrier = new Map<string, FleetTruck[]>();
  for (const truck of fleet) byCarrier.set(truck.carrierName, [...(byCarrier.get(truck.carrierName) ?? []), truck]);
  return [...byCarrier.entries()].map(([name, trucks]) => ({
    name,
    traderId: trucks[0].traderId,
    programme: trucks[0].programme,
    transponders: trucks.map((t) => t.epc),
    plates: trucks.map((t) => t.plate),
    drivers: trucks.map((t) => ({ id: t.driverId, name: t.driverName })),
  }));
}
