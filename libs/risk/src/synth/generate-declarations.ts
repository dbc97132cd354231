import { cumulative, Rng, zipfWeights } from '../shared/rng';
import { CHAPTERS, CITIES, ORIGINS, QUALIFIERS, STREETS, type ChapterSpec, type HeadingSpec } from './catalogue';

/**
 * Synthetic import declarations, one goods item per row, with planted error patterns.
 *
 * Columns: declaration_id, item_no, date (YYYY-MM-DD), office, declarant, importer,
 * importer_phone, importer_address, exporter, origin (ISO alpha-2), hs_code (10 digits, kept as
 * text so chapters 01-09 keep their leading zero), description, quantity, unit, gross_mass_kg,
 * net_mass_kg, customs_value (USD), currency (of the invoice), duty_paid (USD), incoterm,
 * transport_mode, fraud (0/1: an inspection found an error) and error_type (what it found;
 * empty when fraud is 0). fraud and error_type are inspection results: never features.
 *
 * Planted patterns (what a good model should find; roughly 5% of items carry a label of 1):
 * 1. Misclassification clusters: about a dozen (true heading, origin) cells where 35% of items
 *    are declared under one cheaper code of the same chapter. The declared code from that
 *    origin then has a high error rate (SISAM's "HS code 0804.50 with origin XX" pattern);
 *    most such items keep a description of the true goods (description x code mismatch).
 * 2. Undervaluation rings: groups of 3-6 importers that share an address (and often a phone),
 *    active for a window of months; while active, 55% of their items are invoiced at 15-45%
 *    of the normal value per kg (EU PROFILE's reference-price pattern).
 * 3. Split shipments: a few importers split a consignment into 2-6 one-item courier or postal
 *    declarations on the same day, each just under the 1000 USD de minimis threshold (Korea).
 *    Legitimate small parcels exist too, across the whole value range.
 * 4. Many-phone importers: about 2.5% of importers use 4-25 phone numbers and 3-20 addresses;
 *    25% of their items carry an error (undervaluation, description or origin).
 * 5. Broker x office: three declarant/office combinations with a 15% error rate.
 * 6. Transshipment: steel (72, 7304, 7318) and solar panels (8541) sent by some exporters in
 *    VN, MY and TH are 40% origin errors.
 * Noise: 1.2% background errors on any item; inspections miss 15% of true errors (label 0) and
 * report a false error on 0.3% of clean items; prices vary log-normally by goods, importer
 * and origin; importers enter and leave the market over the two years (new importers in the
 * later months); about 1-2% of phones, exporters and net masses are missing.
 * The same seed always gives the same rows.
 */
export interface SynthOptions {
  readonly rows: number;
  readonly seed: number;
  /** First day, ISO date. Default 2023-01-01. */
  readonly start?: string;
  /** Number of days covered. Default 730. */
  readonly days?: number;
}

export const SYNTH_HEADER = [
  'declaration_id', 'item_no', 'date', 'office', 'declarant', 'importer', 'importer_phone', 'importer_address', 'exporter',
  'origin', 'hs_code', 'description', 'quantity', 'unit', 'gross_mass_kg', 'net_mass_kg', 'customs_value', 'currency',
  'duty_paid', 'incoterm', 'transport_mode', 'fraud', 'error_type',
] as const;

export const DE_MINIMIS_USD = 1000;

interface Hs6 {
  readonly code6: string;
  readonly chapter: ChapterSpec;
  readonly heading: HeadingSpec;
  readonly lines: string[];
  readonly usdPerKg: number;
  readonly kgPerUnit: number;
  readonly duty: number;
}

interface Exporter {
  readonly id: string;
  readonly origin: string;
  readonly transshipper: boolean;
}

interface Importer {
  readonly id: string;
  phones: string[];
  addresses: string[];
  readonly start: number;
  readonly end: number;
  readonly pool: Hs6[];
  readonly poolCum: number[];
  readonly suppliers: Exporter[];
  readonly office: number;
  readonly declarant: number;
  readonly priceFactor: number;
  kind: 'normal' | 'many-phones' | 'splitter';
  ring: Ring | null;
}

interface Ring {
  readonly start: number;
  readonly end: number;
  readonly address: string;
  readonly phone: string;
}

interface Office {
  readonly code: string;
  readonly mode: string;
  readonly weight: number;
  declarants: number[];
}

interface MisclassificationCell {
  readonly trueHeading: string;
  readonly origin: string;
  readonly declared: Hs6;
}

const OFFICES: readonly Omit<Office, 'declarants'>[] = [
  { code: 'SEA01', mode: 'sea', weight: 30 }, { code: 'SEA02', mode: 'sea', weight: 18 }, { code: 'SEA03', mode: 'sea', weight: 8 },
  { code: 'AIR01', mode: 'air', weight: 12 }, { code: 'AIR02', mode: 'air', weight: 5 }, { code: 'LND01', mode: 'road', weight: 10 },
  { code: 'LND02', mode: 'road', weight: 6 }, { code: 'RAIL1', mode: 'rail', weight: 2 },
];
const COURIER_OFFICES: readonly { code: string; mode: string }[] = [{ code: 'EXP01', mode: 'courier' }, { code: 'PST01', mode: 'post' }];
const INCOTERMS = ['FOB', 'CIF', 'EXW', 'CFR', 'DAP', 'DDP', 'FCA'];
const INCOTERM_CUM = cumulative([40, 28, 10, 6, 8, 3, 5]);
const SPLIT_CHAPTERS = new Set(['33', '61', '62', '64', '85', '95', '71']);
const PREFERENTIAL = new Set(['AR', 'CL', 'PE']);
const TRANSSHIPMENT_HUBS = new Set(['VN', 'MY', 'TH']);

function isTransshipmentGoods(code6: string): boolean {
  return code6.startsWith('72') || code6.startsWith('7304') || code6.startsWith('7318') || code6.startsWith('8541');
}

function isoDate(startMs: number, day: number): string {
  return new Date(startMs + day * 86_400_000).toISOString().slice(0, 10);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function buildTariff(rng: Rng): { hs6: Hs6[]; cum: number[] } {
  const hs6: Hs6[] = [];
  const weights: number[] = [];
  for (const chapter of CHAPTERS) {
    const headingWeights = chapter.headings.map(() => rng.logNormal(0, 0.6));
    const headingTotal = headingWeights.reduce((a, b) => a + b, 0);
    chapter.headings.forEach((heading, hi) => {
      const subs = rng.shuffle(['10', '20', '30', '40', '50', '90']).slice(0, rng.int(2, 4)).sort();
      const subWeights = subs.map(() => rng.logNormal(0, 0.7));
      const subTotal = subWeights.reduce((a, b) => a + b, 0);
      subs.forEach((sub, si) => {
        const code6 = heading.code + sub;
        const lines = rng.shuffle(['0000', '1000', '2000', '9000', '1100', '1900']).slice(0, rng.int(1, 3)).sort().map((s) => code6 + s);
        const duty = Math.max(0, heading.duty + (rng.chance(0.25) ? rng.pick([-4, -2, 2, 4]) : 0));
        hs6.push({ code6, chapter, heading, lines, usdPerKg: chapter.usdPerKg * rng.logNormal(0, 0.5), kgPerUnit: chapter.kgPerUnit * rng.logNormal(0, 0.4), duty });
        weights.push((chapter.weight * headingWeights[hi] * subWeights[si]) / (headingTotal * subTotal));
      });
    });
  }
  return { hs6, cum: cumulative(weights) };
}

function phoneNumber(rng: Rng): string {
  return `+55 ${rng.pick(['11', '13', '19', '21', '41', '47', '51', '71', '81', '92'])} 9${pad(rng.int(0, 9999), 4)}-${pad(rng.int(0, 9999), 4)}`;
}

function address(rng: Rng): string {
  return `${rng.int(1, 2999)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`;
}

/** Generates the rows (as CSV text fields) and the header. Deterministic for a given seed. */
export function generateDeclarations(options: SynthOptions): { header: string[]; rows: string[][] } {
  const n = Math.floor(options.rows);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`rows must be a non-negative integer, got ${options.rows}`);
  const rng = new Rng(options.seed);
  const days = options.days ?? 730;
  const startMs = Date.parse(`${options.start ?? '2023-01-01'}T00:00:00Z`);
  const { hs6: tariff, cum: tariffCum } = buildTariff(rng);
  const byChapter = new Map<string, Hs6[]>();
  for (const item of tariff) byChapter.set(item.chapter.code, [...(byChapter.get(item.chapter.code) ?? []), item]);

  const originCum = cumulative(ORIGINS.map((o) => o.weight));
  const currencyOf = new Map(ORIGINS.map((o) => [o.code, o.currency]));
  const originPrice = new Map(ORIGINS.map((o) => [o.code, rng.logNormal(0, 0.15)]));

  // Exporters, each in one country; some in transshipment hubs relabel steel and solar panels.
  const exporterCount = Math.max(80, Math.round(n / 45));
  const exporters: Exporter[] = [];
  for (let i = 0; i < exporterCount; i++) {
    const origin = ORIGINS[rng.weighted(originCum)].code;
    exporters.push({ id: `EXP-${origin}-${pad(i + 1, 5)}`, origin, transshipper: TRANSSHIPMENT_HUBS.has(origin) && rng.chance(0.3) });
  }

  // Offices and their declarants (customs brokers).
  const offices: Office[] = OFFICES.map((o) => ({ ...o, declarants: [] }));
  const officeCum = cumulative(offices.map((o) => o.weight));
  const declarantCount = Math.max(30, Math.round(n / 700));
  const declarantIds: string[] = [];
  for (let i = 0; i < declarantCount; i++) {
    declarantIds.push(`DCL${pad(1000 + i * 7, 4)}`);
    offices[rng.weighted(officeCum)].declarants.push(i);
    if (rng.chance(0.3)) offices[rng.weighted(officeCum)].declarants.push(i);
  }
  for (const office of offices) if (office.declarants.length === 0) office.declarants.push(rng.int(0, declarantCount - 1));
  const riskyBrokers = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const oi = rng.weighted(officeCum);
    riskyBrokers.add(`${rng.pick(offices[oi].declarants)}|${oi}`);
  }

  // Importers: Zipf activity, a goods pool from one to three chapters, suppliers, an office.
  const importerCount = Math.max(150, Math.round(n / 35));
  const chapterCum = cumulative(CHAPTERS.map((c) => c.weight));
  const importers: Importer[] = [];
  const usedIds = new Set<string>();
  for (let i = 0; i < importerCount; i++) {
    let id: string;
    do id = `IMP${pad(rng.int(0, 999_999), 6)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    const chapters = new Set<string>();
    const chapterTotal = rng.int(1, 3);
    while (chapters.size < chapterTotal) chapters.add(CHAPTERS[rng.weighted(chapterCum)].code);
    const candidates = [...chapters].flatMap((c) => byChapter.get(c) ?? []);
    const pool = rng.shuffle([...candidates]).slice(0, rng.int(2, 10));
    const suppliers: Exporter[] = [];
    const supplierTotal = rng.int(1, 5);
    for (let s = 0; s < supplierTotal; s++) suppliers.push(rng.pick(exporters));
    const office = rng.weighted(officeCum);
    const start = rng.chance(0.65) ? 0 : rng.int(0, days - 30);
    const end = rng.chance(0.85) ? days : rng.int(Math.min(days, start + 60), days);
    importers.push({
      id, phones: [phoneNumber(rng)], addresses: [address(rng)], start, end, pool, poolCum: cumulative(pool.map(() => rng.logNormal(0, 1))),
      suppliers, office, declarant: rng.pick(offices[office].declarants), priceFactor: rng.logNormal(0, 0.15), kind: 'normal', ring: null,
    });
  }
  const importerCum = cumulative(zipfWeights(importerCount, 0.85).map((w, i) => w * (0.5 + ((i * 7919) % 100) / 100)));
  // Shuffle which importers are big so that special kinds are spread across sizes.
  const order = rng.shuffle(importers.map((_, i) => i));
  let cursor = 0;
  const take = (count: number): Importer[] => order.slice(cursor, (cursor += count)).map((i) => importers[i]);

  for (const importer of take(Math.max(3, Math.round(importerCount * 0.025)))) {
    importer.kind = 'many-phones';
    const phoneTotal = rng.int(4, 25);
    const addressTotal = rng.int(3, 20);
    importer.phones = Array.from({ length: phoneTotal }, () => phoneNumber(rng));
    importer.addresses = Array.from({ length: addressTotal }, () => address(rng));
  }
  for (const importer of take(Math.max(2, Math.round(importerCount * 0.01)))) importer.kind = 'splitter';
  const ringTotal = Math.max(2, Math.round(n / 15_000) + 2);
  for (let r = 0; r < ringTotal; r++) {
    const start = rng.int(0, Math.floor(days * 0.55));
    const ring: Ring = { start, end: Math.min(days, start + rng.int(240, 500)), address: address(rng), phone: phoneNumber(rng) };
    for (const importer of take(rng.int(3, 6))) importer.ring = ring;
  }

  // Misclassification cells: goods of a dutiable heading from one origin, declared under a
  // cheaper code of the same chapter.
  const cells: MisclassificationCell[] = [];
  const cellKeys = new Set<string>();
  for (let attempts = 0; cells.length < 12 && attempts < 500; attempts++) {
    const item = tariff[rng.weighted(tariffCum)];
    const cheaper = (byChapter.get(item.chapter.code) ?? []).filter((o) => o.heading.code !== item.heading.code && o.duty < item.duty);
    if (cheaper.length === 0) continue;
    const origin = ORIGINS[rng.weighted(originCum)].code;
    const key = `${item.heading.code}|${origin}`;
    if (cellKeys.has(key)) continue;
    cellKeys.add(key);
    cells.push({ trueHeading: item.heading.code, origin, declared: rng.pick(cheaper) });
  }
  const cellOf = new Map(cells.map((c) => [`${c.trueHeading}|${c.origin}`, c]));

  const rows: string[][] = [];
  let declarationSeq = 0;

  const pickImporter = (day: number): Importer => {
    for (let tries = 0; tries < 30; tries++) {
      const imp = importers[rng.weighted(importerCum)];
      if (imp.start <= day && day <= imp.end) return imp;
    }
    return importers[rng.weighted(importerCum)];
  };

  const emit = (fields: {
    decl: string; item: number; day: number; office: string; mode: string; declarant: string; importer: Importer; exporter: Exporter | null;
    origin: string; goods: Hs6; declared: Hs6; description: string; value: number; netKg: number; quantity: number; incoterm: string;
    error: string; phone: string; addr: string; courier: boolean;
  }): void => {
    const f = fields;
    const label = f.error !== '' ? (rng.chance(0.85) ? 1 : 0) : rng.chance(0.003) ? 1 : 0;
    const errorType = label === 1 ? (f.error !== '' ? f.error : 'other') : '';
    const line = rng.pick(f.declared.lines);
    const dutiable = !(f.courier && f.value < DE_MINIMIS_USD) && !PREFERENTIAL.has(f.origin);
    const duty = dutiable ? (f.value * f.declared.duty) / 100 : 0;
    const gross = f.netKg * (1.02 + rng.next() * 0.2);
    const unit = f.declared.chapter.unit;
    const missingNet = rng.chance(0.006);
    rows.push([
      f.decl, String(f.item), isoDate(startMs, f.day), f.office, f.declarant, f.importer.id, rng.chance(0.015) ? '' : f.phone, f.addr,
      f.exporter === null || rng.chance(0.01) ? '' : f.exporter.id, f.origin, line, f.description,
      unit === 'kg' ? f.netKg.toFixed(1) : String(f.quantity), unit, gross.toFixed(1), missingNet ? '' : f.netKg.toFixed(1),
      f.value.toFixed(2), currencyOf.get(f.origin) ?? 'USD', duty.toFixed(2), f.incoterm, f.mode, String(label), errorType,
    ]);
  };

  const describe = (goods: Hs6): string => {
    const noun = rng.pick(goods.heading.goods);
    return rng.chance(0.45) ? `${noun}, ${rng.pick(QUALIFIERS)}` : noun;
  };

  while (rows.length < n) {
    // Days advance with the rows written, so the file is in date order and covers the period.
    const day = Math.min(days - 1, Math.floor(((rows.length + rng.next()) / n) * days));
    const importer = pickImporter(day);
    const phoneOf = (): string => (importer.ring !== null && rng.chance(0.5) ? importer.ring.phone : rng.pick(importer.phones));
    const addrOf = (): string => (importer.ring !== null && rng.chance(0.7) ? importer.ring.address : rng.pick(importer.addresses));

    // Courier and postal consignments: split shipments by splitters, small parcels by anyone.
    const splitting = importer.kind === 'splitter' && rng.chance(0.4);
    if (splitting || rng.chance(0.06)) {
      const courier = rng.pick(COURIER_OFFICES);
      const parcels = splitting ? rng.int(2, 6) : 1;
      const smallGoods = importer.pool.filter((g) => SPLIT_CHAPTERS.has(g.chapter.code));
      for (let p = 0; p < parcels && rows.length < n; p++) {
        const goods = smallGoods.length > 0 ? rng.pick(smallGoods) : tariff[rng.weighted(tariffCum)];
        const value = splitting ? 700 + rng.next() * 299 : Math.min(20_000, rng.logNormal(Math.log(600), 1.1));
        const netKg = Math.max(0.1, (value / goods.usdPerKg) * rng.logNormal(0, 0.3));
        const quantity = Math.max(1, Math.round(netKg / goods.kgPerUnit));
        const exporter = rng.pick(importer.suppliers);
        const error = splitting && rng.chance(0.75) ? 'split_shipment' : rng.chance(0.012) ? 'valuation' : '';
        emit({
          decl: `D${isoDate(startMs, day).slice(0, 4)}${pad(++declarationSeq, 7)}`, item: 1, day, office: courier.code, mode: courier.mode,
          declarant: '', importer, exporter, origin: exporter.origin, goods, declared: goods, description: describe(goods), value, netKg,
          quantity, incoterm: 'DAP', error, phone: phoneOf(), addr: addrOf(), courier: true,
        });
      }
      continue;
    }

    const officeIndex = rng.chance(0.9) ? importer.office : rng.weighted(officeCum);
    const office = offices[officeIndex];
    const declarantIndex = officeIndex === importer.office && rng.chance(0.9) ? importer.declarant : rng.pick(office.declarants);
    const riskyBroker = riskyBrokers.has(`${declarantIndex}|${officeIndex}`);
    const exporter = rng.pick(importer.suppliers);
    const origin = exporter.origin;
    const incoterm = INCOTERMS[rng.weighted(INCOTERM_CUM)];
    const itemTotal = Math.min(12, 1 + Math.floor(-Math.log(1 - rng.next()) * 0.9));
    const ringActive = importer.ring !== null && importer.ring.start <= day && day <= importer.ring.end;
    const declId = `D${isoDate(startMs, day).slice(0, 4)}${pad(++declarationSeq, 7)}`;
    const phone = phoneOf();
    const addr = addrOf();
    for (let it = 1; it <= itemTotal && rows.length < n; it++) {
      const goods = importer.pool[rng.weighted(importer.poolCum)];
      const unit = goods.chapter.unit;
      let quantity: number;
      let netKg: number;
      if (unit === 'kg') {
        netKg = rng.logNormal(Math.log(2500), 1.3);
        quantity = netKg;
      } else {
        quantity = Math.max(1, Math.round(rng.logNormal(Math.log(60), 1.3)));
        netKg = quantity * goods.kgPerUnit * rng.logNormal(0, 0.2);
      }
      let value = netKg * goods.usdPerKg * rng.logNormal(0, 0.3) * importer.priceFactor * (originPrice.get(origin) ?? 1);
      let declared = goods;
      let description = describe(goods);
      let error = '';

      const cell = cellOf.get(`${goods.heading.code}|${origin}`);
      if (cell !== undefined && rng.chance(0.35)) {
        declared = cell.declared;
        if (rng.chance(0.4)) description = describe(declared);
        error = 'misclassification';
      } else if (ringActive && rng.chance(0.55)) {
        value *= 0.15 + rng.next() * 0.3;
        error = 'undervaluation';
      } else if (importer.kind === 'many-phones' && rng.chance(0.25)) {
        const kind = rng.next();
        if (kind < 0.5) {
          value *= 0.2 + rng.next() * 0.3;
          error = 'undervaluation';
        } else if (kind < 0.75) {
          description = rng.pick(['samples', 'parts', 'accessories', 'general merchandise']);
          error = 'description';
        } else error = 'origin';
      } else if (riskyBroker && rng.chance(0.15)) {
        error = rng.chance(0.5) ? 'origin' : 'valuation';
        if (error === 'valuation') value *= 0.4 + rng.next() * 0.3;
      } else if (exporter.transshipper && isTransshipmentGoods(goods.code6) && rng.chance(0.4)) {
        error = 'origin';
      } else if (rng.chance(0.012)) {
        const kind = rng.next();
        if (kind < 0.35) {
          const siblings = byChapter.get(goods.chapter.code) ?? [goods];
          declared = rng.pick(siblings);
          error = declared === goods ? 'description' : 'misclassification';
        } else if (kind < 0.6) {
          quantity = Math.max(1, Math.round(quantity * (0.3 + rng.next() * 0.5)));
          error = 'quantity';
        } else if (kind < 0.8) {
          value *= 0.5 + rng.next() * 0.3;
          error = 'valuation';
        } else error = 'description';
      }
      emit({
        decl: declId, item: it, day, office: office.code, mode: office.mode, declarant: declarantIds[declarantIndex], importer, exporter,
        origin, goods, declared, description, value, netKg, quantity: Math.round(quantity), incoterm, error, phone, addr, courier: false,
      });
    }
  }
  return { header: [...SYNTH_HEADER], rows };
}
