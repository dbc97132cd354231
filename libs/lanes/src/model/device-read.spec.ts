import { InvalidFieldsError } from '@corridor/domain';
import { describe, expect, it } from 'vitest';
import { decodePayload, MAX_PAYLOAD_BYTES, parseDeviceRead, parseTopic } from './device-read';

const AT = '2026-11-25T14:30:01.250Z';

function fieldsOf(device: unknown, payload: unknown): string[] {
  try {
    parseDeviceRead(device, payload);
  } catch (error) {
    if (error instanceof InvalidFieldsError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('parseDeviceRead', () => {
  it('reads each device payload, normalising EPC, plate and time', () => {
    expect(parseDeviceRead('rfid', { at: '2026-11-25T15:30:01.250+01:00', epc: '3034-257b-f719-4e40-0000-1a85', antenna: 2, rssi: -51.5 })).toEqual({
      device: 'rfid', at: AT, atMs: Date.parse(AT), epc: '3034257BF7194E4000001A85', antenna: 2, rssi: -51.5,
    });
    expect(parseDeviceRead('lpr', { at: AT, plate: { jurisdiction: 'ca-on', number: 'ab12 345' }, confidence: 0.97, imageRef: 'lpr/1.jpg' })).toMatchObject({
      plate: { jurisdiction: 'CA-ON', number: 'AB12345' }, plateKey: 'CA-ON:AB12345', confidence: 0.97, imageRef: 'lpr/1.jpg',
    });
    expect(parseDeviceRead('cctv', { at: AT, cameraId: 'CAM-1', driverPresent: true, faceMatchScore: 0.9, driverId: 'D-1' })).toMatchObject({ driverPresent: true, faceMatchScore: 0.9, driverId: 'D-1' });
    expect(parseDeviceRead('voip', { device: 'voip', at: AT, state: 'connected', officerId: 'officer-17' })).toMatchObject({ state: 'connected', officerId: 'officer-17' });
  });

  it.each([
    ['an EPC of the wrong length', 'rfid', { at: AT, epc: '3034257BF719' }, ['epc']],
    ['a non-hex EPC', 'rfid', { at: AT, epc: 'ZZ34257BF7194E4000001A85' }, ['epc']],
    ['a plate from nowhere', 'lpr', { at: AT, plate: { jurisdiction: 'QQ', number: 'AB1' }, confidence: 0.9 }, ['plate.jurisdiction']],
    ['a confidence in percent', 'lpr', { at: AT, plate: { jurisdiction: 'US-MI', number: 'AB1' }, confidence: 97 }, ['confidence']],
    ['a missing plate', 'lpr', { at: AT, confidence: 0.9 }, ['plate']],
    ['a driverPresent that is not a boolean', 'cctv', { at: AT, cameraId: 'C', driverPresent: 'yes' }, ['driverPresent']],
    ['a face score above 1', 'cctv', { at: AT, cameraId: 'C', driverPresent: true, faceMatchScore: 1.2 }, ['faceMatchScore']],
    ['an unknown call state', 'voip', { at: AT, state: 'busy' }, ['state']],
    ['a time without a zone', 'rfid', { at: '2026-11-25T14:30:00', epc: '3034257BF7194E4000001A85' }, ['at']],
    ['a date without a time', 'rfid', { at: '2026-11-25', epc: '3034257BF7194E4000001A85' }, ['at']],
    ['a missing time', 'voip', { state: 'ended' }, ['at']],
    ['a typo in a field name', 'cctv', { at: AT, cameraId: 'C', driverPresent: true, faceMatchscore: 0.9 }, ['faceMatchscore']],
    ['a payload naming another device than its topic', 'rfid', { device: 'lpr', at: AT, epc: '3034257BF7194E4000001A85' }, ['device']],
    ['an unknown device', 'radar', { at: AT }, ['device']],
    ['no device at all', undefined, { at: AT }, ['device']],
    ['an array', 'rfid', [1, 2], ['body']],
  ])('rejects %s, naming the field', (_name, device, payload, fields) => {
    expect(fieldsOf(device, payload)).toEqual(fields);
  });
});

describe('parseTopic', () => {
  it('routes corridor/lanes/{laneId}/{device} and names what is wrong with anything else', () => {
    expect(parseTopic('corridor/lanes/USDET-AMB-01/rfid')).toEqual({ laneId: 'USDET-AMB-01', device: 'rfid' });
    expect(parseTopic('corridor/lanes/USDET-AMB-01/radar')).toEqual({ problem: 'unknown-device' });
    for (const topic of ['corridor/lanes/USDET-AMB-01', 'corridor/lanes/USDET-AMB-01/rfid/extra', 'corridor/lanes//rfid', 'corridor/lanes/lower-case/rfid', 'other/lanes/X1/rfid', '']) {
      expect(parseTopic(topic)).toEqual({ problem: 'bad-topic' });
    }
  });
});

describe('decodePayload', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('accepts a JSON object and names the problem with anything else', () => {
    expect(decodePayload(bytes('{"at":"x"}'))).toEqual({ json: { at: 'x' } });
    expect(decodePayload(bytes('{"at": '))).toEqual({ problem: 'not-json' });
    expect(decodePayload(bytes('[1,2]'))).toEqual({ problem: 'not-an-object' });
    expect(decodePayload(bytes('null'))).toEqual({ problem: 'not-an-object' });
    expect(decodePayload(new Uint8Array([0xff, 0xfe, 0x00, 0x7b]))).toEqual({ problem: 'not-utf8' });
    expect(decodePayload(new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0x20))).toEqual({ problem: 'too-large' });
  });
});
