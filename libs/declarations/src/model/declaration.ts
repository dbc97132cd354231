import { ContainerNumber, CountryCode, HsCode, InvalidFieldsError, LicencePlate, Mass, Money, RfidEpc, TraderId, UnLocode, FieldReader, type Json } from '@corridor/domain';

export const DECLARATION_TYPES = ['IM', 'EX', 'TR'] as const;
export const TRANSPORT_MODES = ['road', 'rail', 'sea', 'air'] as const;
export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const UNITS = ['kg', 'l', 'pcs', 'pairs', 'm', 'm2', 'm3', 'kwh', 'carats', 'dozen'] as const;
export const MAX_ITEMS = 999;

export type DeclarationType = (typeof DECLARATION_TYPES)[number];

export interface Address { street?: string; city: string; postcode?: string; country: string }
export interface Party { id: string; name: string; address: Address; phone?: string }
export interface Plate { jurisdiction: string; number: string }
export interface Conveyance { mode: (typeof TRANSPORT_MODES)[number]; plate?: Plate; transponder?: string; carrierId?: string }
export interface MoneyJson { amount: string; currency: string }

export interface GoodsItem {
  hsCode: string;
  description: string;
  origin: string;
  quantity: number;
  unit: string;
  grossMassKg: number;
  netMassKg: number;
  value: MoneyJson;
  certificateIds?: string[];
}

export interface InvoiceLine { hsCode?: string; description: string; quantity: number; value: MoneyJson }
export interface Invoice { number: string; date?: string; seller: { id?: string; name: string }; buyer: { id?: string; name: string }; incoterm?: string; total: MoneyJson; lines?: InvoiceLine[] }
export interface PackingList { packages: number; grossMassKg: number; lines?: Array<{ description: string; quantity: number; grossMassKg: number }> }
export interface BillOfLading { number: string; shipper: { name: string }; consignee: { name: string }; packages?: number; grossMassKg?: number }
export interface SupportingDocuments { invoice?: Invoice; packingList?: PackingList; billOfLading?: BillOfLading }

/** A declaration as lodged: validated, normalised, and exactly what is hashed into the ledger. */
export interface DeclarationData {
  type: DeclarationType;
  declarant: Party;
  importer?: Party;
  exporter?: Party;
  officeOfEntry: string;
  expectedArrival: string;
  incoterm?: string;
  conveyance: Conveyance;
  containers?: string[];
  items: GoodsItem[];
  documents?: SupportingDocuments;
}

const TOP_FIELDS = ['type', 'declarant', 'importer', 'exporter', 'officeOfEntry', 'expectedArrival', 'incoterm', 'conveyance', 'containers', 'items', 'documents'] as const;

/**
 * Validates an untrusted declaration against the WCO-style model and the domain value objects.
 * Throws InvalidFieldsError naming every bad field path; returns normalised data otherwise.
 */
export function parseDeclaration(input: unknown, prefix = ''): DeclarationData {
  const r = new FieldReader();
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const root = r.object(input, prefix || 'body');
  if (!root) throw new InvalidFieldsError('DECLARATION.INVALID', r.errors);
  r.known(root, prefix, TOP_FIELDS);

  const type = r.oneOf(root.type, at('type'), DECLARATION_TYPES);
  const declarant = party(r, root.declarant, at('declarant'), true);
  const importer = party(r, root.importer, at('importer'), type === 'IM');
  const exporter = party(r, root.exporter, at('exporter'), type === 'EX');
  const officeOfEntry = r.value(at('officeOfEntry'), () => UnLocode.parse(root.officeOfEntry, at('officeOfEntry')).value);
  const expectedArrival = r.dateTime(root.expectedArrival, at('expectedArrival'));
  const incoterm = r.oneOf(root.incoterm, at('incoterm'), INCOTERMS, false);
  const conveyance = parseConveyance(r, root.conveyance, at('conveyance'));
  const containers = r.array(root.containers, at('containers'), { max: 100, required: false })
    ?.map((c, i) => r.value(at(`containers[${i}]`), () => ContainerNumber.parse(c, at(`containers[${i}]`)).value));
  const items = r.array(root.items, at('items'), { min: 1, max: MAX_ITEMS })?.map((item, i) => goodsItem(r, item, at(`items[${i}]`)));
  const documents = parseDocuments(r, root.documents, at('documents'));

  if (r.errors.length > 0) throw new InvalidFieldsError('DECLARATION.INVALID', r.errors);
  return stripUndefined({
    type: type as DeclarationType,
    declarant: declarant as Party,
    importer,
    exporter,
    officeOfEntry: officeOfEntry as string,
    expectedArrival: expectedArrival as string,
    incoterm,
    conveyance: conveyance as Conveyance,
    containers: containers && containers.length > 0 ? (containers as string[]) : undefined,
    items: items as GoodsItem[],
    documents,
  });
}

function party(r: FieldReader, input: unknown, field: string, required: boolean): Party | undefined {
  const p = r.object(input, field, required);
  if (!p) return undefined;
  r.known(p, field, ['id', 'name', 'address', 'phone']);
  const id = r.value(`${field}.id`, () => TraderId.parse(p.id, `${field}.id`).value);
  const name = r.string(p.name, `${field}.name`, { max: 200 });
  const a = r.object(p.address, `${field}.address`);
  let address: Address | undefined;
  if (a) {
    r.known(a, `${field}.address`, ['street', 'city', 'postcode', 'country']);
    address = {
      street: r.string(a.street, `${field}.address.street`, { max: 200, required: false }),
      city: r.string(a.city, `${field}.address.city`, { max: 100 }) as string,
      postcode: r.string(a.postcode, `${field}.address.postcode`, { max: 20, required: false }),
      country: r.value(`${field}.address.country`, () => CountryCode.parse(a.country, `${field}.address.country`).code) as string,
    };
  }
  const phone = r.string(p.phone, `${field}.phone`, { max: 32, required: false, pattern: /^\+?[0-9 ()./-]{5,31}$/, patternHint: 'must be a phone number such as +1 313 555 0100' });
  return { id: id as string, name: name as string, address: address as Address, phone };
}

function parseConveyance(r: FieldReader, input: unknown, field: string): Conveyance | undefined {
  const c = r.object(input, field);
  if (!c) return undefined;
  r.known(c, field, ['mode', 'plate', 'transponder', 'carrierId']);
  const mode = r.oneOf(c.mode, `${field}.mode`, TRANSPORT_MODES);
  const plate = c.plate === undefined || c.plate === null ? undefined : r.value(`${field}.plate`, () => LicencePlate.parse(c.plate, `${field}.plate`).toJSON());
  if (mode === 'road' && c.plate === undefined) r.fail(`${field}.plate`, 'is required for road transport');
  const transponder = c.transponder === undefined || c.transponder === null ? undefined : r.value(`${field}.transponder`, () => RfidEpc.parse(c.transponder, `${field}.transponder`).hex);
  const carrierId = c.carrierId === undefined || c.carrierId === null ? undefined : r.value(`${field}.carrierId`, () => TraderId.parse(c.carrierId, `${field}.carrierId`).value);
  return { mode: mode as Conveyance['mode'], plate, transponder, carrierId };
}

function goodsItem(r: FieldReader, input: unknown, field: string): GoodsItem | undefined {
  const item = r.object(input, field);
  if (!item) return undefined;
  r.known(item, field, ['hsCode', 'description', 'origin', 'quantity', 'unit', 'grossMassKg', 'netMassKg', 'value', 'certificateIds']);
  const grossMassKg = r.value(`${field}.grossMassKg`, () => Mass.kg(item.grossMassKg, `${field}.grossMassKg`).kg);
  const netMassKg = r.value(`${field}.netMassKg`, () => Mass.kg(item.netMassKg, `${field}.netMassKg`).kg);
  if (grossMassKg !== undefined && netMassKg !== undefined && netMassKg > grossMassKg) r.fail(`${field}.netMassKg`, `must not exceed grossMassKg (${grossMassKg})`);
  const certificateIds = r.array(item.certificateIds, `${field}.certificateIds`, { max: 20, required: false })
    ?.map((id, i) => r.string(id, `${field}.certificateIds[${i}]`, { max: 64 }));
  return {
    hsCode: r.value(`${field}.hsCode`, () => HsCode.parse(item.hsCode, `${field}.hsCode`).digits) as string,
    description: r.string(item.description, `${field}.description`, { max: 500 }) as string,
    origin: r.value(`${field}.origin`, () => CountryCode.parse(item.origin, `${field}.origin`).code) as string,
    quantity: r.number(item.quantity, `${field}.quantity`, { min: 0, max: 1e12 }) as number,
    unit: r.oneOf(item.unit, `${field}.unit`, UNITS) as string,
    grossMassKg: grossMassKg as number,
    netMassKg: netMassKg as number,
    value: r.value(`${field}.value`, () => Money.parse(item.value, `${field}.value`).toJSON()) as MoneyJson,
    ...(certificateIds && certificateIds.length > 0 ? { certificateIds: certificateIds as string[] } : {}),
  };
}

function namedParty(r: FieldReader, input: unknown, field: string): { id?: string; name: string } {
  const p = r.object(input, field);
  if (!p) return { name: '' };
  r.known(p, field, ['id', 'name']);
  const id = p.id === undefined ? undefined : r.value(`${field}.id`, () => TraderId.parse(p.id, `${field}.id`).value);
  return stripUndefined({ id, name: r.string(p.name, `${field}.name`, { max: 200 }) as string });
}

function parseDocuments(r: FieldReader, input: unknown, field: string): SupportingDocuments | undefined {
  const d = r.object(input, field, false);
  if (!d) return undefined;
  r.known(d, field, ['invoice', 'packingList', 'billOfLading']);
  const documents: SupportingDocuments = {};
  const inv = r.object(d.invoice, `${field}.invoice`, false);
  if (inv) {
    const f = `${field}.invoice`;
    r.known(inv, f, ['number', 'date', 'seller', 'buyer', 'incoterm', 'total', 'lines']);
    documents.invoice = stripUndefined({
      number: r.string(inv.number, `${f}.number`, { max: 64 }) as string,
      date: inv.date === undefined ? undefined : r.dateTime(inv.date, `${f}.date`),
      seller: namedParty(r, inv.seller, `${f}.seller`),
      buyer: namedParty(r, inv.buyer, `${f}.buyer`),
      incoterm: r.oneOf(inv.incoterm, `${f}.incoterm`, INCOTERMS, false),
      total: r.value(`${f}.total`, () => Money.parse(inv.total, `${f}.total`).toJSON()) as MoneyJson,
      lines: inv.lines === undefined ? undefined : r.array(inv.lines, `${f}.lines`, { max: MAX_ITEMS, required: false })?.map((line, i) => {
        const l = r.object(line, `${f}.lines[${i}]`) ?? {};
        const lf = `${f}.lines[${i}]`;
        r.known(l, lf, ['hsCode', 'description', 'quantity', 'value']);
        return stripUndefined({
          hsCode: l.hsCode === undefined ? undefined : r.value(`${lf}.hsCode`, () => HsCode.parse(l.hsCode, `${lf}.hsCode`).digits),
          description: r.string(l.description, `${lf}.description`, { max: 500 }) as string,
          quantity: r.number(l.quantity, `${lf}.quantity`, { max: 1e12 }) as number,
          value: r.value(`${lf}.value`, () => Money.parse(l.value, `${lf}.value`).toJSON()) as MoneyJson,
        });
      }),
    });
  }
  const pl = r.object(d.packingList, `${field}.packingList`, false);
  if (pl) {
    const f = `${field}.packingList`;
    r.known(pl, f, ['packages', 'grossMassKg', 'lines']);
    documents.packingList = stripUndefined({
      packages: r.number(pl.packages, `${f}.packages`, { max: 1e6, integer: true }) as number,
      grossMassKg: r.value(`${f}.grossMassKg`, () => Mass.kg(pl.grossMassKg, `${f}.grossMassKg`).kg) as number,
      lines: pl.lines === undefined ? undefined : r.array(pl.lines, `${f}.lines`, { max: MAX_ITEMS, required: false })?.map((line, i) => {
        const l = r.object(line, `${f}.lines[${i}]`) ?? {};
        const lf = `${f}.lines[${i}]`;
        return {
          description: r.string(l.description, `${lf}.description`, { max: 500 }) as string,
          quantity: r.number(l.quantity, `${lf}.quantity`, { max: 1e12 }) as number,
          grossMassKg: r.value(`${lf}.grossMassKg`, () => Mass.kg(l.grossMassKg, `${lf}.grossMassKg`).kg) as number,
        };
      }),
    });
  }
  const bl = r.object(d.billOfLading, `${field}.billOfLading`, false);
  if (bl) {
    const f = `${field}.billOfLading`;
    r.known(bl, f, ['number', 'shipper', 'consignee', 'packages', 'grossMassKg']);
    documents.billOfLading = stripUndefined({
      number: r.string(bl.number, `${f}.number`, { max: 64 }) as string,
      shipper: { name: namedParty(r, bl.shipper, `${f}.shipper`).name },
      consignee: { name: namedParty(r, bl.consignee, `${f}.consignee`).name },
      packages: r.number(bl.packages, `${f}.packages`, { max: 1e6, integer: true, required: false }),
      grossMassKg: bl.grossMassKg === undefined ? undefined : r.value(`${f}.grossMassKg`, () => Mass.kg(bl.grossMassKg, `${f}.grossMassKg`).kg),
    });
  }
  return Object.keys(documents).length > 0 ? documents : undefined;
}

/** Canonical JSON has no `undefined`; dropping it here keeps stored and hashed forms identical. */
function stripUndefined<T extends Json>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
