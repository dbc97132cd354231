import type { PartyContact } from '../facts/declaration-facts';

/**
 * Signals about the parties (the Korean Customs finding): compliant importers use one name, one
 * phone and one address; parties seen with many phones or addresses, and parties never seen
 * before, deserve a closer look. Counts are distinct values per party id over a window.
 */

export const ENTITY_WINDOW_DAYS = 90;

/** What the stored declarations say about one party before the declaration being scored. */
export interface PartyHistory {
  /** Id of the first declaration the party appeared on (absent: never seen). */
  firstDeclarationId?: string;
  /** Distinct phones and addresses seen within the window. */
  phones: ReadonlySet<string>;
  addresses: ReadonlySet<string>;
}

export interface EntitySignal {
  kind: 'phones' | 'addresses' | 'first-time';
  role: PartyContact['role'];
  partyId: string;
  /** Distinct phones or addresses, the current declaration's included. */
  count?: number;
  /** Log-odds added to the declaration's score. */
  weight: number;
  text: string;
}

export interface EntityOptions {
  /** Distinct phones or addresses from which a party is flagged. Default 3. */
  minDistinct?: number;
  windowDays?: number;
}

/** Distinct phones/addresses per party, the current declaration's contacts included. */
export function contactCounts(contact: PartyContact, history: PartyHistory | undefined): { phones: number; addresses: number } {
  const phones = new Set(history?.phones ?? []);
  const addresses = new Set(history?.addresses ?? []);
  if (contact.phone) phones.add(contact.phone);
  if (contact.address) addresses.add(contact.address);
  return { phones: phones.size, addresses: addresses.size };
}

export function isFirstTime(declarationId: string, history: PartyHistory | undefined): boolean {
  return history?.firstDeclarationId === undefined || history.firstDeclarationId === declarationId;
}

export function entitySignals(declarationId: string, contacts: readonly PartyContact[], histories: ReadonlyMap<string, PartyHistory>, options: EntityOptions = {}): EntitySignal[] {
  const minDistinct = options.minDistinct ?? 3;
  const days = options.windowDays ?? ENTITY_WINDOW_DAYS;
  const out: EntitySignal[] = [];
  for (const contact of contacts) {
    const history = histories.get(contact.partyId);
    const counts = contactCounts(contact, history);
    if (counts.phones >= minDistinct) {
      out.push({ kind: 'phones', role: contact.role, partyId: contact.partyId, count: counts.phones, weight: weightOf(counts.phones, minDistinct), text: `${contact.role} ${contact.partyId} used ${counts.phones} phone numbers in ${days} days` });
    }
    if (counts.addresses >= minDistinct) {
      out.push({ kind: 'addresses', role: contact.role, partyId: contact.partyId, count: counts.addresses, weight: weightOf(counts.addresses, minDistinct), text: `${contact.role} ${contact.partyId} used ${counts.addresses} addresses in ${days} days` });
    }
    // Brokers (declarants) lodge for many; a new importer or exporter is the signal.
    if (contact.role !== 'declarant' && isFirstTime(declarationId, history)) {
      out.push({ kind: 'first-time', role: contact.role, partyId: contact.partyId, weight: FIRST_TIME_WEIGHT, text: `${contact.role} ${contact.partyId} appears for the first time` });
    }
  }
  return out;
}

export const FIRST_TIME_WEIGHT = 0.3;

/** 0.25 log-odds per distinct value beyond the ordinary two, at most 1.5. */
function weightOf(count: number, minDistinct: number): number {
  return Math.min(1.5, 0.25 * (count - minDistinct + 2));
}
