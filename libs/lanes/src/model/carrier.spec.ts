import { InvalidFieldsError } from '@corridor/domain';
import { describe, expect, it } from 'vitest';
import { parseCarrierRegistration } from './carrier';
import { demoPort } from './demo-port';
import { expectedKinds, parsePort } from './lane';

function fieldsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof InvalidFieldsError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('parseCarrierRegistration', () => {
  it('normalises transponders and plates and defaults the status to active', () => {
    expect(parseCarrierRegistration({
      name: 'Great Lakes Haulage', programme: 'FAST', traderId: 'ca 555000111',
      transponders: ['3034257bf7194e4000001a85'], plates: [{ jurisdiction: 'ca-on', number: 'AB12 345' }], drivers: [{ id: 'D-1', name: 'Jane Doe' }],
    })).toEqual({
      name: 'Great Lakes Haulage', traderId: 'CA555000111', programme: 'FAST', status: 'active',
      transponders: ['3034257BF7194E4000001A85'], plates: [{ jurisdiction: 'CA-ON', number: 'AB12345', key: 'CA-ON:AB12345' }], drivers: [{ id: 'D-1', name: 'Jane Doe', status: 'active' }],
    });
  });

  it('names every bad field, and a transponder or plate listed twice', () => {
    expect(fieldsOf(() => parseCarrierRegistration({ name: '', programme: 'CTPAT', transponders: ['123', '3034257BF7194E4000001A85', '3034257bf7194e4000001a85'], plates: [{ jurisdiction: 'CA-ON' }] }))).toEqual([
      'name', 'programme', 'transponders[0]', 'transponders[2]', 'plates[0].number',
    ]);
    expect(fieldsOf(() => parseCarrierRegistration({ name: 'X', programme: 'AEO', transponders: [], plates: [] }))).toEqual(['transponders']);
    expect(fieldsOf(() => parseCarrierRegistration({ name: 'X', programme: 'AEO' }))).toEqual(['transponders']);
  });

  it('takes plates or transponders alone, and a driver given by name only', () => {
    expect(parseCarrierRegistration({ name: 'X', programme: 'PIP', plates: [{ jurisdiction: 'US-MI', number: 'ZX 9981' }], drivers: ['Jane Doe'] })).toMatchObject({
      transponders: [], plates: [{ key: 'US-MI:ZX9981' }], drivers: [{ name: 'Jane Doe', status: 'active' }],
    });
  });
});

describe('parsePort', () => {
  it('gives each lane the standard devices and settings unless told otherwise', () => {
    const { port, lanes } = parsePort({ id: 'CAWND', name: 'Windsor', locode: 'CAWND', lanes: [{ id: 'CAWND-01', name: 'FAST 1', type: 'trusted', settings: { passageWindowSeconds: 5 } }] });
    expect(port).toEqual({ id: 'CAWND', name: 'Windsor', locode: 'CAWND' });
    expect(lanes[0]).toMatchObject({ portId: 'CAWND', booth: 'Booth 1', status: 'open', settings: { passageWindowSeconds: 5, faceMatchThreshold: 0.8, plateConfidenceThreshold: 0.85 } });
    expect(lanes[0].devices.map((d) => d.kind)).toEqual(['rfid', 'lpr', 'cctv', 'voip']);
  });

  it('refuses lane ids that could not travel in an MQTT topic, and duplicate lanes', () => {
    expect(fieldsOf(() => parsePort({ id: 'P1', name: 'P', locode: 'USDET', lanes: [{ id: 'lane/+', name: 'x', type: 'trusted' }, { id: 'L-1', name: 'a', type: 'fast' }, { id: 'L-1', name: 'b', type: 'mixed' }] }))).toEqual([
      'lanes[0].id', 'lanes[1].type', 'lanes[2].id',
    ]);
  });
});

describe('the demo port', () => {
  it('is the Ambassador Bridge with eight lanes, three of them trusted with the full kit', () => {
    const { port, lanes } = demoPort();
    expect(port.name).toBe('Ambassador Bridge, Detroit');
    expect(lanes).toHaveLength(8);
    expect(lanes.filter((l) => l.type === 'trusted').map((l) => expectedKinds(l))).toEqual([['rfid', 'lpr', 'cctv'], ['rfid', 'lpr', 'cctv'], ['rfid', 'lpr', 'cctv']]);
    expect(() => parsePort({ ...port, lanes: lanes.map(({ portId: _p, position: _n, ...lane }) => lane) })).not.toThrow();
  });
});
