import { Injectable } from '@nestjs/common';
import type { DeclarationData, Discrepancy } from '@corridor/declarations';
import type { RiskRecord } from '../../model/prepared-row';
import { contactCounts, ENTITY_WINDOW_DAYS, entitySignals, isFirstTime } from '../entity-signals/entity-signals';
import { declarationFacts, partyContacts, type DeclarationFacts, type PartyContact } from '../facts/declaration-facts';
import { ModelRegistry } from '../learning/model-registry';
import { riskRecord } from '../learning/risk-schema';
import { RuleBook } from '../manage-rules/rule-book';
import { HistoryRepository } from '../persistence/history.repository';
import { selectChannel, type SelectionOutcome } from '../selection-policy/selection-policy';
import { SelectionSettings } from '../selection-policy/selection-settings';
import { ValuationService } from '../valuation/valuation.service';
import { scoreDeclaration, type RiskReason, type ScoreBreakdown } from './score-engine';

export interface AssessmentRequest {
  declarationId: string;
  version: number;
  data: DeclarationData;
  discrepancies: readonly Discrepancy[];
  /** When this version was lodged: the party-history window ends here. */
  lodgedAt: string;
  trigger: 'lodged' | 'amended' | 'sweep' | 'inspection' | 'ad-hoc';
  /** Draw the random compliance sample (not for what-if scoring). Default true. */
  sample?: boolean;
  /** Build the audit document (not needed when nothing is stored). Default true. */
  audit?: boolean;
}

export interface Assessment {
  declarationId: string;
  version: number;
  assessedAt: string;
  facts: DeclarationFacts;
  records: RiskRecord[];
  contacts: PartyContact[];
  breakdown: ScoreBreakdown;
  selection: SelectionOutcome;
  reasons: RiskReason[];
  modelVersion: string;
  /** The full reasoning, stored with the assessment and served to auditors (empty when not asked for). */
  audit: Record<string, unknown>;
}

const DAY = 86_400_000;

/**
 * Scores one declaration version: gathers its signals (valuation, parties, discrepancies),
 * model rows, models, rules and the selection policy, and returns the result with its full
 * reasoning. It stores nothing: the scoring job records and stores, a what-if does not.
 */
@Injectable()
export class DeclarationScorer {
  constructor(
    private readonly models: ModelRegistry,
    private readonly valuation: ValuationService,
    private readonly rules: RuleBook,
    private readonly selection: SelectionSettings,
    private readonly history: HistoryRepository,
  ) {}

  async assess(request: AssessmentRequest): Promise<Assessment> {
    const { declarationId, version, data } = request;
    const assessedAt = new Date().toISOString();
    const facts = declarationFacts(data, request.discrepancies);
    const contacts = partyContacts(data);
    const lodged = Date.parse(request.lodgedAt);
    const since = new Date((Number.isNaN(lodged) ? Date.now() : lodged) - ENTITY_WINDOW_DAYS * DAY).toISOString();
    const [histories, reference, handles, rules, policy, recent] = await Promise.all([
      this.history.partyHistories([...new Set(contacts.map((c) => c.partyId))], since),
      this.valuation.ready(),
      this.models.handles(),
      this.rules.active(facts),
      this.selection.policy(),
      this.selection.history(),
    ]);
    const entities = entitySignals(declarationId, contacts, histories);
    const valuation = facts.items.map((item) => reference.compare(item.hs6, item.origin, item.currency, item.valuePerKg));
    const importer = contacts.find((c) => c.role === 'importer');
    const importerCounts = importer ? contactCounts(importer, histories.get(importer.partyId)) : { phones: 0, addresses: 0 };
    const records = facts.items.map((item, i) => riskRecord(declarationId, facts, item, {
      valuation: valuation[i], entities, importerPhones: importerCounts.phones, importerAddresses: importerCounts.addresses,
      firstTimeImporter: importer ? isFirstTime(declarationId, histories.get(importer.partyId)) : null,
    }));

    const breakdown = scoreDeclaration({ facts, records, valuation, entities, models: handles, rules });
    const effective = request.sample === false ? { ...policy, randomRate: 0 } : policy;
    const selection = selectChannel({ key: `${declarationId}:${version}`, score: breakdown.score, ruleChannel: breakdown.ruleChannel, riskChannel: breakdown.dominant.channel }, recent, effective);
    const reasons = [...breakdown.reasons];
    if (selection.basis === 'score') {
      reasons.push({ text: `score ${breakdown.score.toFixed(3)} is at or above the selection threshold ${(selection.threshold as number).toFixed(3)} (target: ${pct(selection.targetRate)} of declarations, from the last ${selection.historySize} scores)`, weight: 0, source: 'sample' });
    }
    if (selection.random) {
      reasons.push({ text: `selected by the random compliance sample (${pct(selection.randomRate)} of declarations), not by risk`, weight: 0, source: 'sample' });
    }
    const modelVersion = handles.map((h) => `${h.errorType}@${h.version}`).join(' ');
    if (request.audit === false) return { declarationId, version, assessedAt, facts, records, contacts, breakdown, selection, reasons, modelVersion, audit: {} };
    const audit = {
      declarationId, version, assessedAt, trigger: request.trigger,
      inputs: { facts, records, contacts: contacts.map((c) => ({ role: c.role, partyId: c.partyId, hasPhone: Boolean(c.phone), hasAddress: Boolean(c.address) })) },
      signals: {
        valuation: valuation.map((v, itemIndex) => ({ itemIndex, ...(v ?? { reference: null }) })),
        entities,
        discrepancies: facts.discrepancies.map((d, i) => ({ ...d, weight: breakdown.discrepancyWeights[i] })),
        partyHistory: [...histories].map(([partyId, h]) => ({ partyId, firstDeclarationId: h.firstDeclarationId ?? null, phones: h.phones.size, addresses: h.addresses.size, since })),
      },
      rules: { evaluated: rules.map((r) => ({ id: r.id, version: r.version, name: r.definition.name, scope: r.definition.scope })), hits: breakdown.ruleHits },
      models: Object.fromEntries(Object.entries(breakdown.models).map(([type, m]) => [type, { ...m, kind: handles.find((h) => h.errorType === type)?.model.gbdt ? 'trained' : 'statistics' }])),
      combination: { itemRisk: breakdown.itemRisk, modelScore: breakdown.modelScore, declarationLogit: breakdown.declarationLogit, ruleRaise: breakdown.ruleRaise, score: breakdown.score, dominant: breakdown.dominant },
      selection,
      reasons,
      modelVersion,
    };
    return { declarationId, version, assessedAt, facts, records, contacts, breakdown, selection, reasons, modelVersion, audit };
  }
}

function pct(rate: number): string {
  return `${Math.round(rate * 10_000) / 100}%`;
}
