import { requireServiceUrl, startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneDeviceGateway } from './record-device-event/mqtt-device-gateway';
import { demoFleet, fleetRegistrations, generateTruckStream, NO_FAULTS } from './simulate/truck-stream';
import { client, eventually, LanesHost, newTruck, uniquePrefix } from './testing/lanes-host';

const mqttUrl = requireServiceUrl('TEST_MQTT_URL');

/**
 * Real messages through Mosquitto. Lane ids are unique per run, so parallel runs on one broker
 * only ever see each other's traffic as unknown lanes (which is itself part of what is tested).
 */
describe.skipIf(!mqttUrl).each(testModes())('device events over MQTT on $name', (mode) => {
  let host: TestApp;
  let api: ReturnType<typeof client>;
  let publisher: MqttClient;
  const prefix = uniquePrefix();
  let lanes: string[];
  const publish = (topic: string, payload: string | Buffer | Record<string, unknown>) =>
    publisher.publishAsync(topic, typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload), { qos: 1 });
  const stats = async (laneId: string) => (await api.call('GET', `/api/lanes/${laneId}/stats`, undefined, ['engineer'])).body;

  beforeAll(async () => {
    host = await startTestApp(LanesHost.forRoot, mode, { MQTT_URL: mqttUrl as string });
    api = client(host);
    await host.app.get(LaneDeviceGateway).whenSubscribed();
    lanes = await api.port(prefix, [{ type: 'trusted', window: 5 }, { type: 'trusted', window: 5 }, { type: 'mixed', window: 20 }]);
    publisher = await connectAsync(mqttUrl as string, { clientId: `corridor-test-${prefix}` });
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await host?.close();
  });

  it('assembles a released passage from RFID, plate and camera messages', async () => {
    const [laneId] = lanes;
    const truck = newTruck();
    await api.registerCarrier([truck]);
    await api.lodge(truck, { channel: 'green' });
    const t = Date.now();
    const at = (ms: number) => new Date(t + ms).toISOString();
    await publish(`corridor/lanes/${laneId}/cctv`, { at: at(800), cameraId: 'CAM-1', driverPresent: true, faceMatchScore: 0.95, driverId: truck.driverId });
    await publish(`corridor/lanes/${laneId}/rfid`, { at: at(0), epc: truck.epc, antenna: 1, rssi: -50 });
    await publish(`corridor/lanes/${laneId}/rfid`, { at: at(0), epc: truck.epc, antenna: 1, rssi: -50 });
    await publish(`corridor/lanes/${laneId}/lpr`, { at: at(300), plate: truck.plate, confidence: 0.98 });
    const passage = await eventually(async () => {
      const current = await api.call('GET', `/api/lanes/${laneId}/passages/current`, undefined, ['officer']);
      return current.status === 200 && current.body.recommendation && current.body;
    });
    expect(passage).toMatchObject({ recommendation: 'release', transponder: truck.epc, plate: truck.plateKey, missing: [] });
    expect(passage.reads.map((r: { device: string; source: string }) => `${r.device}/${r.source}`)).toEqual(['rfid/mqtt', 'lpr/mqtt', 'cctv/mqtt']);
    expect(await stats(laneId)).toMatchObject({ accepted: 3, duplicates: 1, bySource: { mqtt: 4 } });
  });

  it('counts and logs garbage on any topic, and the lane keeps working', async () => {
    const [, laneId] = lanes;
    const globalBefore = (await api.call('GET', '/api/lanes/stats', undefined, ['engineer'])).body;
    await publish(`corridor/lanes/${laneId}/rfid`, 'this is not json');
    await publish(`corridor/lanes/${laneId}/lpr`, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c]));
    await publish(`corridor/lanes/${laneId}/cctv`, JSON.stringify({ blob: 'x'.repeat(200_000) }));
    await publish(`corridor/lanes/${laneId}/rfid`, '[1,2,3]');
    await publish(`corridor/lanes/${laneId}/rfid`, { at: new Date().toISOString(), epc: 'not-an-epc' });
    await publish(`corridor/lanes/${laneId}/lpr`, { at: new Date().toISOString(), plate: { jurisdiction: 'CA-ON', number: 'AB1' }, confidence: 'high' });
    await publish(`corridor/lanes/${laneId}/radar`, { at: new Date().toISOString() });
    await publish(`corridor/lanes/${laneId}/rfid/extra`, { at: new Date().toISOString() });
    await publish(`corridor/lanes/${laneId}`, 'x');
    await publish(`corridor/lanes/${prefix}-99/rfid`, { at: new Date().toISOString(), epc: newTruck().epc });

    const truck = newTruck();
    const t = Date.now();
    await publish(`corridor/lanes/${laneId}/rfid`, { at: new Date(t).toISOString(), epc: truck.epc });
    await publish(`corridor/lanes/${laneId}/lpr`, { at: new Date(t + 200).toISOString(), plate: truck.plate, confidence: 0.97 });
    await publish(`corridor/lanes/${laneId}/cctv`, { at: new Date(t + 400).toISOString(), cameraId: 'CAM-2', driverPresent: true, faceMatchScore: 0.9 });
    const passage = await eventually(async () => {
      const current = await api.call('GET', `/api/lanes/${laneId}/passages/current`, undefined, ['officer']);
      return current.status === 200 && current.body.recommendation && current.body;
    });
    // Not registered and no declaration: a trusted-only lane refers it; what matters is that it got here.
    expect(passage).toMatchObject({ transponder: truck.epc, recommendation: 'refer' });
    expect(passage.reasons[0].code).toBe('NOT_ENROLLED');

    const lane = await eventually(async () => {
      const s = await stats(laneId);
      return s.rejected.total >= 6 && s;
    });
    expect(lane.rejected.byReason).toEqual({ 'not-json': 1, 'not-utf8': 1, 'too-large': 1, 'not-an-object': 1, 'invalid:epc': 1, 'invalid:confidence': 1 });
    expect(lane.accepted).toBe(3);
    const after = (await api.call('GET', '/api/lanes/stats', undefined, ['engineer'])).body;
    expect(after.mqtt).toMatchObject({ configured: true, connected: true });
    // Other runs may share the broker: global counts only grow by at least what was sent here.
    expect(after.unroutable.byReason['bad-topic'] - (globalBefore.unroutable.byReason['bad-topic'] ?? 0)).toBeGreaterThanOrEqual(2);
    expect(after.unroutable.byReason['unknown-device'] - (globalBefore.unroutable.byReason['unknown-device'] ?? 0)).toBeGreaterThanOrEqual(1);
    expect(after.unroutable.unknownLanes[`${prefix}-99`]).toBe(1);
  });

  it('turns a simulated stream with duplicates and out-of-order delivery into one clean passage per truck', async () => {
    const laneId = lanes[2];
    const seed = Math.floor(Math.random() * 1e6);
    const fleet = demoFleet(seed, 12);
    for (const body of fleetRegistrations(fleet)) expect((await api.call('POST', '/api/trusted-traders/carriers', body)).status).toBe(201);
    const { messages, trucks } = generateTruckStream({
      laneId, trucks: 12, seed, ratePerMinute: 30, arrivals: 'regular', startAt: Date.now(), fleet,
      faults: { ...NO_FAULTS, duplicate: 0.2, outOfOrder: 0.15, call: 0.3 },
    });
    // Published as fast as the broker takes them, in send order: device times carry the timeline.
    for (const m of messages) await publish(m.topic, m.payload);
    const passages = await eventually(async () => {
      const list = (await api.call('GET', `/api/lanes/${laneId}/passages?limit=50`, undefined, ['officer'])).body as Array<{ recommendation: string | null }>;
      return list.length === trucks.length && list.every((p) => p.recommendation) && list;
    }, 10_000);
    const byTransponder = new Map((passages as unknown as Array<{ transponder: string; plate: string; flags: unknown[]; missing: string[] }>).map((p) => [p.transponder, p]));
    for (const { truck } of trucks) {
      expect(byTransponder.get(truck.epc)).toMatchObject({ plate: `${truck.plate.jurisdiction}:${truck.plate.number}`, flags: [], missing: [] });
    }
    expect((await stats(laneId)).duplicates).toBeGreaterThan(0);
  });
});
