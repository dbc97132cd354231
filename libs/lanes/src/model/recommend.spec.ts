import type { DeclarationSummary } from '@corridor/declarations';
import { describe, expect, it } from 'vitest';
import type { TrustedCarrier } from './carrier';
import { parseDeviceRead, type CctvRead, type LprRead, type RfidRead } from './device-read';
import { DEFAULT_SETTINGS } from './lane';
import { recommend, type RecommendationFacts } from './recommend';

const EPC = '3034257BF7194E4000001A85';
const AT = '2026-11-25T14:30:00Z';

const carrier = (over: Partial<TrustedCarrier> = {}): TrustedCarrier => ({
  id: 'c-1',
  name: 'Great Lakes Haulage',
  traderId: 'CA555000111',
  programme: 'FAST',
  status: 'active',
  transponders: [EPC],
  plates: ['CA-ON:AB12345'],
  drivers: [{ id: 'D-1001', name: 'Jane Doe', status: 'active' }],
  ...over,
});

const declaration = (over: Partial<DeclarationSummary> = {}): DeclarationSummary => ({
  id: '7f3c1a2b-0000-4000-8000-000000000001',
  version: 1,
  status: 'risk-assessed',
  type: 'IM',
  declarantId: 'US987650001',
  carrierId: 'CA555000111',
  plate: 'CA-ON:AB12345',
  transponder: EPC,
  officeOfEntry: 'USDET',
  expectedArrival: AT,
  lodgedAt: AT,
  itemCount: 2,
  risk: { score: 0.12, channel: 'green', selected: false, random: false, version: 1 },
  ...over,
});

const rfid = (epc = EPC) => parseDeviceRead('rfid', { at: AT, epc }) as RfidRead;
const lpr = (number = 'AB12345', confidence = 0.97) => parseDeviceRead('lpr', { at: AT, plate: { jurisdiction: 'CA-ON', number }, confidence }) as LprRead;
/** `null`: the camera gave no face-match score. */
const cctv = (faceMatchScore: number | null = 0.93, extra: Record<string, unknown> = {}) =>
  parseDeviceRead('cctv', { at: AT, cameraId: 'CAM-1', driverPresent: true, ...(faceMatchScore === null ? {} : { faceMatchScore }), ...extra }) as CctvRead;

/** The happy path: a trusted truck whose every check passes; each test breaks one thing. */
function facts(over: Partial<RecommendationFacts> = {}): RecommendationFacts {
  return {
    laneType: 'trusted',
    settings: { ...DEFAULT_SETTINGS },
    expects: ['rfid', 'lpr', 'cctv'],
    rfid: rfid(),
    lpr: lpr(),
    cctv: cctv(),
    carrier: carrier(),
    plateOwner: carrier(),
    declarations: { available: true, items: [declaration()] },
    certificates: [],
    ...over,
  };
}

const codes = (facts: RecommendationFacts) => recommend(facts).reasons.map((r) => r.code);

describe('recommend', () => {
  it('releases a trusted truck whose transponder, plate, driver and green declaration all agree', () => {
    const result = recommend(facts());
    expect(result.action).toBe('release');
    expect(result.flags).toEqual([]);
    expect(result.reasons.map((r) => r.text)).toEqual([
      'Great Lakes Haulage: FAST member, active',
      'Plate CA-ON:AB12345 is registered to Great Lakes Haulage',
      'Driver face match 0.93 (lane needs 0.80)',
      'Declaration 7f3c1a2b (IM): risk green, not selected (score 0.12)',
    ]);
  });

  describe('declarations and risk', () => {
    it('asks the officer while risk has not assessed the declaration yet', () => {
      const result = recommend(facts({ declarations: { available: true, items: [declaration({ status: 'lodged', risk: undefined })] } }));
      expect(result.action).toBe('manual');
      expect(result.reasons[0].text).toBe('Declaration 7f3c1a2b (IM) is lodged; risk has not assessed it yet');
    });

    it.each([
      ['selected by risk', { channel: 'red' as const, selected: true, random: false, score: 0.91 }, 'RISK_SELECTED', 'was selected for control by risk (red, score 0.91)'],
      ['picked by the random sample', { channel: 'green' as const, selected: false, random: true, score: 0.1 }, 'RANDOM_SAMPLE', 'random compliance sample'],
      ['yellow without selection', { channel: 'yellow' as const, selected: false, random: false, score: 0.55 }, 'RISK_CHANNEL', 'yellow channel'],
    ])('refers a declaration %s', (_name, risk, code, text) => {
      const result = recommend(facts({ declarations: { available: true, items: [declaration({ risk: { ...risk, version: 1 } })] } }));
      expect(result.action).toBe('refer');
      expect(result.reasons[0]).toMatchObject({ code, outcome: 'refer' });
      expect(result.reasons[0].text).toContain(text);
    });

    it('refers when one of two declarations on the truck is selected', () => {
      const selected = declaration({ id: '7f3c1a2b-0000-4000-8000-000000000002', risk: { score: 0.8, channel: 'red', selected: true, random: false, version: 1 } });
      expect(recommend(facts({ declarations: { available: true, items: [declaration(), selected] } })).action).toBe('refer');
    });

    it('refers an identified truck with no declaration on file', () => {
      const result = recommend(facts({ declarations: { available: true, items: [] } }));
      expect(result.action).toBe('refer');
      expect(result.reasons[0].text).toBe('No declaration on file for this truck: nothing to release against');
    });

    it('asks the officer when the declarations could not be checked', () => {
      expect(recommend(facts({ declarations: { available: false, items: [] } })).action).toBe('manual');
      expect(codes(facts({ declarations: { available: false, items: [] } }))).toContain('DECLARATIONS_UNAVAILABLE');
    });

    it('refers a declaration already referred to secondary', () => {
      expect(codes(facts({ declarations: { available: true, items: [declaration({ status: 'referred' })] } }))[0]).toBe('ALREADY_REFERRED');
    });
  });

  describe('missing reads', () => {
    it('asks for manual identification without a transponder read', () => {
      const result = recommend(facts({ rfid: undefined, carrier: undefined }));
      expect(result.action).toBe('manual');
      expect(result.reasons[0]).toMatchObject({ code: 'NO_TRANSPONDER', text: 'No RFID transponder read: identify the truck manually' });
    });

    it('asks to check the plate when none was read', () => {
      const result = recommend(facts({ lpr: undefined }));
      expect(result.action).toBe('manual');
      expect(codes(facts({ lpr: undefined }))).toContain('NO_PLATE');
    });

    it('asks the officer to confirm a plate read below the lane confidence, without calling it a contradiction', () => {
      const result = recommend(facts({ lpr: lpr('AB12S45', 0.62), plateOwner: undefined }));
      expect(result.action).toBe('manual');
      expect(result.flags).toEqual([]);
      expect(result.reasons[0].text).toBe('Plate CA-ON:AB12S45 read at 62% confidence (lane needs 85%): confirm the plate');
    });

    it('takes a plate read exactly at the threshold as confident', () => {
      expect(recommend(facts({ lpr: lpr('AB12345', 0.85) })).action).toBe('release');
    });

    it('asks to check the driver when the camera sent nothing, saw nobody or gave no score', () => {
      expect(codes(facts({ cctv: undefined }))[0]).toBe('NO_CCTV');
      expect(codes(facts({ cctv: parseDeviceRead('cctv', { at: AT, cameraId: 'CAM-1', driverPresent: false }) as CctvRead }))[0]).toBe('NO_DRIVER');
      expect(codes(facts({ cctv: cctv(null) }))[0]).toBe('NO_FACE_MATCH');
    });

    it('asks for manual identification when nothing identifies the truck, without blaming a missing declaration on it', () => {
      const result = recommend(facts({ rfid: undefined, lpr: undefined, cctv: undefined, carrier: undefined, plateOwner: undefined, declarations: { available: true, items: [] } }));
      expect(result.action).toBe('manual');
      expect(result.reasons.find((r) => r.code === 'NO_DECLARATION')?.outcome).toBe('manual');
    });
  });

  describe('contradictions', () => {
    it("flags and refers a plate that is not one of the transponder's carrier's plates, naming whose it is", () => {
      const other = carrier({ id: 'c-2', name: 'Windsor Freightways', plates: ['CA-ON:ZX99810'] });
      const result = recommend(facts({ lpr: lpr('ZX99810'), plateOwner: other }));
      expect(result.action).toBe('refer');
      expect(result.flags).toEqual([{ code: 'PLATE_MISMATCH', text: 'Plate CA-ON:ZX99810 is not registered to Great Lakes Haulage, whose transponder …001A85 was read; it is registered to Windsor Freightways' }]);
    });

    it('flags and refers a face match below the lane threshold, and accepts one exactly at it', () => {
      const low = recommend(facts({ cctv: cctv(0.61) }));
      expect(low.action).toBe('refer');
      expect(low.flags[0]).toEqual({ code: 'FACE_MISMATCH', text: 'Driver face match 0.61 is below the lane threshold 0.80' });
      expect(recommend(facts({ cctv: cctv(0.8) })).action).toBe('release');
    });

    it('uses the threshold of the lane', () => {
      expect(recommend(facts({ cctv: cctv(0.85), settings: { ...DEFAULT_SETTINGS, faceMatchThreshold: 0.9 } })).action).toBe('refer');
    });

    it("refers a driver who is not one of the carrier's, or whose card is suspended", () => {
      expect(codes(facts({ cctv: cctv(0.95, { driverId: 'D-9999' }) }))[0]).toBe('DRIVER_NOT_REGISTERED');
      const suspended = carrier({ drivers: [{ id: 'D-1001', name: 'Jane Doe', status: 'suspended' }] });
      const result = recommend(facts({ carrier: suspended, cctv: cctv(0.95, { driverId: 'D-1001' }) }));
      expect(result.reasons[0].text).toBe("Driver Jane Doe's FAST card is suspended");
    });
  });

  describe('trusted status', () => {
    it('refers a carrier whose membership is suspended or revoked', () => {
      const result = recommend(facts({ carrier: carrier({ status: 'suspended', statusReason: 'audit 2026-114' }) }));
      expect(result.action).toBe('refer');
      expect(result.reasons[0].text).toBe("Great Lakes Haulage's FAST membership is suspended (audit 2026-114)");
      expect(recommend(facts({ carrier: carrier({ status: 'revoked' }) })).reasons[0].code).toBe('CARRIER_REVOKED');
    });

    it('refers an unregistered transponder in a trusted-only lane but only asks the officer in a mixed lane', () => {
      const unknown = { rfid: rfid('E20000000000000000000001'), carrier: undefined, plateOwner: undefined };
      expect(recommend(facts({ ...unknown })).reasons[0].code).toBe('NOT_ENROLLED');
      const mixed = recommend(facts({ ...unknown, laneType: 'mixed' }));
      expect(mixed.reasons.find((r) => r.code === 'TRANSPONDER_UNKNOWN')?.outcome).toBe('manual');
    });
  });

  it('lists the most severe reasons first and lets certificate findings count', () => {
    const result = recommend(facts({ lpr: lpr('AB12345', 0.5), certificates: [{ code: 'PHYTO_REVOKED', outcome: 'refer', text: 'e-Phyto 123 was revoked' }] }));
    expect(result.action).toBe('refer');
    expect(result.reasons.map((r) => r.outcome)).toEqual([...result.reasons.map((r) => r.outcome)].sort((a, b) => ['refer', 'manual', 'release'].indexOf(a) - ['refer', 'manual', 'release'].indexOf(b)));
    expect(result.reasons[0].text).toBe('e-Phyto 123 was revoked');
  });
});
