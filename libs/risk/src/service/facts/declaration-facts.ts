import type { DeclarationData, Discrepancy, Party } from '@corridor/declarations';

/** One goods item as rules, valuation and the models read it. */
export interface ItemFacts {
  index: number;
  /** All digits as declared (6 to 10). */
  hsCode: string;
  hs6: string;
  description: string;
  origin: string;
  quantity: number;
  unit: string;
  grossMassKg: number;
  netMassKg: number;
  value: number;
  currency: string;
  /** Declared value per kg of net mass (gross when net is 0); null without a mass. */
  valuePerKg: number | null;
  certificateCount: number;
  /** Paths of document discrepancies that concern this item (`items[1].hsCode`, `items[].value`...). */
  discrepancyFields: string[];
}

/** A declaration flattened into what the risk context judges: no names, only ids, codes and numbers. */
export interface DeclarationFacts {
  type: string;
  office: string;
  declarantId: string;
  importerId?: string;
  exporterId?: string;
  carrierId?: string;
  incoterm?: string;
  transportMode: string;
  itemCount: number;
  discrepancies: Discrepancy[];
  items: ItemFacts[];
}

/** A party's contact details as seen on one declaration (the Korean "many phones, many addresses" signal). */
export interface PartyContact {
  role: 'importer' | 'declarant' | 'exporter';
  partyId: string;
  phone?: string;
  address?: string;
}

export function declarationFacts(data: DeclarationData, discrepancies: readonly Discrepancy[]): DeclarationFacts {
  return {
    type: data.type,
    office: data.officeOfEntry,
    declarantId: data.declarant.id,
    ...(data.importer ? { importerId: data.importer.id } : {}),
    ...(data.exporter ? { exporterId: data.exporter.id } : {}),
    ...(data.conveyance.carrierId ? { carrierId: data.conveyance.carrierId } : {}),
    ...(data.incoterm ? { incoterm: data.incoterm } : {}),
    transportMode: data.conveyance.mode,
    itemCount: data.items.length,
    discrepancies: [...discrepancies],
    items: data.items.map((item, index) => {
      const value = Number(item.value.amount);
      const mass = item.netMassKg > 0 ? item.netMassKg : item.grossMassKg;
      return {
        index,
        hsCode: item.hsCode,
        hs6: item.hsCode.slice(0, 6),
        description: item.description,
        origin: item.origin,
        quantity: item.quantity,
        unit: item.unit,
        grossMassKg: item.grossMassKg,
        netMassKg: item.netMassKg,
        value,
        currency: item.value.currency,
        valuePerKg: mass > 0 && Number.isFinite(value) ? value / mass : null,
        certificateCount: item.certificateIds?.length ?? 0,
        discrepancyFields: discrepancies.map((d) => d.field).filter((field) => concernsItem(field, index)),
      };
    }),
  };
}

/** `items[2].value` concerns item 2; `items[].value` and `items` concern every item. */
export function concernsItem(field: string, index: number): boolean {
  if (field === 'items' || field.startsWith('items[]')) return true;
  return field.startsWith(`items[${index}]`);
}

export function partyContacts(data: DeclarationData): PartyContact[] {
  const out: PartyContact[] = [];
  const add = (role: PartyContact['role'], party: Party | undefined) => {
    if (!party) return;
    out.push({ role, partyId: party.id, ...(party.phone ? { phone: normalisePhone(party.phone) } : {}), ...(party.address ? { address: normaliseAddress(party.address) } : {}) });
  };
  add('importer', data.importer);
  add('declarant', data.declarant);
  add('exporter', data.exporter);
  return out;
}

/** Digits only (a leading + kept): "+1 (313) 555-0100" and "+1 313 555 0100" are one phone. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}

/** Case, punctuation and spacing do not make a different address. */
export function normaliseAddress(address: Party['address']): string {
  const part = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return [part(address.street), part(address.city), part(address.postcode), address.country.toUpperCase()].join('|');
}

/** "08045010" -> "0804.50.10", "0804" -> "0804", as officers write HS codes. */
export function formatHs(digits: string): string {
  if (digits.length <= 4) return digits;
  return [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8), digits.slice(8)].filter((p) => p.length > 0).join('.');
}
