import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../document/types';
import { SAMPLE_ECOO, SAMPLE_EPHYTO, SAMPLE_LPCO, sampleCertificate } from '../testing/samples';
import { validateCertificateData, validateCertificateInput, validateEcooData, validateEphytoData, validateLpcoData } from './certificate-data';
import { formatFieldErrors, type FieldError } from './field-errors';

const paths = (errors: FieldError[]) => errors.map((e) => e.path);
const edit = (data: JsonObject, change: (d: JsonObject) => void): JsonObject => {
  const copy = structuredClone(data);
  change(copy);
  return copy;
};

describe('certificate data validators', () => {
  it('accept the sample e-CoO, e-Phyto and LPCO', () => {
    expect(validateEcooData(SAMPLE_ECOO)).toEqual([]);
    expect(validateEphytoData(SAMPLE_EPHYTO)).toEqual([]);
    expect(validateLpcoData(SAMPLE_LPCO)).toEqual([]);
    expect(validateCertificateData('e-coo', SAMPLE_ECOO)).toEqual([]);
  });

  describe('e-CoO', () => {
    it('requires exporter, importer (with a name), export country and at least one line of goods', () => {
      const errors = validateEcooData({ importer: {}, goods: [] });
      expect(paths(errors)).toEqual(expect.arrayContaining(['data.exporter', 'data.importer.name', 'data.exportCountry', 'data.goods']));
      expect(errors.find((e) => e.path === 'data.importer.name')?.code).toBe('REQUIRED');
    });

    it('reports goods problems with their index: HS code, quantity, unit, origin country', () => {
      const data = edit(SAMPLE_ECOO, (d) => {
        const goods = d['goods'] as JsonObject[];
        goods[1]['hsCode'] = '9999';
        goods[1]['quantity'] = { value: 0, unit: 'kilograms' };
        goods[1]['originCountry'] = 'XX';
      });
      expect(formatFieldErrors(validateEcooData(data))).toEqual([
        'data.goods[1].hsCode: "9999" must have 6 to 10 digits, has 4',
        'data.goods[1].quantity.value: must be a number greater than 0, got 0',
        'data.goods[1].quantity.unit: must be at most 3 characters, has 9',
        'data.goods[1].quantity.unit: must be a UN/ECE Recommendation 20 unit code such as KGM, LTR or H87',
        'data.goods[1].originCountry: "XX" is not an ISO 3166-1 alpha-2 country code',
      ]);
    });

    it('requires the FTA and an origin criterion per line when preferential, not otherwise', () => {
      const preferential = edit(SAMPLE_ECOO, (d) => {
        delete d['fta'];
        delete (d['goods'] as JsonObject[])[0]['originCriterion'];
      });
      expect(paths(validateEcooData(preferential))).toEqual(['data.fta', 'data.goods[0].originCriterion']);
      const nonPreferential = edit(preferential, (d) => (d['preferential'] = false));
      expect(validateEcooData(nonPreferential)).toEqual([]);
    });

    it('checks types', () => {
      const data = edit(SAMPLE_ECOO, (d) => {
        d['preferential'] = 'yes';
        d['goods'] = { 0: 'x' };
        d['exporter'] = 'ACME';
      });
      expect(paths(validateEcooData(data))).toEqual(['data.exporter', 'data.preferential', 'data.goods']);
    });
  });

  describe('e-Phyto', () => {
    it('requires consignor, consignee, both countries and commodities with scientific names', () => {
      const errors = validateEphytoData({ commodities: [{ commonName: 'Banana', quantity: { value: 1, unit: 'KGM' } }] });
      expect(paths(errors)).toEqual(['data.consignor', 'data.consignee', 'data.exportCountry', 'data.importCountry', 'data.commodities[0].scientificName']);
    });

    it('refuses a scientific name that does not start with a capitalised genus', () => {
      const data = edit(SAMPLE_EPHYTO, (d) => ((d['commodities'] as JsonObject[])[0]['scientificName'] = 'banana'));
      expect(paths(validateEphytoData(data))).toEqual(['data.commodities[0].scientificName']);
      const ok = edit(SAMPLE_EPHYTO, (d) => ((d['commodities'] as JsonObject[])[0]['scientificName'] = 'Citrus spp.'));
      expect(validateEphytoData(ok)).toEqual([]);
    });

    it('checks treatments and additional declarations', () => {
      const data = edit(SAMPLE_EPHYTO, (d) => {
        d['treatments'] = [{ durationHours: -1, date: '2025-13-01' }];
        d['additionalDeclarations'] = ['', 5];
      });
      expect(paths(validateEphytoData(data))).toEqual([
        'data.treatments[0].type',
        'data.treatments[0].durationHours',
        'data.treatments[0].date',
        'data.additionalDeclarations[0]',
        'data.additionalDeclarations[1]',
      ]);
    });
  });

  describe('LPCO', () => {
    it('requires category, title, holder and a validity period in order', () => {
      expect(paths(validateLpcoData({ category: 'voucher', holder: { name: 'x' }, validFrom: '2025-02-01', validUntil: '2025-01-01' }))).toEqual(['data.category', 'data.title', 'data.validUntil']);
    });
  });

  describe('the whole certificate', () => {
    it('checks the envelope and reports data errors with data. paths', () => {
      const errors = validateCertificateInput({ id: ' ', type: 'e-visa', issuer: { agencyId: '' }, issuedAt: '2025-03-01', data: {} });
      expect(paths(errors)).toEqual(['id', 'type', 'issuer.agencyId', 'issuedAt']);
      expect(paths(validateCertificateInput(sampleCertificate({ data: { importer: { name: 'x' } } })))).toContain('data.exporter');
      expect(validateCertificateInput(sampleCertificate())).toEqual([]);
      expect(validateCertificateInput(null)).toEqual([{ path: 'certificate', code: 'TYPE', message: 'must be an object' }]);
    });

    it('refuses values JSON cannot carry, at their path', () => {
      const errors = validateCertificateInput(sampleCertificate({ data: { ...SAMPLE_ECOO, goods: [{ quantity: { value: Infinity } }] } as JsonObject }));
      expect(errors).toEqual([{ path: 'data.goods[0].quantity.value', code: 'JSON.INVALID', message: 'is Infinity, which JSON cannot represent' }]);
    });
  });
});
