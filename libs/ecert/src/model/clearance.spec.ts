import { describe, expect, it } from 'vitest';
import { SAMPLE_ECOO, SAMPLE_EPHYTO } from '../testing/samples';
import { assessCertificate, convertQuantity, matchCommodity, planDraw, sameSubheading, validityProblem, type CertificateFacts, type DeclarationFacts, type DeclaredGoods } from './clearance';

const coffee: DeclaredGoods = { hsCode: '0901110010', description: 'Green coffee, arabica', origin: 'KE', quantity: 19.2, unit: 'kg', netMassKg: 19.2 };
const ecoo: CertificateFacts = { id: 'C1', type: 'e-coo', data: SAMPLE_ECOO, status: 'valid', issuedAt: '2025-03-01T10:00:00.000Z' };
const declaration = (items: DeclaredGoods[]): DeclarationFacts => ({ id: 'd', type: 'IM', officeOfEntry: 'NLRTM', expectedArrival: '2025-04-01T08:00:00.000Z', items });

describe('certificates in clearance', () => {
  it('matches HS codes at the 6-digit subheading, whatever the national digits', () => {
    expect(sameSubheading('0901.11', '0901110010')).toBe(true);
    expect(sameSubheading('090112', '0901110010')).toBe(false);
    expect(sameSubheading('0901', '0901110010')).toBe(false);
  });

  it('converts declared quantities into the certified unit, or falls back on net mass', () => {
    expect(convertQuantity({ ...coffee, quantity: 2, unit: 'dozen' }, 'H87')).toEqual({ quantity: 24 });
    expect(convertQuantity({ ...coffee, quantity: 3, unit: 'm3' }, 'LTR')).toEqual({ quantity: 3000 });
    expect(convertQuantity({ ...coffee, quantity: 40, unit: 'pcs', netMassKg: 800 }, 'TNE')).toEqual({ quantity: 0.8 });
    expect(convertQuantity({ ...coffee, unit: 'kwh' }, 'H87')).toHaveProperty('problem');
  });

  it('draws an e-CoO line in its unit and flags the draw that goes over it', () => {
    expect(planDraw(coffee, ecoo)).toEqual({ goodsIndex: 0, quantity: 19.2, unit: 'KGM' });
    const facts = declaration([coffee]);
    expect(assessCertificate(facts, 0, 'C1', ecoo, { drawn: 19.2, drawnTotal: 19200 })).toMatchObject({ status: 'ok', goodsIndex: 0 });
    expect(assessCertificate(facts, 0, 'C1', ecoo, { drawn: 19.2, drawnTotal: 19200.5 })).toMatchObject({ status: 'over-use', certified: 19200 });
  });

  it('names unknown, revoked, expired and mismatched certificates', () => {
    const facts = declaration([coffee, { ...coffee, origin: 'ET' }, { ...coffee, hsCode: '0902100000' }]);
    expect(assessCertificate(facts, 0, 'X', undefined, undefined).status).toBe('unknown');
    expect(assessCertificate(facts, 0, 'C1', { ...ecoo, status: 'revoked', revokedAt: '2025-03-02T00:00:00.000Z', revocationReason: 'wrong origin' }, undefined)).toMatchObject({ status: 'revoked', reason: expect.stringContaining('wrong origin') });
    expect(assessCertificate(facts, 0, 'C1', { ...ecoo, keyRevokedAt: '2025-02-01T00:00:00.000Z' }, undefined).status).toBe('revoked');
    expect(assessCertificate(facts, 0, 'C1', { ...ecoo, data: { ...SAMPLE_ECOO, validUntil: '2025-03-31' } }, undefined).status).toBe('expired');
    expect(assessCertificate(facts, 1, 'C1', ecoo, undefined)).toMatchObject({ status: 'mismatch', reason: expect.stringContaining('origin') });
    expect(assessCertificate(facts, 2, 'C1', ecoo, undefined)).toMatchObject({ status: 'mismatch', reason: expect.stringContaining('090210') });
    expect(assessCertificate({ ...facts, officeOfEntry: 'DEHAM' }, 0, 'C1', ecoo, undefined)).toMatchObject({ status: 'mismatch', reason: expect.stringContaining('NL') });
    expect(validityProblem({ ...ecoo, data: { validFrom: '2025-05-01' } }, '2025-04-01T00:00:00Z')).toContain('valid only from');
  });

  it('finds the e-Phyto commodity by HS subheading or by its common or scientific name', () => {
    const phyto: CertificateFacts = { id: 'P1', type: 'e-phyto', data: SAMPLE_EPHYTO, status: 'valid', issuedAt: '2025-03-01T10:00:00.000Z' };
    expect(matchCommodity({ ...coffee, hsCode: '0803901000', description: 'Bananas' }, phyto)).toBe(0);
    expect(matchCommodity({ ...coffee, hsCode: '0804502000', description: 'Fresh mangoes' }, phyto)).toBe(1);
    expect(matchCommodity({ ...coffee, hsCode: '0804502000', description: 'Mangifera indica, frozen' }, phyto)).toBe(1);
    expect(matchCommodity({ ...coffee, hsCode: '0805100000', description: 'Fresh oranges' }, phyto)).toBeUndefined();
  });
});
