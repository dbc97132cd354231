import type { ColumnSpec, RiskSchema } from '../../schema/infer-schema';
import type { RiskRecord } from '../../model/prepared-row';
import type { DeclarationFacts, ItemFacts } from '../facts/declaration-facts';
import type { EntitySignal } from '../entity-signals/entity-signals';
import { valuationBand, type ValuationComparison } from '../valuation/valuation-reference';

/**
 * What the learned models see: one row per goods item, flattened from the declaration, plus
 * the valuation band and party counts, so the models learn from inspection results how much
 * each of those signals matters. Column names are what an officer reads in a reason
 * ("HS code 0804.50 with origin EC: 9 of 11 past inspections found misclassification").
 */

/** One model per error type; other findings (quantity, prohibited, other) count as compliant for these. */
export const MODEL_ERROR_TYPES = ['misclassification', 'origin', 'undervaluation', 'overvaluation', 'missing-certificate'] as const;
export type ModelErrorType = (typeof MODEL_ERROR_TYPES)[number];

/** All error types an inspection may report (the declarations context's list). */
export const ERROR_TYPES = ['misclassification', 'origin', 'undervaluation', 'overvaluation', 'missing-certificate', 'quantity', 'prohibited', 'other'] as const;

/** Errors whose control is physical (red); the others are checked on documents (yellow). */
export const PHYSICAL_ERROR_TYPES: readonly string[] = ['misclassification', 'quantity', 'prohibited'];

export const LABEL = 'label';
export const GROUP = 'declaration';

export const RISK_COLUMNS: readonly ColumnSpec[] = [
  { name: 'HS code', kind: 'code', codeLength: 6, levels: [2, 4] },
  { name: 'origin', kind: 'categorical' },
  { name: 'importer', kind: 'categorical' },
  { name: 'declarant', kind: 'categorical' },
  { name: 'exporter', kind: 'categorical' },
  { name: 'office', kind: 'categorical' },
  { name: 'currency', kind: 'categorical' },
  { name: 'incoterm', kind: 'categorical' },
  { name: 'unit', kind: 'categorical' },
  { name: 'transport mode', kind: 'categorical' },
  { name: 'description', kind: 'text' },
  { name: 'quantity', kind: 'numeric', hint: 'quantity' },
  { name: 'gross mass kg', kind: 'numeric', hint: 'mass' },
  { name: 'net mass kg', kind: 'numeric', hint: 'mass' },
  { name: 'value', kind: 'numeric', hint: 'value' },
  { name: 'value per kg', kind: 'numeric' },
  { name: 'items in declaration', kind: 'numeric' },
  { name: 'certificates', kind: 'numeric', categorical: true },
  { name: 'document discrepancies', kind: 'numeric', categorical: true },
  { name: 'value per kg against reference', kind: 'categorical' },
  { name: 'importer phones in 90 days', kind: 'numeric', categorical: true },
  { name: 'importer addresses in 90 days', kind: 'numeric', categorical: true },
  { name: 'first-time importer', kind: 'categorical' },
];

export const RISK_SCHEMA: RiskSchema = { label: LABEL, id: GROUP, group: GROUP, columns: RISK_COLUMNS, ignored: [] };

/** Header of a training table: the model columns, the declaration (group) and the label. */
export const TRAINING_HEADER: readonly string[] = [...RISK_COLUMNS.map((c) => c.name), GROUP, LABEL];

export interface RecordSignals {
  valuation: ValuationComparison | null;
  entities: readonly EntitySignal[];
  importerPhones: number;
  importerAddresses: number;
  firstTimeImporter: boolean | null;
}

/** The model row of one item. */
export function riskRecord(declarationId: string, facts: DeclarationFacts, item: ItemFacts, signals: RecordSignals): RiskRecord {
  return {
    'HS code': item.hs6,
    origin: item.origin,
    importer: facts.importerId ?? null,
    declarant: facts.declarantId,
    exporter: facts.exporterId ?? null,
    office: facts.office,
    currency: item.currency,
    incoterm: facts.incoterm ?? null,
    unit: item.unit,
    'transport mode': facts.transportMode,
    description: item.description,
    quantity: item.quantity,
    'gross mass kg': item.grossMassKg,
    'net mass kg': item.netMassKg,
    value: item.value,
    'value per kg': item.valuePerKg === null ? null : round(item.valuePerKg),
    'items in declaration': facts.itemCount,
    certificates: item.certificateCount,
    'document discrepancies': facts.discrepancies.length,
    'value per kg against reference': valuationBand(signals.valuation),
    'importer phones in 90 days': facts.importerId ? signals.importerPhones : null,
    'importer addresses in 90 days': facts.importerId ? signals.importerAddresses : null,
    'first-time importer': signals.firstTimeImporter === null ? null : signals.firstTimeImporter ? 'yes' : 'no',
    [GROUP]: declarationId,
  };
}

/** A training row (cells as text) from a stored record and its 0/1 label. */
export function trainingRow(record: RiskRecord, label: 0 | 1): string[] {
  return TRAINING_HEADER.map((name) => (name === LABEL ? String(label) : cell(record[name])));
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Which model error types an inspection found on one item (findings without itemIndex concern every item). */
export function labelsOf(itemIndex: number, findings: ReadonlyArray<{ itemIndex?: number; errorType: string }>): string[] {
  const found = new Set<string>();
  for (const f of findings) if (f.itemIndex === undefined || f.itemIndex === null || f.itemIndex === itemIndex) found.add(f.errorType);
  return [...found].sort();
}

const FOUND: Record<string, string> = {
  misclassification: 'misclassification',
  origin: 'a wrong origin',
  undervaluation: 'undervaluation',
  overvaluation: 'overvaluation',
  'missing-certificate': 'a missing certificate',
};

/** "found an error" -> "found misclassification"; HS digits as officers write them. */
export function phraseModelReason(text: string, errorType: string): string {
  return text
    .replace(/found an error/g, `found ${FOUND[errorType] ?? errorType}`)
    .replace(/HS code (\d{6})\b/g, (_m, d: string) => `HS code ${d.slice(0, 4)}.${d.slice(4)}`)
    .replace(/ had an error$/, ` had ${FOUND[errorType] ?? errorType}`);
}

export function errorTypeLabel(errorType: string): string {
  return errorType === 'missing-certificate' ? 'a missing certificate' : errorType === 'origin' ? 'a wrong origin' : errorType;
}
