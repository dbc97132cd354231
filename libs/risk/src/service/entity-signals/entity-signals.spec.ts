import { describe, expect, it } from 'vitest';
import type { PartyContact } from '../facts/declaration-facts';
import { normaliseAddress, normalisePhone, partyContacts } from '../facts/declaration-facts';
import { entitySignals, type PartyHistory } from './entity-signals';

const history = (phones: string[], addresses: string[], firstDeclarationId = 'd0'): PartyHistory => ({ firstDeclarationId, phones: new Set(phones), addresses: new Set(addresses) });
const importer = (phone: string, address = 'a1'): PartyContact => ({ role: 'importer', partyId: 'US123', phone, address });

describe('party signals', () => {
  it('counts the phones an importer used, the current declaration included', () => {
    const histories = new Map([['US123', history(['+1', '+2', '+3', '+4', '+5'], ['a1'])]]);
    const signals = entitySignals('d9', [importer('+6')], histories);
    expect(signals).toEqual([expect.objectContaining({ kind: 'phones', partyId: 'US123', count: 6, text: 'importer US123 used 6 phone numbers in 90 days' })]);
    expect(signals[0].weight).toBeGreaterThan(0);
  });

  it('flags many addresses, and weighs more distinct values more', () => {
    const few = entitySignals('d9', [importer('+1', 'a3')], new Map([['US123', history(['+1'], ['a1', 'a2'])]]));
    const many = entitySignals('d9', [importer('+1', 'a9')], new Map([['US123', history(['+1'], ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'])]]));
    expect(few).toEqual([expect.objectContaining({ kind: 'addresses', count: 3, text: 'importer US123 used 3 addresses in 90 days' })]);
    expect(many[0].weight).toBeGreaterThan(few[0].weight);
  });

  it('says nothing of a party with one phone and one address, seen before', () => {
    expect(entitySignals('d9', [importer('+1')], new Map([['US123', history(['+1'], ['a1'])]]))).toEqual([]);
  });

  it('flags a first-time importer or exporter, not a broker, and not on a re-score of its first declaration', () => {
    const contacts: PartyContact[] = [importer('+1'), { role: 'declarant', partyId: 'US999', phone: '+9' }, { role: 'exporter', partyId: 'CA777' }];
    const first = entitySignals('d1', contacts, new Map());
    expect(first.map((s) => `${s.kind}:${s.partyId}`)).toEqual(['first-time:US123', 'first-time:CA777']);
    expect(first[0].text).toBe('importer US123 appears for the first time');
    expect(entitySignals('d1', [importer('+1')], new Map([['US123', history(['+1'], ['a1'], 'd1')]]))).toHaveLength(1);
    expect(entitySignals('d2', [importer('+1')], new Map([['US123', history(['+1'], ['a1'], 'd1')]]))).toHaveLength(0);
  });

  it('reads one phone however it is written, one address whatever its case', () => {
    expect(normalisePhone('+1 (313) 555-0100')).toBe(normalisePhone('+1 313 555 0100'));
    expect(normaliseAddress({ street: '4500 Michigan Ave.', city: 'DETROIT', postcode: '48210', country: 'us' })).toBe(normaliseAddress({ street: '4500 michigan ave', city: 'Detroit', postcode: '48210', country: 'US' }));
    const contacts = partyContacts({
      type: 'IM', declarant: { id: 'US1', name: 'B', address: { city: 'X', country: 'US' } }, importer: { id: 'US2', name: 'I', address: { city: 'Y', country: 'US' }, phone: '+1 2' },
      officeOfEntry: 'USDET', expectedArrival: '2026-11-25T00:00:00.000Z', conveyance: { mode: 'rail' }, items: [],
    });
    expect(contacts.map((c) => c.role)).toEqual(['importer', 'declarant']);
    expect(contacts[0]).toMatchObject({ partyId: 'US2', phone: '+12' });
  });
});
