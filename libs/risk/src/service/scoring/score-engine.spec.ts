import { describe, expect, it } from 'vitest';
import { createEmptyRiskModel } from '../../model/risk-model';
import type { DeclarationFacts, ItemFacts } from '../facts/declaration-facts';
import { MODEL_ERROR_TYPES, RISK_SCHEMA, riskRecord } from '../learning/risk-schema';
import { nextRun } from '../risk.lifecycle';
import { compileRule, parseRule } from '../rule-language/rule-language';
import { scoreDeclaration, type ActiveRule, type ModelHandle } from './score-engine';

const item = (index: number, hsCode: string, origin: string): ItemFacts => ({
  index, hsCode, hs6: hsCode.slice(0, 6), description: `goods ${hsCode}`, origin, quantity: 100, unit: 'kg', grossMassKg: 110, netMassKg: 100,
  value: 1000, currency: 'USD', valuePerKg: 10, certificateCount: 0, discrepancyFields: [],
});
const facts = (items: ItemFacts[]): DeclarationFacts => ({ type: 'IM', office: 'USDET', declarantId: 'US900', importerId: 'US100', transportMode: 'road', itemCount: items.length, discrepancies: [], items });
const signals = { valuation: null, entities: [], importerPhones: 1, importerAddresses: 1, firstTimeImporter: false };
const records = (f: DeclarationFacts) => f.items.map((i) => riskRecord('d', f, i, signals));
const emptyModels = (): ModelHandle[] => MODEL_ERROR_TYPES.map((errorType) => ({ errorType, model: createEmptyRiskModel(RISK_SCHEMA), version: '1.0' }));
const rule = (body: Record<string, unknown>): ActiveRule => {
  const definition = parseRule({ name: 'r', scope: 'national', ...body });
  return { id: 'rule-1', version: 2, author: 'officer-7', definition, predicate: compileRule(definition) };
};

describe('scoring a declaration', () => {
  it('gives every declaration the same score when nothing has been learnt, whatever its number of items', () => {
    const one = facts([item(0, '870830', 'CA')]);
    const many = facts([item(0, '870830', 'CA'), item(1, '080450', 'MX'), item(2, '940360', 'CN')]);
    const a = scoreDeclaration({ facts: one, records: records(one), valuation: [null], entities: [], models: emptyModels(), rules: [] });
    const b = scoreDeclaration({ facts: many, records: records(many), valuation: [null, null, null], entities: [], models: emptyModels(), rules: [] });
    expect(a.score).toBe(b.score);
    expect(a.reasons).toEqual([]);
  });

  it('learns from inspections: a past misclassification raises the score, with the reason in plain language', () => {
    const models = emptyModels();
    const flagged = facts([item(0, '08045010', 'MX'), item(1, '870899', 'CA')]);
    const clean = facts([item(0, '870830', 'CA')]);
    for (let i = 0; i < 3; i++) {
      for (const m of models) {
        const [r0, r1] = records(flagged);
        m.model.observe(r0, m.errorType === 'misclassification' ? 1 : 0);
        m.model.observe(r1, 0);
        m.model.observe(records(clean)[0], 0);
      }
    }
    const risky = scoreDeclaration({ facts: flagged, records: records(flagged), valuation: [null, null], entities: [], models, rules: [] });
    const calm = scoreDeclaration({ facts: clean, records: records(clean), valuation: [null], entities: [], models, rules: [] });
    expect(risky.score).toBeGreaterThan(calm.score);
    expect(risky.dominant).toEqual({ errorType: 'misclassification', itemIndex: 0, channel: 'red' });
    const texts = risky.reasons.map((r) => r.text);
    expect(texts).toContain('item 1 (HS 0804.50.10 from MX): HS code 0804.50: 3 of 3 past inspections found misclassification');
    expect(texts[0]).toMatch(/^item 1 \(HS 0804\.50\.10 from MX\): \d+% estimated probability of misclassification \(average \d+%\)$/);
    const weights = risky.reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
    expect(risky.models.misclassification.probabilities).toHaveLength(2);
  });

  it('applies rules: a raise adds to the score, a selection sets the channel and leads the reasons', () => {
    const f = facts([item(0, '08045010', 'EC')]);
    const base = scoreDeclaration({ facts: f, records: records(f), valuation: [null], entities: [], models: emptyModels(), rules: [] });
    const raised = scoreDeclaration({ facts: f, records: records(f), valuation: [null], entities: [], models: emptyModels(), rules: [rule({ conditions: [{ field: 'origin', value: 'EC' }], action: { type: 'raise', by: 0.3 } })] });
    expect(raised.score).toBeCloseTo(base.score + 0.3, 6);
    expect(raised.ruleChannel).toBeNull();
    const selected = scoreDeclaration({
      facts: f, records: records(f), valuation: [null], entities: [{ kind: 'first-time', role: 'importer', partyId: 'US100', weight: 0.3, text: 'importer US100 appears for the first time' }], models: emptyModels(),
      rules: [rule({ conditions: [{ field: 'hsPrefix', value: '0804' }], action: { type: 'select', channel: 'red' } }), rule({ conditions: [{ field: 'origin', value: 'EC' }], action: { type: 'require-documents', documents: ['certificate of origin'] } })],
    });
    expect(selected.ruleChannel).toBe('red');
    expect(selected.ruleHits.map((h) => h.action.type)).toEqual(['select', 'require-documents']);
    expect(selected.reasons[0].text).toBe('rule "r" (national, version 2, by officer-7): HS code starts with 0804 (item 1): select for the red channel');
    expect(selected.reasons.at(-1)?.text).toBe('importer US100 appears for the first time');
  });

  it('counts document discrepancies and party signals for the whole declaration', () => {
    const f = { ...facts([item(0, '870830', 'CA')]), discrepancies: [{ field: 'items[0].hsCode', document: 'invoice' as const, declared: '870830', documented: '870899' }] };
    const r = scoreDeclaration({ facts: f, records: records(f), valuation: [null], entities: [], models: emptyModels(), rules: [] });
    expect(r.declarationLogit).toBe(0.5);
    expect(r.reasons[0]).toMatchObject({ text: 'the invoice disagrees with the declaration on items[0].hsCode: declared 870830, documented 870899', itemIndex: 0, errorType: 'misclassification' });
  });
});

describe('the retrain schedule', () => {
  it('runs daily at the configured UTC hour', () => {
    expect(nextRun(new Date('2026-11-25T01:30:00Z'), 2)).toEqual({ delayMs: 30 * 60_000, day: '2026-11-25' });
    expect(nextRun(new Date('2026-11-25T02:00:00Z'), 2)).toEqual({ delayMs: 24 * 3_600_000, day: '2026-11-26' });
  });
});
