import type { CertificateType, JsonObject } from '../document/types';

/**
 * Rules for using certificates in clearance, pure: which e-CoO goods line a declared item draws
 * on (and how much, in the line's unit), whether an e-Phyto covers the declared commodity, whether
 * a certificate is in force when the goods arrive, and the verdict per certificate and item.
 */

export const CLEARANCE_STATUSES = ['ok', 'over-use', 'mismatch', 'revoked', 'unknown', 'expired'] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

export interface CertificateCheck {
  certificateId: string;
  /** Index of the declaration goods item that references the certificate. */
  itemIndex: number;
  status: ClearanceStatus;
  reason: string;
  type?: CertificateType;
  /** The certificate goods line (e-CoO) or commodity (e-Phyto) the item was matched to. */
  goodsIndex?: number;
  /** e-CoO: this item's draw, everything drawn on the line up to and including it, and the line's quantity, in the line's unit. */
  drawn?: number;
  drawnTotal?: number;
  certified?: number;
  unit?: string;
}

/** The declaration facts the rules read (a subset of @corridor/declarations' DeclarationData). */
export interface DeclaredGoods {
  hsCode: string;
  description: string;
  origin: string;
  quantity: number;
  unit: string;
  netMassKg: number;
}

export interface DeclarationFacts {
  id: string;
  type: string;
  officeOfEntry: string;
  expectedArrival: string;
  items: DeclaredGoods[];
}

export interface CertificateFacts {
  id: string;
  type: CertificateType;
  data: JsonObject;
  status: 'valid' | 'revoked';
  revokedAt?: string;
  revocationReason?: string;
  issuedAt: string;
  /** When the issuing key was revoked (compromised), if it was. */
  keyRevokedAt?: string;
}

export interface PlannedDraw {
  goodsIndex: number;
  /** In the certificate line's unit. */
  quantity: number;
  unit: string;
}

type Dimension = 'mass' | 'volume' | 'count' | 'pair' | 'length' | 'area' | 'energy';

/** UN/ECE Recommendation 20 codes the rules can convert, with their size in the dimension's base unit. */
const REC20: Record<string, [Dimension, number]> = {
  KGM: ['mass', 1], GRM: ['mass', 0.001], TNE: ['mass', 1000], LBR: ['mass', 0.45359237], CTM: ['mass', 0.0002],
  LTR: ['volume', 1], MLT: ['volume', 0.001], MTQ: ['volume', 1000], HLT: ['volume', 100],
  H87: ['count', 1], C62: ['count', 1], NAR: ['count', 1], PCE: ['count', 1], DZN: ['count', 12],
  PR: ['pair', 1], MTR: ['length', 1], MTK: ['area', 1], KWH: ['energy', 1],
};

/** The declaration's units (see @corridor/declarations UNITS). */
const DECLARED: Record<string, [Dimension, number]> = {
  kg: ['mass', 1], l: ['volume', 1], pcs: ['count', 1], pairs: ['pair', 1], m: ['length', 1], m2: ['area', 1],
  m3: ['volume', 1000], kwh: ['energy', 1], carats: ['mass', 0.0002], dozen: ['count', 12],
};

const digits = (code: unknown): string => (typeof code === 'string' ? code.replace(/[.\s]/g, '') : '');

/** Same HS subheading (6 digits), the internationally harmonised level; national digits differ by country. */
export function sameSubheading(a: unknown, b: unknown): boolean {
  const x = digits(a);
  const y = digits(b);
  return x.length >= 6 && y.length >= 6 && x.slice(0, 6) === y.slice(0, 6);
}

/** The declared quantity in the certificate line's unit, or why it cannot be compared. */
export function convertQuantity(item: DeclaredGoods, certifiedUnit: string): { quantity: number } | { problem: string } {
  const target = REC20[certifiedUnit];
  if (!target) return { problem: `the certificate's unit ${certifiedUnit} is not one the quantity check knows` };
  const declared = DECLARED[item.unit];
  if (declared && declared[0] === target[0]) return { quantity: (item.quantity * declared[1]) / target[1] };
  if (target[0] === 'mass') return { quantity: item.netMassKg / target[1] };
  return { problem: `declared in ${item.unit}, certified in ${certifiedUnit}: the quantities cannot be compared` };
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

function goodsOf(certificate: CertificateFacts): { index: number; line: Record<string, unknown> }[] {
  const list = certificate.type === 'e-phyto' ? certificate.data['commodities'] : certificate.data['goods'];
  return (Array.isArray(list) ? list : []).flatMap((line, index) => asArray([line]).map((l) => ({ index, line: l })));
}

function quantityOf(line: Record<string, unknown>): { value: number; unit: string } | undefined {
  const q = line['quantity'];
  if (typeof q !== 'object' || q === null) return undefined;
  const { value, unit } = q as Record<string, unknown>;
  return typeof value === 'number' && typeof unit === 'string' ? { value, unit } : undefined;
}

/** The e-CoO line an item draws on: same HS subheading, preferring the same origin; undefined when none. */
export function matchEcooLine(item: DeclaredGoods, certificate: CertificateFacts): { index: number; line: Record<string, unknown> } | undefined {
  const candidates = goodsOf(certificate).filter(({ line }) => sameSubheading(line['hsCode'], item.hsCode));
  return candidates.find(({ line }) => line['originCountry'] === item.origin) ?? candidates[0];
}

/** The draw an item makes on an e-CoO (undefined for other types, unmatched lines and incomparable units). */
export function planDraw(item: DeclaredGoods, certificate: CertificateFacts): PlannedDraw | undefined {
  if (certificate.type !== 'e-coo') return undefined;
  const match = matchEcooLine(item, certificate);
  const certified = match ? quantityOf(match.line) : undefined;
  if (!match || !certified) return undefined;
  const converted = convertQuantity(item, certified.unit);
  return 'quantity' in converted ? { goodsIndex: match.index, quantity: converted.quantity, unit: certified.unit } : undefined;
}

const STOP_WORDS = new Set(['fresh', 'dried', 'frozen', 'chilled', 'other', 'whole', 'organic', 'green', 'raw', 'spp', 'var', 'plants', 'plant', 'fruit', 'fruits', 'seed', 'seeds', 'cut', 'live', 'with', 'without', 'and']);

function words(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z]+/).filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
}

/** "Mango" covers "Fresh mangoes": a name word is a prefix of a described word or the other way round. */
function namesMatch(names: string[], description: string[]): boolean {
  return names.some((name) => description.some((word) => word.startsWith(name) || name.startsWith(word)));
}

/** The commodity of an e-Phyto (or goods line of an LPCO) that covers the item, by HS subheading or by name. */
export function matchCommodity(item: DeclaredGoods, certificate: CertificateFacts): number | undefined {
  const described = words(item.description);
  const lines = goodsOf(certificate);
  const byCode = lines.find(({ line }) => sameSubheading(line['hsCode'], item.hsCode));
  if (byCode) return byCode.index;
  const byName = lines.find(({ line }) => namesMatch([...words(line['commonName']), ...words(line['scientificName']), ...words(line['description'])], described));
  return byName?.index;
}

function dateOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}

/** Whether the certificate is in force on the arrival date (validFrom / validUntil in its data). */
export function validityProblem(certificate: CertificateFacts, arrival: string): string | undefined {
  const day = arrival.slice(0, 10);
  const until = dateOf(certificate.data['validUntil']);
  const from = dateOf(certificate.data['validFrom']);
  if (until && day > until) return `valid until ${until}; the goods arrive on ${day}`;
  if (from && day < from) return `valid only from ${from}; the goods arrive on ${day}`;
  return undefined;
}

export interface LineUsage {
  /** This item's draw and the running total of the line up to and including it (draws ordered by lodgement). */
  drawn: number;
  drawnTotal: number;
}

/**
 * The verdict for one certificate referenced by one item. `usage` is the item's draw on the
 * matched e-CoO line with the running total (from the draw table); undefined when nothing was drawn.
 */
export function assessCertificate(declaration: DeclarationFacts, itemIndex: number, certificateId: string, certificate: CertificateFacts | undefined, usage: LineUsage | undefined): CertificateCheck {
  const base = { certificateId, itemIndex };
  if (!certificate) return { ...base, status: 'unknown', reason: `no certificate ${certificateId} is registered` };
  const typed = { ...base, type: certificate.type };
  if (certificate.status === 'revoked') {
    return { ...typed, status: 'revoked', reason: `revoked${certificate.revokedAt ? ` at ${certificate.revokedAt}` : ''}${certificate.revocationReason ? `: ${certificate.revocationReason}` : ''}` };
  }
  if (certificate.keyRevokedAt && certificate.keyRevokedAt <= certificate.issuedAt) {
    return { ...typed, status: 'revoked', reason: `issued at ${certificate.issuedAt} with a key revoked since ${certificate.keyRevokedAt}` };
  }
  const expired = validityProblem(certificate, declaration.expectedArrival);
  if (expired) return { ...typed, status: 'expired', reason: expired };
  const item = declaration.items[itemIndex];
  const country = declaration.officeOfEntry.slice(0, 2);
  const importCountry = certificate.data['importCountry'];
  if (declaration.type === 'IM' && typeof importCountry === 'string' && importCountry !== country) {
    return { ...typed, status: 'mismatch', reason: `issued for import into ${importCountry}, declared at ${declaration.officeOfEntry} (${country})` };
  }

  if (certificate.type === 'e-coo') {
    const match = matchEcooLine(item, certificate);
    if (!match) {
      const covered = goodsOf(certificate).map(({ line }) => digits(line['hsCode']).slice(0, 6)).join(', ');
      return { ...typed, status: 'mismatch', reason: `no goods line for HS ${digits(item.hsCode).slice(0, 6)} (the certificate covers ${covered || 'nothing'})` };
    }
    const where = { goodsIndex: match.index };
    if (match.line['originCountry'] !== item.origin) {
      return { ...typed, ...where, status: 'mismatch', reason: `goods line ${match.index} certifies origin ${String(match.line['originCountry'])}, the item declares ${item.origin}` };
    }
    const certified = quantityOf(match.line);
    if (!certified) return { ...typed, ...where, status: 'ok', reason: `goods line ${match.index} matches (no quantity to draw on)` };
    const converted = convertQuantity(item, certified.unit);
    if ('problem' in converted) return { ...typed, ...where, status: 'mismatch', reason: converted.problem };
    const drawn = usage?.drawn ?? converted.quantity;
    const drawnTotal = usage?.drawnTotal ?? drawn;
    const amounts = { ...where, drawn: round(drawn), drawnTotal: round(drawnTotal), certified: certified.value, unit: certified.unit };
    if (drawnTotal > certified.value * (1 + 1e-9)) {
      return { ...typed, ...amounts, status: 'over-use', reason: `${fmt(drawnTotal)} ${certified.unit} drawn on goods line ${match.index}, which certifies ${fmt(certified.value)} ${certified.unit} (this item: ${fmt(drawn)})` };
    }
    return { ...typed, ...amounts, status: 'ok', reason: `goods line ${match.index}: ${fmt(drawnTotal)} of ${fmt(certified.value)} ${certified.unit} drawn` };
  }

  if (certificate.type === 'e-phyto') {
    const index = matchCommodity(item, certificate);
    if (index === undefined) return { ...typed, status: 'mismatch', reason: `no commodity on the certificate matches HS ${digits(item.hsCode).slice(0, 6)} "${item.description}"` };
    return { ...typed, goodsIndex: index, status: 'ok', reason: `commodity ${index} covers the item` };
  }

  const lines = goodsOf(certificate);
  if (lines.length === 0) return { ...typed, status: 'ok', reason: 'in force; the licence lists no goods' };
  const index = matchCommodity(item, certificate);
  if (index === undefined) return { ...typed, status: 'mismatch', reason: `the licence covers no goods matching HS ${digits(item.hsCode).slice(0, 6)} "${item.description}"` };
  return { ...typed, goodsIndex: index, status: 'ok', reason: `goods line ${index} covers the item` };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function fmt(value: number): string {
  return String(round(value));
}
