import { describe, expect, it } from 'vitest';
import { PassageAssembler } from '../model/assembler';
import { parseDeviceRead } from '../model/device-read';
import { parseCarrierRegistration } from '../model/carrier';
import { demoFleet, generateTruckStream, NO_FAULTS, type TruckStreamOptions } from './truck-stream';

const START = Date.parse('2026-11-25T14:00:00Z');
const base: TruckStreamOptions = { laneId: 'USDET-AMB-01', trucks: 200, seed: 7, ratePerMinute: 2, startAt: START };

describe('generateTruckStream', () => {
  it('gives the same messages for the same seed and different ones for another', () => {
    expect(generateTruckStream(base)).toEqual(generateTruckStream(base));
    expect(generateTruckStream({ ...base, seed: 8 }).messages).not.toEqual(generateTruckStream(base).messages);
  });

  it('sends messages in time order on the lane topics, each one a valid device payload', () => {
    const { messages } = generateTruckStream(base);
    expect(messages.map((m) => m.sendAt)).toEqual([...messages.map((m) => m.sendAt)].sort((a, b) => a - b));
    for (const m of messages) {
      expect(m.topic).toBe(`corridor/lanes/USDET-AMB-01/${m.device}`);
      expect(() => parseDeviceRead(m.device, m.payload)).not.toThrow();
    }
  });

  it('applies each fault at roughly its rate', () => {
    const { trucks, messages } = generateTruckStream({ ...base, trucks: 2_000 });
    const share = (fault: string) => trucks.filter((t) => t.faults.includes(fault)).length / trucks.length;
    expect(share('missed-rfid')).toBeGreaterThan(0.015);
    expect(share('missed-rfid')).toBeLessThan(0.05);
    expect(share('plate-misread')).toBeGreaterThan(0.015);
    expect(share('unknown-truck')).toBeGreaterThan(0.03);
    expect(messages.filter((m) => m.fault === 'duplicate').length / messages.length).toBeGreaterThan(0.03);
    expect(messages.filter((m) => m.fault === 'delayed').length / messages.length).toBeGreaterThan(0.03);
  });

  it('yields fleet trucks the registry accepts', () => {
    const fleet = demoFleet(7);
    expect(new Set(fleet.map((t) => t.epc)).size).toBe(fleet.length);
    for (const truck of fleet) {
      expect(() => parseCarrierRegistration({ name: truck.carrierName, traderId: truck.traderId, programme: truck.programme, transponders: [truck.epc], plates: [truck.plate] })).not.toThrow();
    }
  });

  it.each([
    ['two trucks a minute, Poisson', { ratePerMinute: 2 }],
    ['one truck a second, regular (the benchmark)', { ratePerMinute: 60, arrivals: 'regular' as const }],
  ])('assembles into one complete passage per truck without faults: %s', (_name, rate) => {
    const { messages, trucks } = generateTruckStream({ ...base, ...rate, trucks: 120, faults: NO_FAULTS });
    const assembler = new PassageAssembler({ windowMs: 20_000, expects: ['rfid', 'lpr', 'cctv'] }, (() => { let n = 0; return () => `p${++n}`; })(), 'USDET-AMB-01');
    let completed = 0;
    for (const m of messages) {
      const result = assembler.accept(parseDeviceRead(m.device, m.payload), m.sendAt, 'mqtt');
      if (result.outcome !== 'duplicate' && result.outcome !== 'unmatched' && result.evaluate) {
        completed++;
        assembler.markRecommended(result.passage.id, m.sendAt);
      }
    }
    expect(completed).toBe(trucks.length);
    const passages = assembler.all();
    expect(passages.map((p) => [p.rfid?.read.epc, p.lpr?.read.plate.number])).toEqual(trucks.map((t) => [t.truck.epc, t.truck.plate.number]));
  });
});
