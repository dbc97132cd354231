import { Money } from '@corridor/domain';
import type { DeclarationData, MoneyJson } from './declaration';

export interface Discrepancy {
  /** Path in the declaration the document disagrees with. */
  field: string;
  document: 'invoice' | 'packingList' | 'billOfLading';
  declared: string;
  documented: string;
}

const MASS_TOLERANCE = 0.01; // scales differ; 1% is the customary weighing tolerance

/**
 * Compares the declaration with its own supporting documents. Mismatches are recorded, not
 * rejected: they are evidence for risk, and an officer decides what they mean.
 */
export function crossCheckDocuments(d: DeclarationData): Discrepancy[] {
  const found: Discrepancy[] = [];
  const add = (field: string, document: Discrepancy['document'], declared: unknown, documented: unknown) =>
    found.push({ field, document, declared: String(declared), documented: String(documented) });
  const { invoice, packingList, billOfLading } = d.documents ?? {};
  const grossMass = round(d.items.reduce((sum, item) => sum + item.grossMassKg, 0));

  if (invoice) {
    compareParty(d.exporter, invoice.seller, 'exporter', (f, a, b) => add(f, 'invoice', a, b));
    compareParty(d.importer, invoice.buyer, 'importer', (f, a, b) => add(f, 'invoice', a, b));
    const total = sumValues(d.items.map((item) => item.value));
    if (total === undefined) add('items[].value.currency', 'invoice', 'several currencies', invoice.total.currency);
    else if (!Money.parse(invoice.total).equals(total)) add('items[].value', 'invoice', `${total.amount} ${total.currency}`, `${invoice.total.amount} ${invoice.total.currency}`);
    if (invoice.incoterm && d.incoterm && invoice.incoterm !== d.incoterm) add('incoterm', 'invoice', d.incoterm, invoice.incoterm);
    if (invoice.lines && invoice.lines.length === d.items.length) {
      invoice.lines.forEach((line, i) => {
        const item = d.items[i];
        if (line.hsCode && line.hsCode.slice(0, 6) !== item.hsCode.slice(0, 6)) add(`items[${i}].hsCode`, 'invoice', item.hsCode, line.hsCode);
        if (line.quantity !== item.quantity) add(`items[${i}].quantity`, 'invoice', item.quantity, line.quantity);
        if (!Money.parse(line.value).equals(Money.parse(item.value))) add(`items[${i}].value`, 'invoice', `${item.value.amount} ${item.value.currency}`, `${line.value.amount} ${line.value.currency}`);
      });
    } else if (invoice.lines) {
      add('items', 'invoice', `${d.items.length} items`, `${invoice.lines.length} lines`);
    }
  }
  if (packingList && differs(grossMass, packingList.grossMassKg)) add('items[].grossMassKg', 'packingList', grossMass, packingList.grossMassKg);
  if (billOfLading) {
    if (d.exporter && !sameName(d.exporter.name, billOfLading.shipper.name)) add('exporter.name', 'billOfLading', d.exporter.name, billOfLading.shipper.name);
    if (d.importer && !sameName(d.importer.name, billOfLading.consignee.name)) add('importer.name', 'billOfLading', d.importer.name, billOfLading.consignee.name);
    if (billOfLading.grossMassKg !== undefined && differs(grossMass, billOfLading.grossMassKg)) add('items[].grossMassKg', 'billOfLading', grossMass, billOfLading.grossMassKg);
    if (billOfLading.packages !== undefined && packingList && billOfLading.packages !== packingList.packages) {
      add('documents.packingList.packages', 'billOfLading', packingList.packages, billOfLading.packages);
    }
  }
  return found;
}

function compareParty(declared: { id: string; name: string } | undefined, documented: { id?: string; name: string }, field: string, add: (field: string, a: string, b: string) => void): void {
  if (!declared) return;
  if (documented.id && documented.id !== declared.id) add(`${field}.id`, declared.id, documented.id);
  else if (!sameName(declared.name, documented.name)) add(`${field}.name`, declared.name, documented.name);
}

/** Names match when they agree after case, punctuation and legal-form noise are removed. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/\b(inc|ltd|llc|gmbh|sa|sas|srl|bv|co|corp|company|limited)\b/g, '').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

function sumValues(values: MoneyJson[]): Money | undefined {
  const currencies = new Set(values.map((v) => v.currency));
  if (currencies.size !== 1) return undefined;
  return values.reduce<Money>((sum, v) => sum.add(Money.parse(v)), Money.zero(values[0].currency));
}

function differs(declared: number, documented: number): boolean {
  return Math.abs(declared - documented) > MASS_TOLERANCE * Math.max(declared, documented, 1);
}

function round(kg: number): number {
  return Math.round(kg * 1000) / 1000;
}
