import { agencyIdProblem, idProblem, issuedAtProblem, isRecord, keyIdProblem, typeProblem } from '../document/envelope';
import { plainJsonProblem } from '../document/canonical-json';
import { isCertificateType, type CertificateType } from '../document/types';
import { ErrorCollector, type FieldError } from './field-errors';
import { array, country, date, hsCode, object, optionalBoolean, party, quantity, text, textList } from './rules';

/**
 * Validators for the `data` of the three certificate types. Deliberately simple: required
 * members, types, code lists (ISO 3166-1, HS, UN/ECE Rec 20 units) and a few cross-field rules.
 * Unknown members are allowed. Errors carry display paths such as `data.goods[0].hsCode`.
 */

/**
 * Electronic certificate of origin (e-CoO):
 * exporter {name, address?, country?}, importer {name, ...}, exportCountry, importCountry?,
 * preferential?, fta (required when preferential), goods [{description, hsCode, quantity
 * {value, unit}, originCountry, originCriterion (required when preferential)}], invoice?
 * {number, date}.
 */
export function validateEcooData(data: unknown): FieldError[] {
  const c = new ErrorCollector();
  const d = object(c, data, []);
  if (!d) return c.errors;
  party(c, d['exporter'], ['exporter']);
  party(c, d['importer'], ['importer']);
  country(c, d['exportCountry'], ['exportCountry']);
  country(c, d['importCountry'], ['importCountry'], false);
  const preferential = optionalBoolean(c, d['preferential'], ['preferential']) === true;
  text(c, d['fta'], ['fta'], { required: preferential, max: 100 });
  const goods = array(c, d['goods'], ['goods'], { min: 1 });
  goods?.forEach((item, i) => {
    const g = object(c, item, ['goods', i]);
    if (!g) return;
    text(c, g['description'], ['goods', i, 'description'], { max: 1000 });
    hsCode(c, g['hsCode'], ['goods', i, 'hsCode']);
    quantity(c, g['quantity'], ['goods', i, 'quantity']);
    country(c, g['originCountry'], ['goods', i, 'originCountry']);
    text(c, g['originCriterion'], ['goods', i, 'originCriterion'], {
      required: preferential,
      max: 40,
      pattern: /^[A-Za-z0-9][A-Za-z0-9 %.,+/()-]*$/,
      patternHint: 'must be an origin criterion code such as WO, PE, CTH, CTSH or RVC 40%',
    });
  });
  const invoice = object(c, d['invoice'], ['invoice'], false);
  if (invoice) {
    text(c, invoice['number'], ['invoice', 'number'], { max: 100 });
    date(c, invoice['date'], ['invoice', 'date'], false);
  }
  return c.errors;
}

/**
 * Electronic phytosanitary certificate (e-Phyto), after the UN/CEFACT SPS certificate concepts:
 * consignor, consignee, exportCountry, importCountry, commodities [{scientificName,
 * commonName?, description?, quantity, hsCode?, countryOfOrigin?}], treatments? [{type,
 * chemical?, concentration?, durationHours?, temperatureCelsius?, date?}],
 * additionalDeclarations? [text], pointOfEntry?, meansOfConveyance?, inspectionDate?.
 */
export function validateEphytoData(data: unknown): FieldError[] {
  const c = new ErrorCollector();
  const d = object(c, data, []);
  if (!d) return c.errors;
  party(c, d['consignor'], ['consignor']);
  party(c, d['consignee'], ['consignee']);
  country(c, d['exportCountry'], ['exportCountry']);
  country(c, d['importCountry'], ['importCountry']);
  const commodities = array(c, d['commodities'], ['commodities'], { min: 1 });
  commodities?.forEach((item, i) => {
    const k = object(c, item, ['commodities', i]);
    if (!k) return;
    text(c, k['scientificName'], ['commodities', i, 'scientificName'], {
      max: 200,
      pattern: /^[A-Z][a-z]+(?:[ \u00d7].+)?$/,
      patternHint: 'must be a scientific (botanical) name starting with a capitalised genus, such as "Musa acuminata" or "Citrus spp."',
    });
    text(c, k['commonName'], ['commodities', i, 'commonName'], { required: false, max: 200 });
    text(c, k['description'], ['commodities', i, 'description'], { required: false, max: 1000 });
    quantity(c, k['quantity'], ['commodities', i, 'quantity']);
    hsCode(c, k['hsCode'], ['commodities', i, 'hsCode'], false);
    country(c, k['countryOfOrigin'], ['commodities', i, 'countryOfOrigin'], false);
  });
  const treatments = array(c, d['treatments'], ['treatments'], { required: false });
  treatments?.forEach((item, i) => {
    const t = object(c, item, ['treatments', i]);
    if (!t) return;
    text(c, t['type'], ['treatments', i, 'type'], { max: 100 });
    text(c, t['chemical'], ['treatments', i, 'chemical'], { required: false, max: 200 });
    text(c, t['concentration'], ['treatments', i, 'concentration'], { required: false, max: 100 });
    for (const key of ['durationHours', 'temperatureCelsius']) {
      const value = t[key];
      if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value) || (key === 'durationHours' && value <= 0))) {
        c.add(['treatments', i, key], 'NUMBER.INVALID', key === 'durationHours' ? 'must be a number of hours greater than 0' : 'must be a number');
      }
    }
    date(c, t['date'], ['treatments', i, 'date'], false);
  });
  textList(c, d['additionalDeclarations'], ['additionalDeclarations']);
  text(c, d['pointOfEntry'], ['pointOfEntry'], { required: false, max: 200 });
  text(c, d['meansOfConveyance'], ['meansOfConveyance'], { required: false, max: 200 });
  date(c, d['inspectionDate'], ['inspectionDate'], false);
  return c.errors;
}

export const LPCO_CATEGORIES = ['licence', 'permit', 'certificate', 'other'] as const;

/**
 * Generic licence, permit, certificate or other (LPCO): category, title, holder {name, ...},
 * validFrom, validUntil (not before validFrom), goods? [{description, hsCode?, quantity?}],
 * conditions? [text].
 */
export function validateLpcoData(data: unknown): FieldError[] {
  const c = new ErrorCollector();
  const d = object(c, data, []);
  if (!d) return c.errors;
  const category = d['category'];
  if (typeof category !== 'string' || !(LPCO_CATEGORIES as readonly string[]).includes(category)) {
    c.add(['category'], category === undefined ? 'REQUIRED' : 'ENUM', `must be one of ${LPCO_CATEGORIES.join(', ')}`);
  }
  text(c, d['title'], ['title'], { max: 300 });
  party(c, d['holder'], ['holder']);
  const from = date(c, d['validFrom'], ['validFrom']);
  const until = date(c, d['validUntil'], ['validUntil']);
  if (from && until && until < from) c.add(['validUntil'], 'DATE.RANGE', `must not be before validFrom (${from})`);
  const goods = array(c, d['goods'], ['goods'], { required: false });
  goods?.forEach((item, i) => {
    const g = object(c, item, ['goods', i]);
    if (!g) return;
    text(c, g['description'], ['goods', i, 'description'], { max: 1000 });
    hsCode(c, g['hsCode'], ['goods', i, 'hsCode'], false);
    quantity(c, g['quantity'], ['goods', i, 'quantity'], false);
  });
  textList(c, d['conditions'], ['conditions']);
  return c.errors;
}

const DATA_VALIDATORS: Record<CertificateType, (data: unknown) => FieldError[]> = {
  'e-coo': validateEcooData,
  'e-phyto': validateEphytoData,
  lpco: validateLpcoData,
};

export function validateCertificateData(type: CertificateType, data: unknown): FieldError[] {
  return DATA_VALIDATORS[type](data);
}

/**
 * Validates a certificate to issue: envelope (id, type, issuer.agencyId, issuer.keyId when
 * given, issuedAt when given as a string), that `data` is plain JSON, then the type's data rules.
 */
export function validateCertificateInput(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(input)) return [{ path: 'certificate', code: 'TYPE', message: 'must be an object' }];
  const envelope: [string, string | undefined][] = [
    ['id', idProblem(input['id'])],
    ['type', typeProblem(input['type'])],
  ];
  const issuer = input['issuer'];
  if (!isRecord(issuer)) envelope.push(['issuer', 'issuer must be an object {agencyId, keyId?}']);
  else {
    envelope.push(['issuer.agencyId', agencyIdProblem(issuer['agencyId'])]);
    if (issuer['keyId'] !== undefined) envelope.push(['issuer.keyId', keyIdProblem(issuer['keyId'])]);
  }
  const issuedAt = input['issuedAt'];
  if (issuedAt !== undefined && !(issuedAt instanceof Date)) envelope.push(['issuedAt', issuedAtProblem(issuedAt)]);
  if (issuedAt instanceof Date && Number.isNaN(issuedAt.getTime())) envelope.push(['issuedAt', 'issuedAt is an invalid Date']);
  for (const [path, problem] of envelope) if (problem) errors.push({ path, code: 'ENVELOPE.INVALID', message: problem.replace(/^[\w.]+ /, '') });

  const data = input['data'];
  if (!isRecord(data)) {
    errors.push({ path: 'data', code: 'TYPE', message: 'must be an object' });
    return errors;
  }
  const notJson = plainJsonProblem(data, 'data');
  if (notJson) {
    errors.push({ path: notJson.split(' ')[0], code: 'JSON.INVALID', message: notJson.slice(notJson.indexOf(' ') + 1) });
    return errors;
  }
  if (isCertificateType(input['type'])) errors.push(...validateCertificateData(input['type'], data));
  return errors;
}
