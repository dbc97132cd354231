import { beforeAll, describe, expect, it } from 'vitest';
import { rocAuc } from '../evaluate/metrics';
import { inferSchema, type RiskSchema, type Table } from '../schema/infer-schema';
import { selectForInspection } from '../selection/select-for-inspection';
import { generateDeclarations } from '../synth/generate-declarations';
import { tableFromRecords } from './prepared-row';
import { createEmptyRiskModel, RiskModel } from './risk-model';
import { trainRiskModel } from './train';

/**
 * An independent toy generator, written apart from the synthetic declarations (other names,
 * day-first dates, codes with dots, 3-letter countries, numeric broker codes): express
 * consignments whose hit probability comes from a consignee propensity, a broker effect,
 * commodity x country hot spots and under-declared values.
 */
function toyConsignments(n: number, seed: number): Table {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const countries = ['USA', 'CHN', 'DEU', 'JPN', 'KOR', 'IND', 'VNM', 'MEX', 'TUR', 'THA', 'GBR', 'FRA'];
  const commodities = Array.from({ length: 60 }, (_, i) => {
    const chapter = String(10 + ((i * 7) % 85)).padStart(2, '0');
    return { code: `${chapter}${String(10 + ((i * 13) % 89))}.${String(10 + ((i * 31) % 80))}`, usdPerKg: Math.exp(1 + gauss()), effect: gauss() * 0.6 };
  });
  const hot = new Set(Array.from({ length: 25 }, (_, i) => `${(i * 17) % 60}:${(i * 5) % countries.length}`));
  const consignees = Array.from({ length: Math.max(40, Math.floor(n / 15)) }, () => (rand() < 0.1 ? 2.2 : gauss() * 0.3));
  const brokers = Array.from({ length: 25 }, () => gauss() * 0.5);
  const header = ['ref', 'lodged_on', 'consignee', 'broker_code', 'ctry_of_origin', 'commodity', 'pieces', 'kg', 'declared_usd', 'freight_usd', 'hit'];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() ** 2 * consignees.length);
    const b = Math.floor(rand() * brokers.length);
    const k = Math.floor(rand() ** 1.5 * countries.length);
    const m = Math.floor(rand() * commodities.length);
    const kg = Math.exp(gauss() + 2);
    const under = rand() < 0.05;
    const value = kg * commodities[m].usdPerKg * Math.exp(gauss() * 0.25) * (under ? 0.25 : 1);
    const logit = -4 + consignees[c] + brokers[b] + commodities[m].effect + (hot.has(`${m}:${k}`) ? 2 : 0) + (under ? 2.5 : 0);
    const hit = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor((i / n) * 300) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    rows.push([`R${i}`, date, `C-${c}`, String(4000 + b), countries[k], commodities[m].code, String(1 + Math.floor(kg / 3)), kg.toFixed(2), value.toFixed(2), (kg * 0.8).toFixed(2), String(hit)]);
  }
  return { header, rows };
}

function split(table: Table, trainShare: number): { train: Table; test: Table } {
  const cut = Math.floor(table.rows.length * trainShare);
  return { train: { header: table.header, rows: table.rows.slice(0, cut) }, test: { header: table.header, rows: table.rows.slice(cut) } };
}

function labelsOf(table: Table, label: string): number[] {
  const c = table.header.indexOf(label);
  return table.rows.map((r) => Number(r[c]));
}

/** The best ROC AUC any single column reaches on the test rows with its smoothed training error rate. */
function bestSingleColumnAuc(train: Table, test: Table, schema: RiskSchema): number {
  const y = labelsOf(train, schema.label);
  const yTest = labelsOf(test, schema.label);
  const g = y.reduce((a, b) => a + b, 0) / y.length;
  let best = 0.5;
  for (const spec of schema.columns) {
    const c = train.header.indexOf(spec.name);
    const stats = new Map<string, [number, number]>();
    train.rows.forEach((r, i) => {
      const s = stats.get(r[c]) ?? [0, 0];
      s[0]++;
      s[1] += y[i];
      stats.set(r[c], s);
    });
    const scores = test.rows.map((r) => {
      const s = stats.get(r[c]) ?? [0, 0];
      return (s[1] + 10 * g) / (s[0] + 10);
    });
    best = Math.max(best, rocAuc(scores, yTest));
  }
  return best;
}

const record = (table: Table, i: number): Record<string, string> => Object.fromEntries(table.header.map((h, j) => [h, table.rows[i][j]]));

describe('the risk model on synthetic declarations', () => {
  const { train, test } = split(generateDeclarations({ rows: 16_000, seed: 11 }), 0.75);
  let schema: RiskSchema;
  let model: RiskModel;
  beforeAll(() => {
    schema = inferSchema(train, { label: 'fraud', id: 'declaration_id', date: 'date', ignore: ['error_type'] });
    model = trainRiskModel(train, schema, { seed: 3 });
  }, 60_000);

  it('ranks later declarations clearly better than the best single column', () => {
    const auc = rocAuc(model.scoreTable(test), labelsOf(test, 'fraud'));
    const baseline = bestSingleColumnAuc(train, test, schema);
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeGreaterThan(baseline + 0.03);
  });

  it('explains a score in plain language, from counts an officer can check, largest weight first', () => {
    const patterns = [
      /^[\w ]+ .+?(?: \(first \d+ digits\))?: \d+ of \d+ past inspections found an error$/,
      /^[\w ]+ .+ with [\w ]+ .+: \d+ of \d+ past inspections found an error$/,
      /^[\w ]+ contains ".+": \d+ of \d+ past inspections found an error$/,
      /^.+ is \d+\.\dx (below|above) the median for .+; \d+ of \d+ past items this far (below|above) had an error$/,
      /^[\w ]+ .+ has used \d+ different [\w ]+ values; \d+ of \d+ past items of such cases had an error$/,
      /^[\w ]+ word ".+" seldom goes with [\w ]+ .+ \(\d+ of \d+ past items with this word\); \d+ of \d+ past items with such a mismatch had an error$/,
    ];
    let explained = 0;
    for (let i = 0; i < 400; i++) {
      const { score, probability, reasons } = model.score(record(test, i));
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
      expect(score).toBeCloseTo(probability / model.baseRate, 10);
      for (let j = 1; j < reasons.length; j++) expect(reasons[j - 1].weight).toBeGreaterThanOrEqual(reasons[j].weight);
      for (const r of reasons) {
        expect(r.weight).toBeGreaterThan(0);
        expect(patterns.some((p) => p.test(r.text))).toBe(true);
      }
      if (reasons.length > 0) explained++;
    }
    expect(explained).toBeGreaterThan(200);
  });

  it('falls back to the parent code level when a code has too little history', () => {
    // The heading (first 4 digits) with the highest error rate, and a national line never seen.
    const hs = train.header.indexOf('hs_code');
    const fraud = train.header.indexOf('fraud');
    const byHeading = new Map<string, [number, number]>();
    for (const row of train.rows) {
      const s = byHeading.get(row[hs].slice(0, 4)) ?? [0, 0];
      s[0]++;
      s[1] += Number(row[fraud]);
      byHeading.set(row[hs].slice(0, 4), s);
    }
    const [heading] = [...byHeading].filter(([, [n]]) => n >= 30).sort((a, b) => b[1][1] / b[1][0] - a[1][1] / a[1][0])[0];
    const item = { ...record(test, 0), hs_code: `${heading}999999` };
    const texts = model.score(item, { reasons: 10 }).reasons.map((r) => r.text);
    expect(texts.some((t) => new RegExp(`^hs_code ${heading}\\d{0,4} \\(first \\d digits\\): \\d+ of \\d+ past inspections found an error$`).test(t))).toBe(true);
  });

  it('gives the same scores after a JSON round trip', () => {
    const copy = RiskModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const a = model.scoreTable({ header: test.header, rows: test.rows.slice(0, 500) });
    const b = copy.scoreTable({ header: test.header, rows: test.rows.slice(0, 500) });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(copy.score(record(test, 7))).toEqual(model.score(record(test, 7)));
  });

  it('trains from records as a service holds them', () => {
    const records = train.rows.slice(0, 3000).map((_, i) => record(train, i));
    const table = tableFromRecords(records);
    expect(table.header).toEqual(train.header);
    const small = trainRiskModel(table, schema, { seed: 2 });
    expect(small.score(record(test, 3)).probability).toBeGreaterThan(0);
  });

  it('learns from one inspection result at a time (observe updates the statistics)', () => {
    const copy = RiskModel.fromJSON(model.toJSON());
    const item = { ...record(test, 0), importer: 'IMP-NEW-1' };
    const before = copy.score(item);
    expect(before.reasons.some((r) => r.text.startsWith('importer IMP-NEW-1'))).toBe(false);
    for (let i = 0; i < 6; i++) copy.observe(item, 1);
    const after = copy.score(item);
    expect(after.reasons.map((r) => r.text)).toContain('importer IMP-NEW-1: 6 of 6 past inspections found an error');
    expect(after.probability).toBeGreaterThan(before.probability);
    copy.observe(item, 0);
    expect(copy.score(item).reasons.map((r) => r.text)).toContain('importer IMP-NEW-1: 6 of 7 past inspections found an error');
    expect(() => copy.observe(item, 2 as 0)).toThrow(/label must be 0 or 1/);
  });

  it('counts the items and declarations lodged together when given the batch', () => {
    const items = test.rows.slice(0, 50).map((_, i) => record(test, i));
    const context = model.batchContext(items);
    expect(context).not.toBeNull();
    const alone = model.score(items[0]).probability;
    const together = model.score(items[0], { context, reasons: 20 });
    expect(Number.isFinite(together.probability)).toBe(true);
    expect(typeof alone).toBe('number');
    // Five parcels of one importer on one day: the batch shows it, and says so.
    const parcel = { ...items[0], importer: 'IMP-SPLIT', declarant: '', transport_mode: 'courier', office: 'EXP01' };
    const day = Array.from({ length: 5 }, (_, i) => ({ ...parcel, declaration_id: `SPLIT-${i}` }));
    const split = model.score(day[0], { context: model.batchContext(day), reasons: 20 });
    expect(split.reasons.map((r) => r.text).join('\n')).toMatch(/lodged 5 (items|different declaration_id values) that day; \d+ of \d+ past items in such cases had an error/);
  });
});

describe('the risk model on an independently written toy generator', () => {
  it('beats the best single column there too, with another layout and other names', () => {
    const { train, test } = split(toyConsignments(12_000, 21), 0.75);
    const schema = inferSchema(train, { label: 'hit', id: 'ref', date: 'lodged_on' });
    expect(schema.columns.find((c) => c.name === 'commodity')).toMatchObject({ kind: 'code', codeLength: 6 });
    const model = trainRiskModel(train, schema, { seed: 1 });
    const auc = rocAuc(model.scoreTable(test), labelsOf(test, 'hit'));
    expect(auc).toBeGreaterThan(bestSingleColumnAuc(train, test, schema) + 0.03);
  }, 60_000);

  it('is deterministic for a given seed', () => {
    const { train } = split(toyConsignments(3000, 5), 1);
    const schema = inferSchema(train, { label: 'hit', id: 'ref', date: 'lodged_on' });
    const a = trainRiskModel(train, schema, { seed: 8 });
    const b = trainRiskModel(train, schema, { seed: 8 });
    expect(JSON.stringify(b.toJSON().gbdt)).toBe(JSON.stringify(a.toJSON().gbdt));
    expect(Array.from(b.scoreTable(train))).toEqual(Array.from(a.scoreTable(train)));
  });
});

describe('a model without history', () => {
  it('selects nothing by risk until inspection results arrive', () => {
    const table = toyConsignments(2000, 9);
    const schema = inferSchema(table, { label: 'hit', id: 'ref', date: 'lodged_on' });
    const model = createEmptyRiskModel(schema);
    const items = table.rows.map((_, i) => ({ id: table.rows[i][0], score: model.score(record(table, i)).score }));
    expect(selectForInspection(items, { redRate: 0.02 }).counts.red).toBe(0);
    for (let i = 0; i < 1500; i++) model.observe(record(table, i), table.rows[i][10] === '1' ? 1 : 0);
    const later = table.rows.slice(1500).map((_, i) => ({ id: table.rows[1500 + i][0], score: model.score(record(table, 1500 + i)).score }));
    expect(selectForInspection(later, { redRate: 0.02 }).counts.red).toBe(10);
  });
});
