import { describe, expect, it } from 'vitest';
import { PassageAssembler, type AcceptResult } from './assembler';
import { parseDeviceRead, type DeviceRead } from './device-read';
import type { IdentifyingKind } from './lane';

const T0 = Date.parse('2026-11-25T14:30:00.000Z');
const WINDOW = 20_000;
const EPC_A = '3034257BF7194E4000001A85';
const EPC_B = '3034257BF7194E4000001A86';

const at = (ms: number) => new Date(T0 + ms).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const rfid = (ms: number, epc = EPC_A) => parseDeviceRead('rfid', { at: at(ms), epc });
const lpr = (ms: number, number = 'AB12345', confidence = 0.97) => parseDeviceRead('lpr', { at: at(ms), plate: { jurisdiction: 'CA-ON', number }, confidence });
const cctv = (ms: number, score = 0.93) => parseDeviceRead('cctv', { at: at(ms), cameraId: 'CAM-1', driverPresent: true, faceMatchScore: score });
const voip = (ms: number, state: 'ringing' | 'connected' | 'ended', extra: Record<string, unknown> = {}) => parseDeviceRead('voip', { at: at(ms), state, ...extra });

function lane(expects: IdentifyingKind[] = ['rfid', 'lpr', 'cctv'], windowMs = WINDOW) {
  let n = 0;
  const assembler = new PassageAssembler({ windowMs, expects }, () => id(++n), 'LANE-1');
  // Server receipt time follows device time unless a test says otherwise.
  const feed = (read: DeviceRead, receivedAt = read.atMs): AcceptResult => assembler.accept(read, receivedAt, 'mqtt');
  return { assembler, feed };
}

function passageOf(result: AcceptResult) {
  if (result.outcome === 'unmatched') throw new Error('unmatched');
  return result.passage;
}

describe('PassageAssembler', () => {
  it('makes one passage of a truck\'s transponder, plate and driver reads, and evaluates once it has them all', () => {
    const { feed } = lane();
    const first = feed(rfid(0));
    expect(first).toMatchObject({ outcome: 'opened', evaluate: false });
    expect(feed(lpr(800))).toMatchObject({ outcome: 'joined', evaluate: false, passage: { id: id(1) } });
    const last = feed(cctv(3_000));
    expect(last).toMatchObject({ outcome: 'joined', evaluate: true, passage: { id: id(1) } });
    const passage = passageOf(last);
    expect(passage.rfid?.read).toMatchObject({ epc: EPC_A });
    expect(passage.lpr?.read).toMatchObject({ plateKey: 'CA-ON:AB12345' });
    expect(passage.firstAtMs).toBe(T0);
    expect(passage.lastAtMs).toBe(T0 + 3_000);
  });

  describe('duplicates', () => {
    it('drops a transponder read again and again while the truck stands in the field', () => {
      const { assembler, feed } = lane();
      feed(rfid(0));
      // A reader reports the tag every few seconds for a minute: one passage, the rest duplicates.
      for (let ms = 5_000; ms <= 60_000; ms += 5_000) expect(feed(rfid(ms)).outcome).toBe('duplicate');
      expect(assembler.all()).toHaveLength(1);
    });

    it('drops a redelivered plate read, camera check and call event', () => {
      const { assembler, feed } = lane();
      feed(rfid(0));
      feed(lpr(500));
      feed(cctv(2_000));
      feed(voip(2_500, 'ringing'));
      expect(feed(lpr(500)).outcome).toBe('duplicate');
      expect(feed(cctv(2_000)).outcome).toBe('duplicate');
      expect(feed(voip(2_500, 'ringing')).outcome).toBe('duplicate');
      expect(assembler.all()).toHaveLength(1);
      expect(assembler.all()[0].voip).toHaveLength(1);
    });

    it('takes the same transponder as a new passage once it was gone for longer than the window', () => {
      const { assembler, feed } = lane();
      feed(rfid(0));
      expect(feed(rfid(WINDOW + 1)).outcome).toBe('opened');
      expect(assembler.all()).toHaveLength(2);
    });
  });

  describe('out-of-order reads', () => {
    it('places a read that arrives late by its device time', () => {
      const { feed } = lane();
      feed(lpr(1_000), T0 + 1_000);
      feed(cctv(4_000), T0 + 4_000);
      // The reader's uplink was slow: the tag read from t=0 arrives last.
      const late = feed(rfid(0), T0 + 6_000);
      expect(late).toMatchObject({ outcome: 'joined', evaluate: true });
      expect(passageOf(late).firstAtMs).toBe(T0);
      expect(passageOf(late).openedAt).toBe(T0 + 1_000);
    });

    it('gives each of two interleaved trucks its own reads', () => {
      const { assembler, feed } = lane();
      feed(rfid(0, EPC_A));
      feed(lpr(400, 'AB12345'));
      feed(rfid(1_000, EPC_B));
      // Truck B's plate read overtakes truck A's camera check.
      feed(lpr(1_300, 'ZX99810'));
      feed(cctv(650));
      feed(cctv(1_700));
      const [a, b] = assembler.all();
      expect([a.rfid?.read.epc, a.lpr?.read.plateKey, a.cctv?.read.atMs]).toEqual([EPC_A, 'CA-ON:AB12345', T0 + 650]);
      expect([b.rfid?.read.epc, b.lpr?.read.plateKey, b.cctv?.read.atMs]).toEqual([EPC_B, 'CA-ON:ZX99810', T0 + 1_700]);
    });
  });

  it("does not shift later trucks' reads onto earlier ones after a missed transponder read", () => {
    const { assembler, feed } = lane();
    // Truck A's tag is never read; trucks come one a second, well within one window.
    feed(lpr(100, 'AA11111'));
    feed(cctv(500));
    feed(rfid(1_000, EPC_B));
    feed(lpr(1_100, 'BB22222'));
    feed(cctv(1_500));
    const [a, b] = assembler.all();
    expect([a.rfid, a.lpr?.read.plate.number]).toEqual([undefined, 'AA11111']);
    expect([b.rfid?.read.epc, b.lpr?.read.plate.number, b.cctv?.read.atMs]).toEqual([EPC_B, 'BB22222', T0 + 1_500]);
  });

  describe('window boundaries', () => {
    it('keeps a read exactly one window after the first in the same passage', () => {
      const { assembler, feed } = lane();
      feed(rfid(0));
      expect(feed(lpr(WINDOW)).outcome).toBe('joined');
      expect(assembler.all()).toHaveLength(1);
    });

    it('opens a new passage for a read one millisecond beyond the window', () => {
      const { assembler, feed } = lane();
      feed(rfid(0));
      expect(feed(lpr(WINDOW + 1)).outcome).toBe('opened');
      expect(assembler.all()).toHaveLength(2);
    });

    it('never lets a passage span more than the window, even with reads before its first one', () => {
      const { assembler, feed } = lane();
      feed(lpr(0));
      feed(cctv(15_000));
      expect(feed(rfid(-6_000)).outcome).toBe('opened');
      expect(assembler.all()).toHaveLength(2);
    });
  });

  describe('missing reads', () => {
    it('recommends at the deadline with what it has, not before', () => {
      const { assembler, feed } = lane();
      const opened = passageOf(feed(rfid(0), T0));
      feed(lpr(500), T0 + 500);
      expect(assembler.due(T0 + WINDOW - 1)).toEqual([]);
      expect(assembler.due(T0 + WINDOW).map((p) => p.id)).toEqual([opened.id]);
      assembler.markRecommended(opened.id, T0 + WINDOW);
      expect(assembler.due(T0 + WINDOW + 1_000)).toEqual([]);
    });

    it('re-evaluates when a missing read turns up after the recommendation, but not after the decision', () => {
      const { assembler, feed } = lane();
      const p = passageOf(feed(rfid(0)));
      feed(lpr(500));
      expect(assembler.markRecommended(p.id, T0 + WINDOW)).toBe(1);
      expect(feed(cctv(3_000), T0 + WINDOW + 100)).toMatchObject({ outcome: 'joined', evaluate: true });
      assembler.markDecided(p.id);
      expect(feed(voip(5_000, 'ringing'))).toMatchObject({ outcome: 'joined', evaluate: false });
    });

    it('is complete without RFID on a lane that has no RFID reader', () => {
      const { feed } = lane(['lpr', 'cctv']);
      feed(lpr(0));
      expect(feed(cctv(2_000))).toMatchObject({ outcome: 'joined', evaluate: true });
    });
  });

  describe('VoIP calls', () => {
    it('keeps a whole call with the truck it started with, and leaves a call with no truck unmatched', () => {
      const { assembler, feed } = lane();
      expect(feed(voip(0, 'ringing')).outcome).toBe('unmatched');
      const a = passageOf(feed(rfid(1_000, EPC_A)));
      feed(voip(5_000, 'ringing', { officerId: 'officer-17' }));
      const b = passageOf(feed(rfid(9_000, EPC_B)));
      feed(voip(10_000, 'connected', { officerId: 'officer-17' }));
      feed(voip(70_000, 'ended', { officerId: 'officer-17' }));
      expect(assembler.find(a.id)?.voip.map((v) => v.read.state)).toEqual(['ringing', 'connected', 'ended']);
      expect(assembler.find(b.id)?.voip).toEqual([]);
    });

    it('puts a call on the passage the console names, not on the truck that arrived last', () => {
      const { assembler, feed } = lane();
      const a = passageOf(feed(rfid(0, EPC_A)));
      const b = passageOf(feed(rfid(2_000, EPC_B)));
      feed(voip(3_000, 'ringing', { passageId: a.id }));
      expect(assembler.find(a.id)?.voip).toHaveLength(1);
      expect(assembler.find(b.id)?.voip).toHaveLength(0);
    });
  });

  it('forgets settled passages two windows after they were last touched, never undecided unrecommended ones', () => {
    const { assembler, feed } = lane();
    const a = passageOf(feed(rfid(0), T0));
    const b = passageOf(feed(rfid(1_000, EPC_B), T0 + 1_000));
    assembler.markRecommended(a.id, T0 + WINDOW);
    expect(assembler.evict(T0 + 2 * WINDOW + 5_000)).toEqual([]);
    expect(assembler.evict(T0 + 2 * WINDOW + 5_001).map((p) => p.id)).toEqual([a.id]);
    expect(assembler.evict(T0 + 10 * WINDOW).map((p) => p.id)).toEqual([]);
    expect(assembler.find(b.id)).toBeDefined();
  });
});
