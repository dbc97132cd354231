import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { ContainerNumber, iso6346CheckDigit } from './container-number';
import { CountryCode } from './country-code';
import { HsCode } from './hs-code';
import { LicencePlate } from './licence-plate';
import { Mass } from './mass';
import { Money } from './money';
import { RfidEpc } from './rfid-epc';
import { TraderId } from './trader-id';
import { UnLocode } from './un-locode';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('HsCode', () => {
  it('accepts 6 to 10 digits with dots and exposes its hierarchy', () => {
    const code = HsCode.parse('0804.50.10');
    expect(code.digits).toBe('08045010');
    expect(code.levels()).toEqual(['08', '0804', '080450', '08045010']);
  });
  it('explains why a code is rejected', () => {
    expect(errorOf(() => HsCode.parse('08045')).message).toMatch(/6 to 10 digits, has 5/);
    expect(errorOf(() => HsCode.parse('98045011')).message).toMatch(/chapter 98/);
    expect(errorOf(() => HsCode.parse('00045011')).message).toMatch(/chapter 00/);
    expect(errorOf(() => HsCode.parse('08A450')).message).toMatch(/only digits/);
    const wrongType = errorOf(() => HsCode.parse(80450, 'items[0].hsCode'));
    expect(wrongType).toMatchObject({ code: 'HS_CODE.INVALID', field: 'items[0].hsCode' });
    expect(wrongType.message).toMatch(/must be a string, got number/);
  });
});

describe('CountryCode', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes in any case', () => {
    expect(CountryCode.parse('de').code).toBe('DE');
    expect(CountryCode.parse('GE').code).toBe('GE');
  });
  it('rejects unassigned and malformed codes', () => {
    expect(errorOf(() => CountryCode.parse('XX')).message).toMatch(/not an ISO 3166-1/);
    expect(errorOf(() => CountryCode.parse('DEU')).message).toMatch(/two letters/);
  });
});

describe('ContainerNumber', () => {
  it('accepts numbers whose ISO 6346 check digit holds', () => {
    expect(ContainerNumber.parse('CSQU 305438-3').value).toBe('CSQU3054383');
    expect(ContainerNumber.parse('MSKU9070323').value).toBe('MSKU9070323');
  });
  it('computes check digits for owner codes that hit the skipped letter values', () => {
    expect(iso6346CheckDigit('CSQU305438')).toBe(3);
    expect(iso6346CheckDigit('TGHU999999')).toBe(iso6346CheckDigit('TGHU999999'));
  });
  it('names the expected check digit when it is wrong', () => {
    expect(errorOf(() => ContainerNumber.parse('CSQU3054384')).message).toMatch(/ISO 6346 gives 3/);
    expect(errorOf(() => ContainerNumber.parse('CSQX3054383')).message).toMatch(/category letter U, J or Z/);
  });
});

describe('LicencePlate', () => {
  it('normalises the number and keeps the jurisdiction', () => {
    const plate = LicencePlate.parse({ jurisdiction: 'us-mi', number: 'abc 12-34' });
    expect(plate.key()).toBe('US-MI:ABC1234');
    expect(LicencePlate.fromKey('US-MI:ABC1234').equals(plate)).toBe(true);
  });
  it('rejects unknown jurisdictions and bad numbers by field', () => {
    expect(errorOf(() => LicencePlate.parse({ jurisdiction: 'XX-ZZ', number: 'A1' }, 'conveyance.plate')).field).toBe('conveyance.plate.jurisdiction');
    expect(errorOf(() => LicencePlate.parse({ jurisdiction: 'DE', number: 'A$1' })).field).toBe('plate.number');
    expect(errorOf(() => LicencePlate.fromKey('ABC123')).message).toMatch(/JURISDICTION:NUMBER/);
    expect(errorOf(() => LicencePlate.parse(['DE', 'A1'])).message).toMatch(/got an array/);
  });
});

describe('Money', () => {
  it('adds decimal amounts exactly', () => {
    let total = Money.zero('EUR');
    for (let i = 0; i < 10; i++) total = total.add(Money.of('0.1', 'EUR'));
    expect(total.amount).toBe('1.00');
    expect(Money.of('1250.5', 'usd').toJSON()).toEqual({ amount: '1250.50', currency: 'USD' });
    expect(Money.of('1.234', 'KWD').amount).toBe('1.234');
    expect(Money.of('100', 'JPY').amount).toBe('100');
  });
  it('rejects unknown currencies, negative, malformed and huge amounts', () => {
    expect(errorOf(() => Money.of('1', 'ABC')).field).toBe('value.currency');
    expect(errorOf(() => Money.of('-1', 'EUR')).message).toMatch(/negative/);
    expect(errorOf(() => Money.of('1e5', 'EUR')).message).toMatch(/plain decimal/);
    expect(errorOf(() => Money.of('1234567890123456', 'EUR')).message).toMatch(/15 integer digits/);
    expect(errorOf(() => Money.of(Number.POSITIVE_INFINITY, 'EUR')).message).toMatch(/finite/);
    expect(errorOf(() => Money.of('1', 'EUR').add(Money.of('1', 'USD'))).code).toBe('MONEY.CURRENCY_MISMATCH');
  });
  it('compares amounts', () => {
    expect(Money.of('10.00', 'EUR').compare(Money.of('9.99', 'EUR'))).toBe(1);
    expect(Money.of('10', 'EUR').equals(Money.of('10.0000', 'EUR'))).toBe(true);
  });
});

describe('Mass, UN/LOCODE, RFID EPC, trader ids', () => {
  it('accepts valid values', () => {
    expect(Mass.kg(12500.1234).kg).toBe(12500.123);
    expect(UnLocode.parse('us det').value).toBe('USDET');
    expect(RfidEpc.parse('3034257bf7194e4000001a85').hex).toBe('3034257BF7194E4000001A85');
    expect(TraderId.parse('DE123456789012345').country).toBe('DE');
  });
  it('rejects invalid values with the reason', () => {
    expect(errorOf(() => Mass.kg(-1)).message).toMatch(/negative/);
    expect(errorOf(() => Mass.kg(Number.NaN)).message).toMatch(/finite/);
    expect(errorOf(() => Mass.kg(1e12)).message).toMatch(/at most/);
    expect(errorOf(() => UnLocode.parse('XXDET')).message).toMatch(/not an ISO 3166-1/);
    expect(errorOf(() => UnLocode.parse('USDE1')).message).toMatch(/digits 2-9/);
    expect(errorOf(() => RfidEpc.parse('3034257BF7194E40')).message).toMatch(/has 64 bits/);
    expect(errorOf(() => RfidEpc.parse('ZZ34257BF7194E4000001A85')).message).toMatch(/hexadecimal/);
    expect(errorOf(() => TraderId.parse('XX12345')).message).toMatch(/country code/);
  });
});

describe('DomainError.at', () => {
  it('prefixes the field path', () => {
    expect(errorOf(() => HsCode.parse('1')).at('items[0]').field).toBe('items[0].hsCode');
  });
});
