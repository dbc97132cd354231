import type { Discrepancy } from '@corridor/declarations';
import type { RiskModel } from '../../model/risk-model';
import type { RiskRecord } from '../../model/prepared-row';
import { logit, sigmoid } from '../../model/smoothing';
import { formatHs, type DeclarationFacts } from '../facts/declaration-facts';
import type { EntitySignal } from '../entity-signals/entity-signals';
import { errorTypeLabel, PHYSICAL_ERROR_TYPES, phraseModelReason, type ModelErrorType } from '../learning/risk-schema';
import { describeAction, describeCondition, type RuleAction, type RuleDefinition, type RulePredicate, type RuleScope } from '../rule-language/rule-language';
import { describeValuation, valuationWeight, type ValuationComparison } from '../valuation/valuation-reference';

/**
 * One declaration's score, from its parts:
 * - per goods item and error type, the learned model's probability (SISAM: item-level error
 *   probabilities), shifted in log-odds by the item's valuation outlier for under/overvaluation;
 * - the item's risk is the chance of any error, the declaration's model score its riskiest item
 *   (so the number of items alone never makes a declaration risky);
 * - party signals and document discrepancies add log-odds to the whole declaration;
 * - rules raise the score or select the declaration outright.
 * Every part leaves a reason with its weight (log-odds over the average item), largest first.
 */

export interface ModelHandle {
  readonly errorType: ModelErrorType;
  readonly model: RiskModel;
  /** e.g. "3.12": version 3, 12 incremental updates since. */
  readonly version: string;
}

export interface ActiveRule {
  readonly id: string;
  readonly version: number;
  readonly author: string;
  readonly definition: RuleDefinition;
  readonly predicate: RulePredicate;
}

export interface RiskReason {
  text: string;
  weight: number;
  itemIndex?: number;
  source: 'model' | 'valuation' | 'entity' | 'discrepancy' | 'rule' | 'sample';
  errorType?: string;
  ruleId?: string;
}

export interface RuleHit {
  ruleId: string;
  version: number;
  name: string;
  scope: RuleScope;
  author: string;
  action: RuleAction;
  itemIndexes: number[];
}

export interface ScoringInput {
  readonly facts: DeclarationFacts;
  /** Model rows, one per item (riskRecord). */
  readonly records: readonly RiskRecord[];
  /** Valuation comparison per item (null: no reference). */
  readonly valuation: readonly (ValuationComparison | null)[];
  readonly entities: readonly EntitySignal[];
  readonly models: readonly ModelHandle[];
  /** Enabled rules in scope. */
  readonly rules: readonly ActiveRule[];
  /** Most reasons returned. Default 10. */
  readonly maxReasons?: number;
}

export interface ModelOutput {
  version: string;
  baseRate: number;
  /** Per item: the model's probability, and after the valuation shift. */
  probabilities: number[];
  adjusted: number[];
}

export interface ScoreBreakdown {
  score: number;
  /** Riskiest item's probability of any modelled error. */
  modelScore: number;
  /** Log-odds added by party signals and discrepancies. */
  declarationLogit: number;
  /** Score added by rules. */
  ruleRaise: number;
  itemRisk: number[];
  models: Record<string, ModelOutput>;
  /** The strongest evidence: its error type decides red (physical) or yellow (documents). */
  dominant: { errorType: string; itemIndex: number | null; channel: 'red' | 'yellow' };
  ruleHits: RuleHit[];
  ruleChannel: 'red' | 'yellow' | null;
  discrepancyWeights: number[];
  reasons: RiskReason[];
}

/** Weight of a rule selection: it outranks any statistical evidence. */
export const RULE_SELECTION_WEIGHT = 5;
const DISCREPANCY_WEIGHT = 0.5;
const MAX_DISCREPANCY_LOGIT = 1.5;
/** Model pairs (item, error type) explained in detail. */
const EXPLAINED_PAIRS = 3;

export function scoreDeclaration(input: ScoringInput): ScoreBreakdown {
  const { facts, records } = input;
  const n = facts.items.length;
  const reasons: RiskReason[] = [];
  const models: Record<string, ModelOutput> = {};
  const itemKeep = new Float64Array(n).fill(1);
  const candidates: Array<{ errorType: string; itemIndex: number | null; excess: number }> = [];
  const pairs: Array<{ handle: ModelHandle; item: number; excess: number; adjusted: number; base: number }> = [];
  const contexts = new Map<ModelHandle, ReturnType<ModelHandle['model']['batchContext']>>();

  for (const handle of input.models) {
    const { model, errorType } = handle;
    const base = model.baseRate;
    const context = model.batchContext(records);
    contexts.set(handle, context);
    const out: ModelOutput = { version: handle.version, baseRate: round(base, 6), probabilities: [], adjusted: [] };
    for (let i = 0; i < n; i++) {
      const p = model.score(records[i], { reasons: 0, context }).probability;
      const shift = valuationShift(errorType, input.valuation[i] ?? null);
      const adjusted = shift === 0 ? p : sigmoid(logit(p) + shift);
      out.probabilities.push(round(p, 6));
      out.adjusted.push(round(adjusted, 6));
      itemKeep[i] *= 1 - adjusted;
      const excess = logit(adjusted) - logit(base);
      pairs.push({ handle, item: i, excess, adjusted, base });
      candidates.push({ errorType, itemIndex: i, excess });
    }
    models[errorType] = out;
  }

  // Explain the strongest (item, error type) pairs in plain language.
  const explained = pairs.filter((p) => p.excess > 0.1).sort((a, b) => b.excess - a.excess).slice(0, EXPLAINED_PAIRS);
  for (const pair of explained) {
    const { handle, item } = pair;
    const where = itemLabel(facts, item);
    reasons.push({
      text: `${where}: ${percent(pair.adjusted)} estimated probability of ${errorTypeLabel(handle.errorType)} (average ${percent(pair.base)})`,
      weight: pair.excess, itemIndex: item, source: 'model', errorType: handle.errorType,
    });
    for (const r of handle.model.score(records[item], { reasons: 3, context: contexts.get(handle) }).reasons) {
      reasons.push({ text: `${where}: ${phraseModelReason(r.text, handle.errorType)}`, weight: r.weight, itemIndex: item, source: 'model', errorType: handle.errorType });
    }
  }

  input.valuation.forEach((v, i) => {
    if (v === null || !v.outlier) return;
    const type = v.direction === 'below' ? 'undervaluation' : 'overvaluation';
    reasons.push({ text: `${itemLabel(facts, i)}: ${describeValuation(v)}`, weight: valuationWeight(v), itemIndex: i, source: 'valuation', errorType: type });
    if (input.models.length === 0) candidates.push({ errorType: type, itemIndex: i, excess: valuationWeight(v) });
  });

  let declarationLogit = 0;
  for (const e of input.entities) {
    declarationLogit += e.weight;
    reasons.push({ text: e.text, weight: e.weight, source: 'entity', errorType: 'other' });
    candidates.push({ errorType: 'other', itemIndex: null, excess: e.weight });
  }
  const discrepancyWeights: number[] = [];
  let discrepancyLogit = 0;
  for (const d of facts.discrepancies) {
    const weight = Math.max(0, Math.min(DISCREPANCY_WEIGHT, MAX_DISCREPANCY_LOGIT - discrepancyLogit));
    discrepancyLogit += weight;
    discrepancyWeights.push(weight);
    const itemIndex = itemOf(d.field);
    const errorType = discrepancyType(d);
    reasons.push({ text: describeDiscrepancy(d), weight, ...(itemIndex !== undefined ? { itemIndex } : {}), source: 'discrepancy', errorType });
    candidates.push({ errorType, itemIndex: itemIndex ?? null, excess: weight });
  }
  declarationLogit += discrepancyLogit;

  const itemRisk = Array.from(itemKeep, (keep) => round(1 - keep, 6));
  // No model: every item is the average item (the score then only moves with signals and rules).
  const modelScore = input.models.length === 0 ? 0.05 : Math.max(...itemRisk);
  const before = declarationLogit === 0 ? modelScore : sigmoid(logit(modelScore) + declarationLogit);

  let ruleRaise = 0;
  let ruleChannel: 'red' | 'yellow' | null = null;
  const ruleHits: RuleHit[] = [];
  for (const rule of input.rules) {
    const match = rule.predicate(facts);
    if (match === null) continue;
    const { definition } = rule;
    ruleHits.push({ ruleId: rule.id, version: rule.version, name: definition.name, scope: definition.scope, author: rule.author, action: definition.action, itemIndexes: match.itemIndexes });
    const action = definition.action;
    const items = match.itemIndexes.length > 0 ? ` (item${match.itemIndexes.length > 1 ? 's' : ''} ${match.itemIndexes.map((i) => i + 1).join(', ')})` : '';
    const text = `rule "${definition.name}" (${definition.scope}, version ${rule.version}, by ${rule.author}): ${definition.conditions.map(describeCondition).join(definition.match === 'any' ? ' or ' : ' and ')}${items}: ${describeAction(action)}`;
    let weight = RULE_SELECTION_WEIGHT;
    if (action.type === 'raise') {
      const from = Math.min(0.999, before + ruleRaise);
      ruleRaise += action.by;
      weight = logit(Math.min(0.999, before + ruleRaise)) - logit(from);
    } else {
      const channel = action.type === 'select' ? action.channel : 'yellow';
      if (ruleChannel !== 'red') ruleChannel = channel;
    }
    reasons.push({ text, weight, ...(match.itemIndexes.length === 1 ? { itemIndex: match.itemIndexes[0] } : {}), source: 'rule', ruleId: rule.id });
  }
  const score = Math.min(1, before + ruleRaise);

  const top = candidates.filter((c) => c.excess > 0).sort((a, b) => b.excess - a.excess)[0];
  const dominant = top
    ? { errorType: top.errorType, itemIndex: top.itemIndex, channel: PHYSICAL_ERROR_TYPES.includes(top.errorType) ? ('red' as const) : ('yellow' as const) }
    : { errorType: 'none', itemIndex: null, channel: 'yellow' as const };

  const ordered = dedupe(reasons)
    .filter((r) => r.weight > 0.05 || r.source === 'rule')
    .sort((a, b) => b.weight - a.weight)
    .slice(0, input.maxReasons ?? 10)
    .map((r) => ({ ...r, weight: round(r.weight, 3) }));

  return { score: round(score, 6), modelScore: round(modelScore, 6), declarationLogit: round(declarationLogit, 4), ruleRaise: round(ruleRaise, 4), itemRisk, models, dominant, ruleHits, ruleChannel, discrepancyWeights, reasons: ordered };
}

function valuationShift(errorType: string, v: ValuationComparison | null): number {
  if (v === null || !v.outlier) return 0;
  if (errorType === 'undervaluation' && v.direction === 'below') return valuationWeight(v);
  if (errorType === 'overvaluation' && v.direction === 'above') return valuationWeight(v);
  return 0;
}

function itemLabel(facts: DeclarationFacts, index: number): string {
  const item = facts.items[index];
  return `item ${index + 1} (HS ${formatHs(item.hsCode)} from ${item.origin})`;
}

function itemOf(field: string): number | undefined {
  const m = /^items\[(\d+)\]/.exec(field);
  return m ? Number(m[1]) : undefined;
}

function discrepancyType(d: Discrepancy): string {
  if (d.field.includes('hsCode')) return 'misclassification';
  if (/value/.test(d.field)) {
    const declared = parseFloat(d.declared);
    const documented = parseFloat(d.documented);
    return Number.isFinite(declared) && Number.isFinite(documented) && declared > documented ? 'overvaluation' : 'undervaluation';
  }
  if (/(quantity|Mass|packages)/.test(d.field)) return 'quantity';
  return 'other';
}

const DOCUMENT: Record<string, string> = { invoice: 'the invoice', packingList: 'the packing list', billOfLading: 'the bill of lading' };

export function describeDiscrepancy(d: Discrepancy): string {
  return `${DOCUMENT[d.document] ?? d.document} disagrees with the declaration on ${d.field}: declared ${d.declared}, documented ${d.documented}`;
}

function dedupe(reasons: RiskReason[]): RiskReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
}

function percent(p: number): string {
  return p >= 0.1 ? `${Math.round(p * 100)}%` : `${(p * 100).toFixed(1)}%`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
