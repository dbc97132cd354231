import { vi } from 'vitest';
import type { Lane, Passage } from '../api/types';
import type { EventSourceLike } from '../stream/passage-stream';

export function aLane(over: Partial<Lane> = {}): Lane {
  return {
    id: 'USDET-AMB-02',
    portId: 'USDET-AMB',
    name: 'FAST 2',
    type: 'trusted',
    booth: 'Booth 2',
    status: 'open',
    position: 1,
    devices: ['rfid', 'lpr', 'cctv', 'voip'].map((kind) => ({ id: `USDET-AMB-02-${kind.toUpperCase()}`, kind: kind as Lane['devices'][number]['kind'] })),
    settings: { passageWindowSeconds: 20, faceMatchThreshold: 0.8, plateConfidenceThreshold: 0.85 },
    ...over,
  };
}

const T0 = Date.parse('2026-11-25T14:30:01.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** A trusted truck the lane recommends releasing: every read agrees, risk green. */
export function aPassage(over: Partial<Passage> = {}, face = 0.93): Passage {
  return {
    id: '6f1c3e0a-0000-4000-8000-000000000001',
    laneId: 'USDET-AMB-02',
    portId: 'USDET-AMB',
    status: 'recommended',
    reads: [
      { device: 'rfid', at: at(0), receivedAt: at(20), source: 'mqtt', epc: '3034257BF7194E4000001A85', antenna: 1, rssi: -52 },
      { device: 'lpr', at: at(300), receivedAt: at(320), source: 'mqtt', plate: { jurisdiction: 'CA-ON', number: 'AB12345' }, confidence: 0.97 },
      { device: 'cctv', at: at(700), receivedAt: at(720), source: 'mqtt', cameraId: 'CAM-02-BOOTH', driverPresent: true, faceMatchScore: face, driverId: 'D-1001' },
    ],
    missing: [],
    transponder: '3034257BF7194E4000001A85',
    plate: 'CA-ON:AB12345',
    carrier: { id: 'c-1', name: 'Great Lakes Haulage Ltd', traderId: 'CA555000111', programme: 'FAST', status: 'active', matchedBy: 'transponder' },
    declarations: [
      {
        id: '1a2b3c4d-0000-4000-8000-000000000009', version: 1, status: 'risk-assessed', type: 'IM', declarantId: 'US987650001', carrierId: 'CA555000111',
        plate: 'CA-ON:AB12345', transponder: '3034257BF7194E4000001A85', officeOfEntry: 'USDET', expectedArrival: at(0), lodgedAt: at(-3_600_000), itemCount: 2,
        risk: { score: 0.08, channel: 'green', selected: false, random: false, version: 1 },
      },
    ],
    certificates: [],
    recommendation: 'release',
    reasons: [
      { code: 'CARRIER_TRUSTED', outcome: 'release', text: 'Great Lakes Haulage Ltd: FAST member, active' },
      { code: 'PLATE_MATCHES', outcome: 'release', text: 'Plate CA-ON:AB12345 is registered to Great Lakes Haulage Ltd' },
      { code: 'FACE_MATCH', outcome: 'release', text: `Driver face match ${face.toFixed(2)} (lane needs 0.80)` },
      { code: 'RISK_GREEN', outcome: 'release', text: 'Declaration 1a2b3c4d (IM): risk green, not selected (score 0.08)' },
    ],
    flags: [],
    decision: null,
    timings: { firstReadAt: at(0), openedAt: at(20), lastReadAt: at(700), lastReadReceivedAt: at(720), recommendationAt: at(900), decisionAt: null, exitAt: null },
    revision: 3,
    ...over,
  };
}

/** The same truck read with another carrier's plate: the lane flags it and refers. */
export function aFlaggedPassage(): Passage {
  const base = aPassage({ id: '6f1c3e0a-0000-4000-8000-000000000002' });
  return {
    ...base,
    plate: 'US-MI:ZX9981',
    reads: base.reads.map((r) => (r.device === 'lpr' ? { ...r, plate: { jurisdiction: 'US-MI', number: 'ZX9981' }, confidence: 0.95 } : r)),
    recommendation: 'refer',
    reasons: [
      { code: 'PLATE_MISMATCH', outcome: 'refer', text: 'Plate US-MI:ZX9981 is not registered to Great Lakes Haulage Ltd, whose transponder …001A85 was read' },
      { code: 'CARRIER_TRUSTED', outcome: 'release', text: 'Great Lakes Haulage Ltd: FAST member, active' },
    ],
    flags: [{ code: 'PLATE_MISMATCH', text: 'Plate US-MI:ZX9981 is not registered to Great Lakes Haulage Ltd, whose transponder …001A85 was read' }],
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

type Answer = unknown | ((init: RequestInit | undefined, url: URL) => unknown);

/** Stubs fetch with answers keyed by "METHOD /path" (query ignored); unknown requests answer 404. */
export function mockApi(routes: Record<string, Answer>) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    calls.push({ method, path: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const key = `${method} ${url.pathname}`;
    if (!(key in routes)) return json({ code: 'NOT_FOUND', message: `no mock for ${key}` }, 404);
    const answer = routes[key];
    const value = typeof answer === 'function' ? await (answer as (init: RequestInit | undefined, url: URL) => unknown)(init, url) : answer;
    return value instanceof Response ? value : json(value);
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}

/** An EventSource the test drives: open it, send it events, make it fail. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  static last(): FakeEventSource {
    const last = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }
  static reset(): void {
    FakeEventSource.instances = [];
  }
  static factory = (url: string) => new FakeEventSource(url);

  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Array<(event: MessageEvent) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  send(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}
