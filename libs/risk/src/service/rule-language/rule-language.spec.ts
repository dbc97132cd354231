import { InvalidFieldsError } from '@corridor/domain';
import { describe, expect, it } from 'vitest';
import type { DeclarationFacts, ItemFacts } from '../facts/declaration-facts';
import { compileRule, describeRule, inScope, parseRule } from './rule-language';

const item = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  index: 0, hsCode: '08045010', hs6: '080450', description: 'Fresh mangoes', origin: 'EC', quantity: 1000, unit: 'kg', grossMassKg: 1100, netMassKg: 1000,
  value: 800, currency: 'USD', valuePerKg: 0.8, certificateCount: 0, discrepancyFields: [], ...over,
});

const facts = (over: Partial<DeclarationFacts> = {}): DeclarationFacts => ({
  type: 'IM', office: 'USDET', declarantId: 'US987650001', importerId: 'US123456789', exporterId: 'EC555000111', incoterm: 'FOB', transportMode: 'road',
  itemCount: 2, discrepancies: [], items: [item(), item({ index: 1, hsCode: '870830', hs6: '870830', origin: 'CA', valuePerKg: 10, value: 10_000 })], ...over,
});

const rule = (over: Record<string, unknown> = {}) => ({
  name: 'Cheap mangoes from EC', scope: 'national',
  conditions: [{ field: 'hsPrefix', value: '0804' }, { field: 'origin', value: 'EC' }, { field: 'valuePerKg', op: 'lt', value: 1 }],
  action: { type: 'select', channel: 'red' }, ...over,
});

function errorsOf(input: unknown, prefix = ''): Array<{ field: string; message: string }> {
  try {
    parseRule(input, prefix);
  } catch (error) {
    if (error instanceof InvalidFieldsError) return error.errors;
    throw error;
  }
  throw new Error('parsed');
}

describe('the rule language', () => {
  it('parses a rule, filling default operators and normalising values', () => {
    const parsed = parseRule(rule({ conditions: [{ field: 'hsPrefix', value: '0804.50' }, { field: 'origin', value: ['ec', 'PE'] }, { field: 'description', value: 'MANGO' }] }));
    expect(parsed.match).toBe('all');
    expect(parsed.conditions).toEqual([
      { field: 'hsPrefix', op: 'eq', value: '080450' },
      { field: 'origin', op: 'in', value: ['EC', 'PE'] },
      { field: 'description', op: 'contains', value: 'MANGO' },
    ]);
  });

  it('names an unknown field by its path', () => {
    const errors = errorsOf(rule({ conditions: [{ field: 'origin', value: 'EC' }, { field: 'colour', value: 'red' }] }));
    expect(errors[0].field).toBe('conditions[1].field');
    expect(errors[0].message).toContain('unknown field "colour"');
  });

  it('names every bad part of a rule, not only the first', () => {
    const errors = errorsOf({ name: '', scope: 'galaxy', conditions: [{ field: 'valuePerKg', op: 'startsWith', value: 3 }, { field: 'origin', value: 'QQ' }, { field: 'hsPrefix', value: 'abc' }], action: { type: 'raise', by: 7 }, extra: 1 });
    expect(errors.map((e) => e.field)).toEqual(['extra', 'name', 'scope', 'conditions[0].op', 'conditions[1].value', 'conditions[2].value', 'action.by']);
  });

  it('prefixes paths when the rule is nested in a request', () => {
    expect(errorsOf({ rule: 1 }.rule, 'rule')[0].field).toBe('rule');
    expect(errorsOf(rule({ conditions: [{ field: 'nope' }] }), 'rule')[0].field).toBe('rule.conditions[0].field');
  });

  it('checks values against their field: between needs [low, high], lists need in, offices are UN/LOCODEs', () => {
    expect(errorsOf(rule({ conditions: [{ field: 'value', op: 'between', value: [5, 1] }] }))[0].field).toBe('conditions[0].value');
    expect(errorsOf(rule({ conditions: [{ field: 'origin', op: 'eq', value: ['EC'] }] }))[0].field).toBe('conditions[0].value');
    expect(errorsOf(rule({ scope: 'office:NOWHERE' }))[0].field).toBe('scope');
    expect(errorsOf(rule({ conditions: [] }))[0].field).toBe('conditions');
    expect(errorsOf(rule({ action: { type: 'select', channel: 'blue' } }))[0].field).toBe('action.channel');
    expect(parseRule(rule({ scope: 'office:usdet' })).scope).toBe('office:USDET');
  });

  it('hits when one item meets every item condition, and names that item', () => {
    const predicate = compileRule(parseRule(rule()));
    expect(predicate(facts())).toEqual({ itemIndexes: [0] });
    expect(predicate(facts({ items: [item({ valuePerKg: 3 })] }))).toBeNull();
    // The conditions must hold on the same item: EC on one, cheap on another is no hit.
    expect(predicate(facts({ items: [item({ valuePerKg: 5 }), item({ index: 1, origin: 'PE' })] }))).toBeNull();
  });

  it('evaluates declaration conditions, discrepancies, numbers and "any"', () => {
    const withDiscrepancy = facts({ discrepancies: [{ field: 'items[].value', document: 'invoice', declared: '1', documented: '2' }] });
    const discrepancy = compileRule(parseRule(rule({ conditions: [{ field: 'discrepancy', value: true }, { field: 'importerId', value: 'US123456789' }] })));
    expect(discrepancy(withDiscrepancy)).toEqual({ itemIndexes: [] });
    expect(discrepancy(facts())).toBeNull();
    const field = compileRule(parseRule(rule({ conditions: [{ field: 'discrepancyField', op: 'contains', value: 'value' }] })));
    expect(field(withDiscrepancy)).not.toBeNull();
    const any = compileRule(parseRule(rule({ match: 'any', conditions: [{ field: 'incoterm', value: 'EXW' }, { field: 'value', op: 'gte', value: 5000 }] })));
    expect(any(facts())).toEqual({ itemIndexes: [1] });
    expect(any(facts({ items: [item()] }))).toBeNull();
    const between = compileRule(parseRule(rule({ conditions: [{ field: 'itemCount', op: 'between', value: [2, 3] }, { field: 'hsCode', op: 'notIn', value: ['08045010'] }] })));
    expect(between(facts())).toEqual({ itemIndexes: [1] });
  });

  it('applies a rule only within its scope', () => {
    expect(inScope('national', { office: 'CAWND' })).toBe(true);
    expect(inScope('office:USDET', { office: 'USDET' })).toBe(true);
    expect(inScope('office:USDET', { office: 'CAWND' })).toBe(false);
  });

  it('describes a rule in plain language', () => {
    expect(describeRule(parseRule(rule()))).toBe('HS code starts with 0804 and origin is EC and value per kg < 1: select for the red channel');
    expect(describeRule(parseRule(rule({ conditions: [{ field: 'discrepancy' }], action: { type: 'require-documents', documents: ['invoice'] } })))).toBe('has a document discrepancy: require invoice (yellow channel)');
  });
});
