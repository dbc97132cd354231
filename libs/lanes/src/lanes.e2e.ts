import { EventBus, type IEvent } from '@nestjs/cqrs';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassageDecided, PassageExited, PassageOpened, PassageRecommended } from './events';
import { LaneRepository } from './persistence/lane.repository';
import { demoPort } from './model/demo-port';
import { assess, client, eventually, LanesHost, newTruck, uniquePrefix, type Truck } from './testing/lanes-host';

describe.each(testModes())('trusted-trader lanes on $name', (mode) => {
  let host: TestApp;
  let api: ReturnType<typeof client>;
  const events: IEvent[] = [];
  const prefix = uniquePrefix();
  let lanes: string[];
  let laneNo = 0;
  /** Each test takes a fresh lane, so "the current passage" is its own. */
  const nextLane = () => lanes[laneNo++];

  const arrive = async (laneId: string, truck: Truck, over: { confidence?: number; plate?: Truck['plate']; face?: number } = {}) => {
    // Device times from one clock reading: the reads stay within the (short) test window however slow the requests.
    const t = Date.now();
    const at = (ms: number) => new Date(t + ms).toISOString();
    await api.event(laneId, 'rfid', { at: at(0), epc: truck.epc, antenna: 1, rssi: -55 });
    await api.event(laneId, 'lpr', { at: at(300), plate: over.plate ?? truck.plate, confidence: over.confidence ?? 0.97 });
    const last = await api.event(laneId, 'cctv', { at: at(700), cameraId: 'CAM-1', driverPresent: true, faceMatchScore: over.face ?? 0.94, driverId: truck.driverId });
    expect(last.status).toBe(202);
    return (await api.call('GET', `/api/passages/${last.body.passageId}`, undefined, ['officer'])).body;
  };

  beforeAll(async () => {
    host = await startTestApp(LanesHost.forRoot, mode);
    api = client(host);
    host.app.get(EventBus).subscribe((event) => events.push(event));
    lanes = await api.port(prefix, Array.from({ length: 16 }, () => ({ type: 'trusted' as const, window: 1 })));
  });
  afterAll(async () => host?.close());

  it('seeds the Ambassador Bridge demo port on first start, once', async () => {
    const { status, body } = await api.call('GET', '/api/lanes?portId=USDET-AMB', undefined, ['officer']);
    expect(status).toBe(200);
    expect(body).toHaveLength(8);
    expect(body.filter((l: { type: string }) => l.type === 'trusted')).toHaveLength(3);
    expect(body[0]).toMatchObject({ id: 'USDET-AMB-01', name: 'FAST 1', type: 'trusted', portId: 'USDET-AMB', booth: 'Booth 1', status: 'open' });
    expect(body[0].devices.map((d: { kind: string }) => d.kind)).toEqual(['rfid', 'lpr', 'cctv', 'voip']);
    // A second process starting at the same time: both try, neither fails, one port remains.
    const repository = host.app.get(LaneRepository);
    expect(await Promise.all([repository.seedIfEmpty(demoPort()), repository.seedIfEmpty(demoPort())])).toEqual([false, false]);
    expect((await api.call('GET', '/api/ports', undefined, ['manager'])).body.filter((p: { id: string }) => p.id === 'USDET-AMB')).toEqual([expect.objectContaining({ lanes: 8 })]);
  });

  it('lets only an admin equip a port, and refuses a lane id that exists', async () => {
    const body = { id: `${prefix}X`, name: 'Extra', locode: 'CAWND', lanes: [{ id: `${prefix}X-01`, name: 'A', type: 'mixed' }] };
    expect((await api.call('POST', '/api/ports', body, ['officer'])).status).toBe(403);
    expect((await api.call('POST', '/api/ports', { ...body, lanes: [{ ...body.lanes[0], type: 'fast' }] })).body).toMatchObject({ code: 'PORT.INVALID', field: 'lanes[0].type' });
    expect((await api.call('POST', '/api/ports', body)).status).toBe(201);
    const again = await api.call('POST', '/api/ports', { ...body, id: `${prefix}Y` });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'LANE.EXISTS', field: 'lanes[0].id' });
  });

  describe('the trusted-trader registry', () => {
    it('registers a carrier and finds it by transponder and plate', async () => {
      const truck = newTruck();
      const carrier = await api.registerCarrier([truck]);
      const one = await api.call('GET', `/api/trusted-traders/carriers/${carrier.id}`, undefined, ['officer']);
      expect(one.body).toMatchObject({ id: carrier.id, programme: 'FAST', status: 'active', transponders: [truck.epc], plates: [truck.plate], traderId: truck.traderId });
      const byEpc = await api.call('GET', `/api/trusted-traders/carriers?transponder=${truck.epc.toLowerCase()}`, undefined, ['officer']);
      expect(byEpc.body.items.map((c: { id: string }) => c.id)).toEqual([carrier.id]);
      const byPlate = await api.call('GET', `/api/trusted-traders/carriers?plate=${truck.plateKey}`, undefined, ['officer']);
      expect(byPlate.body.total).toBe(1);
    });

    it('refuses a transponder or plate already registered to another carrier with 409 naming it', async () => {
      const truck = newTruck();
      await api.registerCarrier([truck]);
      const other = newTruck();
      const epcTaken = await api.call('POST', '/api/trusted-traders/carriers', { name: 'Other', programme: 'PIP', transponders: [other.epc, truck.epc], plates: [other.plate] });
      expect(epcTaken.status).toBe(409);
      expect(epcTaken.body).toMatchObject({ code: 'TRUSTED_TRADER.TRANSPONDER_TAKEN', field: 'transponders[1]' });
      const plateTaken = await api.call('POST', '/api/trusted-traders/carriers', { name: 'Other', programme: 'AEO', transponders: [other.epc], plates: [truck.plate] });
      expect(plateTaken.body).toMatchObject({ code: 'TRUSTED_TRADER.PLATE_TAKEN', field: 'plates[0]' });
      // Nothing of the refused carriers was kept: the other truck can still be registered.
      expect((await api.call('POST', '/api/trusted-traders/carriers', { name: 'Other', programme: 'AEO', transponders: [other.epc], plates: [other.plate] })).status).toBe(201);
    });

    it('names the bad field, and lets only an admin register', async () => {
      const bad = await api.call('POST', '/api/trusted-traders/carriers', { name: 'X', programme: 'FAST', transponders: ['NOT-HEX'], plates: [] });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('transponders[0]');
      expect((await api.call('POST', '/api/trusted-traders/carriers', { name: 'X', programme: 'FAST', transponders: [newTruck().epc], plates: [] }, ['officer'])).status).toBe(403);
      expect((await api.call('GET', '/api/trusted-traders/carriers/not-a-uuid', undefined, ['officer'])).status).toBe(400);
      expect((await api.call('GET', '/api/trusted-traders/carriers/6f1c3e0a-0000-4000-8000-000000000000', undefined, ['officer'])).status).toBe(404);
    });
  });

  describe('passages', () => {
    it('releases a trusted truck whose reads match and whose declaration risk passed, and times every step', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      const carrier = await api.registerCarrier([truck]);
      const declarationId = await api.lodge(truck, { channel: 'green' });
      const passage = await arrive(laneId, truck);
      expect(passage).toMatchObject({
        laneId,
        status: 'recommended',
        recommendation: 'release',
        transponder: truck.epc,
        plate: truck.plateKey,
        missing: [],
        flags: [],
        carrier: { id: carrier.id, programme: 'FAST', status: 'active', matchedBy: 'transponder' },
        declarations: [expect.objectContaining({ id: declarationId, status: 'risk-assessed', risk: expect.objectContaining({ channel: 'green', selected: false }) })],
      });
      expect(passage.reasons.map((r: { code: string }) => r.code)).toEqual(['CARRIER_TRUSTED', 'PLATE_MATCHES', 'FACE_MATCH', 'RISK_GREEN']);
      expect(passage.reads.map((r: { device: string }) => r.device)).toEqual(['rfid', 'lpr', 'cctv']);
      expect(passage.timings.recommendationAt >= passage.timings.openedAt).toBe(true);

      const current = await api.call('GET', `/api/lanes/${laneId}/passages/current`, undefined, ['officer']);
      expect(current.body.id).toBe(passage.id);

      const decided = await api.call('POST', `/api/passages/${passage.id}/decision`, { action: 'release', note: 'all clear' }, ['officer']);
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'decided', decision: { action: 'release', note: 'all clear', by: 'test-officer' } });
      expect(decided.body.timings.decisionAt >= decided.body.timings.recommendationAt).toBe(true);
      const twice = await api.call('POST', `/api/passages/${passage.id}/decision`, { action: 'refer' }, ['officer']);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('PASSAGE.ALREADY_DECIDED');

      // The next truck pulls up: the released one has left the booth.
      await api.event(laneId, 'rfid', { epc: newTruck().epc }, 2_000);
      const exited = await eventually(async () => {
        const view = (await api.call('GET', `/api/passages/${passage.id}`, undefined, ['officer'])).body;
        return view.status === 'exited' && view;
      });
      expect(exited.timings.exitAt >= exited.timings.decisionAt).toBe(true);
      const mine = events.filter((e) => (e as { passageId?: string }).passageId === passage.id);
      expect(mine.map((e) => e.constructor.name)).toEqual(['PassageOpened', 'PassageRecommended', 'PassageDecided', 'PassageExited']);
      expect(mine[1]).toMatchObject({ recommendation: 'release', trigger: expect.objectContaining({ device: 'cctv' }) });
      expect(mine[2]).toBeInstanceOf(PassageDecided);
      expect(mine[2]).toMatchObject({ action: 'release', followed: true, by: 'test-officer' });
      expect(mine[0]).toBeInstanceOf(PassageOpened);
      expect(mine[3]).toBeInstanceOf(PassageExited);
    });

    it('asks the officer while risk is pending, and turns to release when risk passes the declaration', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      await api.registerCarrier([truck]);
      const declarationId = await api.lodge(truck);
      const passage = await arrive(laneId, truck);
      expect(passage.recommendation).toBe('manual');
      expect(passage.reasons[0]).toMatchObject({ code: 'RISK_PENDING', outcome: 'manual' });
      await assess(host, declarationId, { channel: 'green' });
      const refreshed = await eventually(async () => {
        const view = (await api.call('GET', `/api/passages/${passage.id}`, undefined, ['officer'])).body;
        return view.recommendation === 'release' && view;
      });
      expect(refreshed.revision).toBeGreaterThan(passage.revision);
      expect(events.some((e) => e instanceof PassageRecommended && e.passageId === passage.id && e.trigger === 'refresh')).toBe(true);
    });

    it('refers a truck whose declaration risk selected', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      await api.registerCarrier([truck]);
      await api.lodge(truck, { channel: 'red', selected: true, score: 0.93 });
      const passage = await arrive(laneId, truck);
      expect(passage.recommendation).toBe('refer');
      expect(passage.reasons[0].text).toMatch(/selected for control by risk \(red, score 0\.93\)/);
    });

    it('refers an identified truck with no declaration on file, until one is lodged for it', async () => {
      const truck = newTruck();
      await api.registerCarrier([truck]);
      const passage = await arrive(nextLane(), truck);
      expect(passage.recommendation).toBe('refer');
      expect(passage.reasons[0].code).toBe('NO_DECLARATION');
      // The broker lodges it while the truck waits at the booth: risk still has to speak.
      await api.lodge(truck);
      const refreshed = await eventually(async () => {
        const view = (await api.call('GET', `/api/passages/${passage.id}`, undefined, ['officer'])).body;
        return view.recommendation === 'manual' && view;
      });
      expect(refreshed.reasons[0].code).toBe('RISK_PENDING');
    });

    it("flags a plate that is not the transponder's carrier's, and a face below the lane threshold", async () => {
      const [mine, theirs] = [newTruck(), newTruck()];
      await api.registerCarrier([mine]);
      const other = await api.registerCarrier([theirs]);
      await api.lodge(mine, { channel: 'green' });
      const swapped = await arrive(nextLane(), mine, { plate: theirs.plate });
      expect(swapped.recommendation).toBe('refer');
      expect(swapped.flags).toEqual([expect.objectContaining({ code: 'PLATE_MISMATCH' })]);
      expect(swapped.flags[0].text).toContain(`registered to ${other.name}`);
      const stranger = await arrive(nextLane(), mine, { face: 0.42 });
      expect(stranger.recommendation).toBe('refer');
      expect(stranger.flags).toEqual([{ code: 'FACE_MISMATCH', text: 'Driver face match 0.42 is below the lane threshold 0.80' }]);
    });

    it('takes a decided truck as gone one window after the decision when no truck follows', async () => {
      const truck = newTruck();
      const passage = await arrive(nextLane(), truck);
      const held = await api.call('POST', `/api/passages/${passage.id}/decision`, { action: 'hold' }, ['officer']);
      expect(held.body).toMatchObject({ status: 'decided', decision: { action: 'hold' } });
      const exited = await eventually(async () => {
        const view = (await api.call('GET', `/api/passages/${passage.id}`, undefined, ['officer'])).body;
        return view.status === 'exited' && view;
      });
      expect(Date.parse(exited.timings.exitAt) - Date.parse(exited.timings.decisionAt)).toBeGreaterThanOrEqual(900);
      expect(events.some((e) => e instanceof PassageDecided && e.passageId === passage.id && !e.followed)).toBe(true);
    });

    it('asks the officer to confirm a doubtful plate', async () => {
      const truck = newTruck();
      await api.registerCarrier([truck]);
      await api.lodge(truck, { channel: 'green' });
      const passage = await arrive(nextLane(), truck, { confidence: 0.61 });
      expect(passage.recommendation).toBe('manual');
      expect(passage.reasons[0]).toMatchObject({ code: 'PLATE_UNCERTAIN' });
    });

    it('recommends at the end of the window when a read never comes', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      await api.registerCarrier([truck]);
      await api.lodge(truck, { channel: 'green' });
      const opened = await api.event(laneId, 'lpr', { plate: truck.plate, confidence: 0.99 });
      await api.event(laneId, 'cctv', { cameraId: 'CAM-1', driverPresent: true, faceMatchScore: 0.9 }, 200);
      const before = (await api.call('GET', `/api/passages/${opened.body.passageId}`, undefined, ['officer'])).body;
      expect(before).toMatchObject({ status: 'assembling', recommendation: null, missing: ['rfid'] });
      const after = await eventually(async () => {
        const view = (await api.call('GET', `/api/passages/${opened.body.passageId}`, undefined, ['officer'])).body;
        return view.recommendation && view;
      });
      expect(after).toMatchObject({ recommendation: 'manual', missing: ['rfid'], carrier: { matchedBy: 'plate' } });
      expect(after.reasons[0]).toMatchObject({ code: 'NO_TRANSPONDER', text: 'No RFID transponder read: identify the truck manually' });
    });

    it('drops duplicates and places out-of-order reads by their time', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      const t = Date.now();
      const lpr = await api.event(laneId, 'lpr', { at: new Date(t + 500).toISOString(), plate: truck.plate, confidence: 0.97 });
      const rfid = await api.event(laneId, 'rfid', { at: new Date(t).toISOString(), epc: truck.epc });
      const again = await api.event(laneId, 'rfid', { at: new Date(t + 100).toISOString(), epc: truck.epc });
      expect([lpr.body.outcome, rfid.body.outcome, again.body.outcome]).toEqual(['opened', 'joined', 'duplicate']);
      expect(new Set([lpr.body.passageId, rfid.body.passageId, again.body.passageId]).size).toBe(1);
      const view = (await api.call('GET', `/api/passages/${lpr.body.passageId}`, undefined, ['officer'])).body;
      expect(view.reads.map((r: { device: string }) => r.device)).toEqual(['rfid', 'lpr']);
      expect(view.timings.firstReadAt).toBe(view.reads[0].at);
      const stats = (await api.call('GET', `/api/lanes/${laneId}/stats`, undefined, ['engineer'])).body;
      expect(stats).toMatchObject({ laneId, accepted: 2, duplicates: 1, bySource: { http: 3 } });
    });
  });

  describe('bad input', () => {
    it('answers an invalid payload with 400 naming the field, and counts it per lane and reason', async () => {
      const laneId = nextLane();
      const bad = await api.event(laneId, 'rfid', { epc: '12345' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'LANE_EVENT.INVALID', field: 'epc' });
      expect((await api.event(laneId, 'lpr', { plate: { jurisdiction: 'CA-ON', number: 'AB1' }, confidence: 97 })).body.field).toBe('confidence');
      expect((await api.event(laneId, 'radar', {})).body.field).toBe('device');
      expect((await api.call('POST', `/api/lanes/${laneId}/events`, { device: 'rfid', epc: '3034257BF7194E4000001A85', at: 'yesterday' }, ['engineer'])).body.field).toBe('at');
      const stats = (await api.call('GET', `/api/lanes/${laneId}/stats`, undefined, ['officer'])).body;
      expect(stats.rejected).toEqual({ total: 4, byReason: { 'invalid:epc': 1, 'invalid:confidence': 1, 'invalid:device': 1, 'invalid:at': 1 } });
    });

    it('answers an unknown lane with 404 and counts it', async () => {
      const response = await api.event('NO-SUCH-LANE', 'rfid', { epc: '3034257BF7194E4000001A85' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('LANE.NOT_FOUND');
      expect((await api.call('GET', '/api/lanes/stats', undefined, ['engineer'])).body.unroutable.unknownLanes['NO-SUCH-LANE']).toBe(1);
      expect((await api.call('GET', '/api/lanes/NO-SUCH-LANE/passages/current', undefined, ['officer'])).status).toBe(404);
    });

    it('keeps device events to officers, engineers and admins, and decisions to officers', async () => {
      const laneId = nextLane();
      expect((await api.event(laneId, 'rfid', { epc: newTruck().epc }, 0, ['trader'])).status).toBe(403);
      const opened = await api.event(laneId, 'rfid', { epc: newTruck().epc }, 0, ['officer']);
      expect(opened.status).toBe(202);
      expect((await api.call('POST', `/api/passages/${opened.body.passageId}/decision`, { action: 'release' }, ['engineer'])).status).toBe(403);
      const bad = await api.call('POST', `/api/passages/${opened.body.passageId}/decision`, { action: 'wave-through' }, ['officer']);
      expect(bad.body).toMatchObject({ code: 'PASSAGE.INVALID_DECISION', field: 'action' });
      expect((await api.call('POST', '/api/passages/6f1c3e0a-0000-4000-8000-000000000000/decision', { action: 'hold' }, ['officer'])).status).toBe(404);
      expect((await api.call('GET', '/api/passages/123', undefined, ['officer'])).status).toBe(400);
    });

    it('says so when a lane has had no passage yet', async () => {
      const response = await api.call('GET', `/api/lanes/${nextLane()}/passages/current`, undefined, ['officer']);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('PASSAGE.NONE');
    });
  });

  describe('the console stream', () => {
    it('sends the current passage, then again whenever it changes; a ?token= works for EventSource', async () => {
      const laneId = nextLane();
      const truck = newTruck();
      const t = Date.now();
      const first = await api.event(laneId, 'rfid', { at: new Date(t).toISOString(), epc: truck.epc });
      const controller = new AbortController();
      const response = await fetch(`${host.url}/api/lanes/${laneId}/passages/stream?token=${host.token('officer')}`, { signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      if (!response.body) throw new Error('no body');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const nextPassage = async () => {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (block.includes('event: passage') && data) return JSON.parse(data.slice(6));
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      };
      try {
        const initial = await nextPassage();
        expect(initial).toMatchObject({ id: first.body.passageId, missing: ['lpr', 'cctv'] });
        await api.event(laneId, 'lpr', { at: new Date(t + 200).toISOString(), plate: truck.plate, confidence: 0.95 });
        const updated = await nextPassage();
        expect(updated).toMatchObject({ id: first.body.passageId, missing: ['cctv'] });
      } finally {
        controller.abort();
      }
    });

    it('refuses a stream without a token or for an unknown lane', async () => {
      expect((await fetch(`${host.url}/api/lanes/${lanes[0]}/passages/stream`)).status).toBe(401);
      expect((await fetch(`${host.url}/api/lanes/${lanes[0]}/passages/stream?token=${host.token('trader')}`)).status).toBe(403);
      const unknown = await fetch(`${host.url}/api/lanes/NOPE-1/passages/stream`, { headers: host.auth('officer') });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).code).toBe('LANE.NOT_FOUND');
    });
  });
});
