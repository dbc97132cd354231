import type { CertificateInput, JsonObject } from '../document/types';

/** Realistic certificate data used by the specs (and handy for manual tries with the CLI). */

export const SAMPLE_ECOO: JsonObject = {
  exporter: { name: 'Kilimo Coffee Exporters Ltd', address: 'Mombasa Road 12, Nairobi', country: 'KE' },
  importer: { name: 'Rotterdam Roasters B.V.', address: 'Koffieweg 5, Rotterdam', country: 'NL' },
  exportCountry: 'KE',
  importCountry: 'NL',
  preferential: true,
  fta: 'EU-EAC EPA',
  goods: [
    { description: 'Green coffee beans, arabica, not roasted', hsCode: '0901.11', quantity: { value: 19200, unit: 'KGM' }, originCountry: 'KE', originCriterion: 'WO' },
    { description: 'Roasted coffee, in bags of 1 kg', hsCode: '090121', quantity: { value: 800, unit: 'KGM' }, originCountry: 'KE', originCriterion: 'CTH' },
  ],
  invoice: { number: 'INV-2025-0042', date: '2025-02-27' },
};

export const SAMPLE_EPHYTO: JsonObject = {
  consignor: { name: 'Fresh Fruits Uganda Ltd', country: 'UG' },
  consignee: { name: 'Frucht Import GmbH', address: 'Hafenstraße 1, Hamburg', country: 'DE' },
  exportCountry: 'UG',
  importCountry: 'DE',
  commodities: [
    { scientificName: 'Musa acuminata', commonName: 'Banana', quantity: { value: 12000, unit: 'KGM' }, hsCode: '080390', countryOfOrigin: 'UG' },
    { scientificName: 'Mangifera indica', commonName: 'Mango', quantity: { value: 3000, unit: 'KGM' } },
  ],
  treatments: [{ type: 'hot water immersion', temperatureCelsius: 46.1, durationHours: 1.5, date: '2025-02-25' }],
  additionalDeclarations: ['The consignment was inspected and found free from Thaumatotibia leucotreta.'],
  pointOfEntry: 'DEHAM',
  meansOfConveyance: 'Vessel MSC Aurora',
  inspectionDate: '2025-02-26',
};

export const SAMPLE_LPCO: JsonObject = {
  category: 'permit',
  title: 'Import permit for controlled precursor chemicals',
  holder: { name: 'Chemtrade Tanzania Ltd', id: 'TIN-100-200-300', country: 'TZ' },
  validFrom: '2025-01-01',
  validUntil: '2025-12-31',
  goods: [{ description: 'Acetic anhydride', hsCode: '291524', quantity: { value: 500, unit: 'LTR' } }],
  conditions: ['Only through the port of Dar es Salaam', 'Quarterly reporting to the regulator'],
};

export function sampleCertificate(overrides: Partial<CertificateInput> = {}): CertificateInput {
  return {
    id: 'ECERT-KE-2025-000123',
    type: 'e-coo',
    issuer: { agencyId: 'KE-KRA' },
    issuedAt: '2025-03-01T10:00:00.000Z',
    data: SAMPLE_ECOO,
    ...overrides,
  };
}
