import type { CctvRead, DeviceRead, LprRead, RfidRead, VoipRead } from './device-read';
import type { IdentifyingKind } from './lane';

export type ReadSource = 'mqtt' | 'http';

/** A validated read and when (server clock) and how it reached the lane. */
export interface ReceivedRead<R extends DeviceRead = DeviceRead> {
  read: R;
  receivedAt: number;
  source: ReadSource;
}

/**
 * One truck's passage while its reads are being gathered. Identifying reads fill one slot each
 * (a truck has one transponder, one plate, one driver); VoIP keeps the whole call.
 */
export interface PassageDraft {
  readonly id: string;
  readonly laneId: string;
  /** Server time the first read was received; the recommendation deadline counts from here. */
  openedAt: number;
  /** Device-time span of the identifying reads: a passage never spans more than the window. */
  firstAtMs: number;
  lastAtMs: number;
  /** Server time of the last read that was kept. */
  lastReceivedAt: number;
  /** Server time of the last read of this truck at all, duplicates included (eviction). */
  touchedAt: number;
  rfid?: ReceivedRead<RfidRead>;
  lpr?: ReceivedRead<LprRead>;
  cctv?: ReceivedRead<CctvRead>;
  voip: Array<ReceivedRead<VoipRead>>;
  /** Device time the transponder / plate was last seen: a truck idling in front of a reader keeps one passage. */
  rfidSeenAtMs?: number;
  lprSeenAtMs?: number;
  /** Server time of the first recommendation, and how many have been made. */
  recommendedAt?: number;
  recommendations: number;
  decided: boolean;
}

export type AcceptResult =
  | { outcome: 'duplicate'; passage: PassageDraft }
  /** A VoIP event with no truck on the lane to attach it to. */
  | { outcome: 'unmatched' }
  /** `evaluate`: the recommendation must be (re)computed now. */
  | { outcome: 'opened' | 'joined'; passage: PassageDraft; evaluate: boolean };

export interface AssemblerSettings {
  windowMs: number;
  /** Identifying reads the lane can produce; the passage is complete once it has them all. */
  expects: readonly IdentifyingKind[];
}

/** Passages beyond this count on one lane are evicted oldest first, recommended ones only. */
const MAX_IN_MEMORY = 2_000;

/**
 * The per-lane state machine that turns a stream of device reads into passages. Pure: time and
 * ids are passed in, nothing is stored or published; LaneEngine does that around it.
 *
 * Rules, in order, for each read:
 * 1. Duplicates are dropped: the same transponder or plate seen again within the window of its
 *    last sighting (readers repeat a tag many times a second, an idling truck keeps being read),
 *    or a CCTV/VoIP message identical in device time and content (an MQTT redelivery).
 * 2. An identifying read joins the passage closest to it in device time that still lacks that
 *    kind of read, would not span more than the window, and keeps the stage order (approach
 *    reads, RFID and plate, before the booth camera); so out-of-order reads land by time.
 * 3. Otherwise it opens a new passage: a second transponder or plate means a second truck.
 * 4. VoIP goes to the passage it names, else follows an unfinished call, else goes to the
 *    undecided truck that arrived last before the call; with no truck at all it is unmatched.
 * A passage is recommended as soon as it is complete, or at its deadline (openedAt + window)
 * with what it has; later reads before the decision re-evaluate it.
 */
export class PassageAssembler {
  private readonly passages: PassageDraft[] = [];
  /** The same passages by id, and by transponder, plate and camera shot (the duplicate checks), with their order in `passages`. */
  private readonly byId = new Map<string, { passage: PassageDraft; order: number }>();
  private readonly byRead = new Map<string, PassageDraft[]>();
  /** Passages still lacking each identifying read (where a read of that kind may join), in `passages` order. */
  private readonly lacking: Record<IdentifyingKind, Set<PassageDraft>> = { rfid: new Set(), lpr: new Set(), cctv: new Set() };
  private added = 0;

  constructor(private settings: AssemblerSettings, private readonly newId: () => string, private readonly laneId: string) {}

  configure(settings: AssemblerSettings): void {
    this.settings = settings;
  }

  get windowMs(): number {
    return this.settings.windowMs;
  }

  accept(read: DeviceRead, receivedAt: number, source: ReadSource): AcceptResult {
    const received = { read, receivedAt, source };
    const duplicate = this.duplicateOf(read);
    if (duplicate) {
      duplicate.touchedAt = Math.max(duplicate.touchedAt, receivedAt);
      if (read.device === 'rfid') duplicate.rfidSeenAtMs = Math.max(duplicate.rfidSeenAtMs ?? read.atMs, read.atMs);
      if (read.device === 'lpr') duplicate.lprSeenAtMs = Math.max(duplicate.lprSeenAtMs ?? read.atMs, read.atMs);
      return { outcome: 'duplicate', passage: duplicate };
    }
    if (read.device === 'voip') {
      const passage = this.callTarget(read);
      if (!passage) return { outcome: 'unmatched' };
      insertByTime(passage.voip, received as ReceivedRead<VoipRead>);
      passage.lastReceivedAt = Math.max(passage.lastReceivedAt, receivedAt);
      passage.touchedAt = Math.max(passage.touchedAt, receivedAt);
      return { outcome: 'joined', passage, evaluate: false };
    }
    const existing = this.bestFit(read);
    const passage = existing ?? this.open(read, receivedAt);
    this.fill(passage, received);
    return { outcome: existing ? 'joined' : 'opened', passage, evaluate: !passage.decided && (passage.recommendedAt !== undefined || this.isComplete(passage)) };
  }

  /** Passages whose deadline passed without a recommendation (some read never came). */
  due(now: number): PassageDraft[] {
    return this.passages.filter((p) => p.recommendedAt === undefined && !p.decided && now >= p.openedAt + this.settings.windowMs);
  }

  isComplete(passage: PassageDraft): boolean {
    return this.settings.expects.every((kind) => passage[kind] !== undefined);
  }

  /** Returns which recommendation this was for the passage (1 for the first). */
  markRecommended(id: string, now: number): number {
    const passage = this.find(id);
    if (!passage) return 0;
    passage.recommendedAt ??= now;
    return ++passage.recommendations;
  }

  markDecided(id: string): void {
    const passage = this.find(id);
    if (passage) passage.decided = true;
  }

  /**
   * Forgets passages that can no longer gain reads: recommended or decided, and untouched for
   * two windows (so a lingering tag still counts as a duplicate for a while).
   */
  evict(now: number): PassageDraft[] {
    const retainMs = this.settings.windowMs * 2 + 5_000;
    const evicted: PassageDraft[] = [];
    for (let i = this.passages.length - 1; i >= 0; i--) {
      const p = this.passages[i];
      const settled = p.recommendedAt !== undefined || p.decided;
      if (settled && now - p.touchedAt > retainMs) evicted.push(...this.passages.splice(i, 1));
    }
    while (this.passages.length > MAX_IN_MEMORY) {
      const oldest = this.passages.findIndex((p) => p.recommendedAt !== undefined || p.decided);
      if (oldest < 0) break;
      evicted.push(...this.passages.splice(oldest, 1));
    }
    for (const p of evicted) this.unindex(p);
    return evicted;
  }

  /** Puts back a passage rebuilt from storage after a restart. */
  restore(passage: PassageDraft): void {
    if (!this.find(passage.id)) this.add(passage);
  }

  find(id: string): PassageDraft | undefined {
    return this.byId.get(id)?.passage;
  }

  all(): readonly PassageDraft[] {
    return this.passages;
  }

  private add(passage: PassageDraft): void {
    this.passages.push(passage);
    this.byId.set(passage.id, { passage, order: this.added++ });
    for (const received of [passage.rfid, passage.lpr, passage.cctv]) if (received) this.index(passage, received.read);
    for (const kind of IDENTIFYING) if (passage[kind] === undefined) this.lacking[kind].add(passage);
  }

  private unindex(passage: PassageDraft): void {
    this.byId.delete(passage.id);
    for (const kind of IDENTIFYING) this.lacking[kind].delete(passage);
    for (const received of [passage.rfid, passage.lpr, passage.cctv]) {
      if (!received) continue;
      const key = readKey(received.read);
      const list = this.byRead.get(key)?.filter((p) => p !== passage) ?? [];
      if (list.length > 0) this.byRead.set(key, list);
      else this.byRead.delete(key);
    }
  }

  private index(passage: PassageDraft, read: DeviceRead): void {
    if (read.device !== 'voip') this.lacking[read.device].delete(passage);
    const key = readKey(read);
    const list = this.byRead.get(key);
    if (list) list.push(passage);
    else this.byRead.set(key, [passage]);
  }

  /** The first passage (in `passages` order) among those holding the same transponder, plate or camera shot that passes `test`. */
  private firstWith(read: DeviceRead, test: (p: PassageDraft) => boolean): PassageDraft | undefined {
    let first: PassageDraft | undefined;
    let firstOrder = Infinity;
    for (const p of this.byRead.get(readKey(read)) ?? []) {
      const order = this.byId.get(p.id)?.order ?? Infinity;
      if (order < firstOrder && test(p)) {
        first = p;
        firstOrder = order;
      }
    }
    return first;
  }

  private duplicateOf(read: DeviceRead): PassageDraft | undefined {
    const window = this.settings.windowMs;
    switch (read.device) {
      case 'rfid':
        return this.firstWith(read, (p) => p.rfid?.read.epc === read.epc && Math.abs(read.atMs - (p.rfidSeenAtMs ?? p.rfid.read.atMs)) <= window);
      case 'lpr':
        return this.firstWith(read, (p) => p.lpr?.read.plateKey === read.plateKey && Math.abs(read.atMs - (p.lprSeenAtMs ?? p.lpr.read.atMs)) <= window);
      case 'cctv':
        return this.firstWith(read, (p) => p.cctv?.read.cameraId === read.cameraId && p.cctv.read.atMs === read.atMs);
      case 'voip':
        return this.passages.find((p) => p.voip.some((v) => v.read.atMs === read.atMs && v.read.state === read.state && v.read.officerId === read.officerId));
    }
  }

  private bestFit(read: RfidRead | LprRead | CctvRead): PassageDraft | undefined {
    let best: PassageDraft | undefined;
    let bestDistance = Infinity;
    for (const p of this.lacking[read.device]) {
      if (p[read.device] !== undefined) continue;
      if (Math.max(p.lastAtMs, read.atMs) - Math.min(p.firstAtMs, read.atMs) > this.settings.windowMs) continue;
      if (!inStageOrder(p, read)) continue;
      const distance = read.atMs < p.firstAtMs ? p.firstAtMs - read.atMs : read.atMs > p.lastAtMs ? read.atMs - p.lastAtMs : 0;
      if (distance < bestDistance || (distance === bestDistance && best && p.firstAtMs < best.firstAtMs)) {
        best = p;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * A call has no truck identity. The console that placed it may name the passage; otherwise it
   * continues an unfinished call, or goes to the undecided truck that arrived last before the
   * call (the one the officer is looking at when reads arrive in step), else the nearest in time.
   */
  private callTarget(read: VoipRead): PassageDraft | undefined {
    if (read.passageId) {
      const named = this.find(read.passageId);
      if (named) return named;
    }
    if (read.state !== 'ringing') {
      const inCall = this.passages
        .filter((p) => p.voip.length > 0 && p.voip[p.voip.length - 1].read.state !== 'ended' && (!read.officerId || !p.voip[0].read.officerId || p.voip[0].read.officerId === read.officerId))
        .sort((a, b) => b.voip[b.voip.length - 1].read.atMs - a.voip[a.voip.length - 1].read.atMs)[0];
      if (inCall) return inCall;
    }
    const arrivedBefore = this.passages.filter((p) => !p.decided && p.firstAtMs <= read.atMs).sort((a, b) => b.firstAtMs - a.firstAtMs)[0];
    if (arrivedBefore) return arrivedBefore;
    return this.passages
      .filter((p) => Math.abs(read.atMs - p.lastAtMs) <= this.settings.windowMs)
      .sort((a, b) => Math.abs(read.atMs - a.lastAtMs) - Math.abs(read.atMs - b.lastAtMs))[0];
  }

  private open(read: DeviceRead, receivedAt: number): PassageDraft {
    const passage: PassageDraft = {
      id: this.newId(),
      laneId: this.laneId,
      openedAt: receivedAt,
      firstAtMs: read.atMs,
      lastAtMs: read.atMs,
      lastReceivedAt: receivedAt,
      touchedAt: receivedAt,
      voip: [],
      recommendations: 0,
      decided: false,
    };
    this.add(passage);
    return passage;
  }

  private fill(passage: PassageDraft, received: ReceivedRead): void {
    const { read, receivedAt } = received;
    passage.firstAtMs = Math.min(passage.firstAtMs, read.atMs);
    passage.lastAtMs = Math.max(passage.lastAtMs, read.atMs);
    passage.lastReceivedAt = Math.max(passage.lastReceivedAt, receivedAt);
    passage.touchedAt = Math.max(passage.touchedAt, receivedAt);
    if (read.device === 'rfid') {
      passage.rfid = received as ReceivedRead<RfidRead>;
      passage.rfidSeenAtMs = read.atMs;
    } else if (read.device === 'lpr') {
      passage.lpr = received as ReceivedRead<LprRead>;
      passage.lprSeenAtMs = read.atMs;
    } else if (read.device === 'cctv') {
      passage.cctv = received as ReceivedRead<CctvRead>;
    }
    if (read.device !== 'voip') this.index(passage, read);
  }
}

const IDENTIFYING: readonly IdentifyingKind[] = ['rfid', 'lpr', 'cctv'];

function readKey(read: DeviceRead): string {
  switch (read.device) {
    case 'rfid': return `rfid ${read.epc}`;
    case 'lpr': return `lpr ${read.plateKey}`;
    case 'cctv': return `cctv ${read.cameraId} ${read.atMs}`;
    case 'voip': return `voip ${read.atMs}`;
  }
}

/** Device clocks are assumed NTP-synchronised to within this. */
const CLOCK_TOLERANCE_MS = 250;

/**
 * RFID and plate are read on the approach, the camera checks the driver at the booth. A truck's
 * approach reads therefore never come after its booth check: a new transponder or plate seen
 * after a passage's camera read is the next truck, even when the previous one missed that read.
 * Without this, one missed read would shift every later read onto the truck before it.
 */
function inStageOrder(p: PassageDraft, read: RfidRead | LprRead | CctvRead): boolean {
  if (read.device === 'cctv') {
    return [p.rfid, p.lpr].every((approach) => approach === undefined || approach.read.atMs <= read.atMs + CLOCK_TOLERANCE_MS);
  }
  return p.cctv === undefined || read.atMs <= p.cctv.read.atMs + CLOCK_TOLERANCE_MS;
}

function insertByTime<T extends { read: { atMs: number } }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1].read.atMs > item.read.atMs) i--;
  list.splice(i, 0, item);
}
