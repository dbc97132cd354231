import { CountryCode, FieldReader, InvalidFieldsError, InvalidValueError, isCurrency, TraderId, UnLocode, type Json } from '@corridor/domain';
import { formatHs, type DeclarationFacts, type ItemFacts } from '../facts/declaration-facts';

/**
 * Expert rules as data (the ANIITA idea): a rule is a list of conditions over declaration and
 * item fields and one action. With `match: all` (the default) every declaration-level condition
 * must hold and one goods item must satisfy every item-level condition; with `match: any` one
 * condition is enough. Rules are parsed once (every error named by its path, e.g.
 * `conditions[1].field`) and compiled into closures, so evaluating them costs microseconds.
 */

export type RuleScope = 'national' | `office:${string}`;

export type RuleAction =
  /** Select the declaration for control in this channel. */
  | { type: 'select'; channel: 'red' | 'yellow' }
  /** Add `by` (0 to 1) to the declaration's score. */
  | { type: 'raise'; by: number }
  /** Documentary check (yellow channel) asking for these documents. */
  | { type: 'require-documents'; documents: string[] };

export const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'startsWith', 'contains', 'lt', 'lte', 'gt', 'gte', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];
export type ConditionValue = string | number | boolean | string[] | [number, number];

export interface Condition {
  field: RuleField;
  op: Operator;
  value: ConditionValue;
}

export interface RuleDefinition {
  name: string;
  description?: string;
  scope: RuleScope;
  match: 'all' | 'any';
  conditions: Condition[];
  action: RuleAction;
}

type Kind = 'code' | 'hsPrefix' | 'text' | 'number' | 'boolean' | 'fieldList';
type Level = 'declaration' | 'item';

interface FieldSpec {
  level: Level;
  kind: Kind;
  label: string;
  /** Validates and normalises one value (throws a DomainError). */
  normalise?: (value: string, field: string) => string;
  declaration?: (facts: DeclarationFacts) => string | number | boolean | string[] | undefined;
  item?: (item: ItemFacts, facts: DeclarationFacts) => string | number | boolean | string[] | undefined | null;
}

const country = (v: string, f: string) => CountryCode.parse(v, f).code;
const trader = (v: string, f: string) => TraderId.parse(v, f).value;
const upper = (v: string) => v.trim().toUpperCase();
const digits = (v: string, f: string) => {
  const d = v.replace(/[.\s]/g, '');
  if (!/^\d{2,10}$/.test(d)) throw new InvalidValueError('RISK.INVALID_RULE', f, `"${v}" must be 2 to 10 digits of an HS code`);
  return d;
};
const currency = (v: string, f: string) => {
  const c = upper(v);
  if (!isCurrency(c)) throw new InvalidValueError('RISK.INVALID_RULE', f, `"${v}" is not an ISO 4217 currency`);
  return c;
};

/** Every field a condition may name, with its level, kind and how it is read. */
export const RULE_FIELDS = {
  type: { level: 'declaration', kind: 'code', label: 'declaration type', normalise: upper, declaration: (f) => f.type },
  office: { level: 'declaration', kind: 'code', label: 'office', normalise: (v, f) => UnLocode.parse(v, f).value, declaration: (f) => f.office },
  importerId: { level: 'declaration', kind: 'code', label: 'importer', normalise: trader, declaration: (f) => f.importerId },
  declarantId: { level: 'declaration', kind: 'code', label: 'declarant', normalise: trader, declaration: (f) => f.declarantId },
  exporterId: { level: 'declaration', kind: 'code', label: 'exporter', normalise: trader, declaration: (f) => f.exporterId },
  carrierId: { level: 'declaration', kind: 'code', label: 'carrier', normalise: trader, declaration: (f) => f.carrierId },
  incoterm: { level: 'declaration', kind: 'code', label: 'incoterm', normalise: upper, declaration: (f) => f.incoterm },
  transportMode: { level: 'declaration', kind: 'code', label: 'transport mode', normalise: (v) => v.trim().toLowerCase(), declaration: (f) => f.transportMode },
  itemCount: { level: 'declaration', kind: 'number', label: 'number of items', declaration: (f) => f.itemCount },
  discrepancy: { level: 'declaration', kind: 'boolean', label: 'a document discrepancy', declaration: (f) => f.discrepancies.length > 0 },
  discrepancyCount: { level: 'declaration', kind: 'number', label: 'number of document discrepancies', declaration: (f) => f.discrepancies.length },
  discrepancyField: { level: 'declaration', kind: 'fieldList', label: 'discrepancy field', declaration: (f) => f.discrepancies.map((d) => d.field) },
  hsCode: { level: 'item', kind: 'code', label: 'HS code', normalise: digits, item: (i) => i.hsCode },
  hsPrefix: { level: 'item', kind: 'hsPrefix', label: 'HS code', normalise: digits, item: (i) => i.hsCode },
  origin: { level: 'item', kind: 'code', label: 'origin', normalise: country, item: (i) => i.origin },
  currency: { level: 'item', kind: 'code', label: 'currency', normalise: currency, item: (i) => i.currency },
  unit: { level: 'item', kind: 'code', label: 'unit', normalise: (v) => v.trim().toLowerCase(), item: (i) => i.unit },
  description: { level: 'item', kind: 'text', label: 'description', item: (i) => i.description },
  quantity: { level: 'item', kind: 'number', label: 'quantity', item: (i) => i.quantity },
  grossMassKg: { level: 'item', kind: 'number', label: 'gross mass (kg)', item: (i) => i.grossMassKg },
  netMassKg: { level: 'item', kind: 'number', label: 'net mass (kg)', item: (i) => i.netMassKg },
  value: { level: 'item', kind: 'number', label: 'declared value', item: (i) => i.value },
  valuePerKg: { level: 'item', kind: 'number', label: 'value per kg', item: (i) => i.valuePerKg },
  certificateCount: { level: 'item', kind: 'number', label: 'number of certificates', item: (i) => i.certificateCount },
  itemDiscrepancy: { level: 'item', kind: 'boolean', label: 'a document discrepancy on the item', item: (i) => i.discrepancyFields.length > 0 },
} satisfies Record<string, FieldSpec>;

export type RuleField = keyof typeof RULE_FIELDS;
export const RULE_FIELD_NAMES = Object.keys(RULE_FIELDS) as RuleField[];

const OPERATORS_BY_KIND: Record<Kind, readonly Operator[]> = {
  code: ['eq', 'ne', 'in', 'notIn', 'startsWith'],
  hsPrefix: ['eq', 'in', 'notIn'],
  text: ['eq', 'contains'],
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between'],
  boolean: ['eq'],
  fieldList: ['eq', 'in', 'contains'],
};

const ACTIONS = ['select', 'raise', 'require-documents'] as const;
const RULE_KEYS = ['name', 'description', 'scope', 'match', 'conditions', 'action'];

/** Parses an untrusted rule body; throws InvalidFieldsError (400) naming every bad path. */
export function parseRule(input: unknown, prefix = ''): RuleDefinition {
  const r = new FieldReader();
  const at = (field: string) => path(prefix, field);
  const root = r.object(input, prefix || 'body');
  if (!root) throw new InvalidFieldsError('RISK.INVALID_RULE', r.errors);
  r.known(root, prefix, RULE_KEYS);
  const name = r.string(root.name, at('name'), { max: 120 });
  const description = r.string(root.description, at('description'), { max: 2000, required: false });
  const scope = parseScope(r, root.scope, at('scope'));
  const match = r.oneOf(root.match, at('match'), ['all', 'any'] as const, false) ?? 'all';
  const conditions = r.array(root.conditions, at('conditions'), { min: 1, max: 30 })?.map((c, i) => parseCondition(r, c, at(`conditions[${i}]`)));
  const action = parseAction(r, root.action, at('action'));
  if (r.errors.length > 0) throw new InvalidFieldsError('RISK.INVALID_RULE', r.errors);
  return { name: name as string, ...(description ? { description } : {}), scope: scope as RuleScope, match, conditions: conditions as Condition[], action: action as RuleAction };
}

/** `prefix.field`, or `field` alone without a prefix. */
function path(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

export function parseScope(r: FieldReader, input: unknown, field: string): RuleScope | undefined {
  const raw = r.string(input, field, { max: 40 });
  if (raw === undefined) return undefined;
  if (raw === 'national') return 'national';
  const m = /^office:(.+)$/.exec(raw);
  if (!m) return r.fail(field, `must be "national" or "office:<UN/LOCODE>" such as "office:USDET", got "${raw}"`);
  const office = r.value(field, () => UnLocode.parse(m[1], field).value);
  return office === undefined ? undefined : `office:${office}`;
}

function parseCondition(r: FieldReader, input: unknown, field: string): Condition | undefined {
  const c = r.object(input, field);
  if (!c) return undefined;
  r.known(c, field, ['field', 'op', 'value']);
  const name = r.string(c.field, `${field}.field`, { max: 40 });
  if (name === undefined) return undefined;
  if (!(name in RULE_FIELDS)) return r.fail(`${field}.field`, `unknown field "${name}" (known: ${RULE_FIELD_NAMES.join(', ')})`);
  const spec: FieldSpec = RULE_FIELDS[name as RuleField];
  const allowed = OPERATORS_BY_KIND[spec.kind];
  const op = c.op === undefined ? defaultOperator(spec.kind, c.value) : r.oneOf(c.op, `${field}.op`, allowed);
  if (op === undefined) return undefined;
  const value = parseValue(r, spec, op, c.value, `${field}.value`);
  if (value === undefined) return undefined;
  return { field: name as RuleField, op, value };
}

function defaultOperator(kind: Kind, value: unknown): Operator {
  if (kind === 'text') return 'contains';
  if (kind === 'boolean') return 'eq';
  return Array.isArray(value) && kind !== 'number' ? 'in' : 'eq';
}

function parseValue(r: FieldReader, spec: FieldSpec, op: Operator, input: unknown, field: string): ConditionValue | undefined {
  if (spec.kind === 'boolean') {
    if (input === undefined) return true;
    return r.boolean(input, field);
  }
  if (spec.kind === 'number') {
    if (op === 'between') {
      const pair = r.array(input, field, { min: 2, max: 2 });
      if (!pair) return undefined;
      const lo = r.number(pair[0], `${field}[0]`, { min: -1e15, max: 1e15 });
      const hi = r.number(pair[1], `${field}[1]`, { min: -1e15, max: 1e15 });
      if (lo === undefined || hi === undefined) return undefined;
      if (lo > hi) return r.fail(field, `must be [low, high] with low <= high, got [${lo}, ${hi}]`);
      return [lo, hi];
    }
    return r.number(input, field, { min: -1e15, max: 1e15 });
  }
  const one = (value: unknown, at: string): string | undefined => {
    const text = r.string(value, at, { max: 200 });
    if (text === undefined) return undefined;
    return spec.normalise ? r.value(at, () => (spec.normalise as (v: string, f: string) => string)(text, at)) : text;
  };
  if (op === 'in' || op === 'notIn') {
    const list = r.array(input, field, { min: 1, max: 500 });
    if (!list) return undefined;
    const values = list.map((v, i) => one(v, `${field}[${i}]`));
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  }
  if (Array.isArray(input)) return r.fail(field, `must be a single value with "${op}" (use "in" for a list)`);
  return one(input, field);
}

function parseAction(r: FieldReader, input: unknown, field: string): RuleAction | undefined {
  const a = r.object(input, field);
  if (!a) return undefined;
  const type = r.oneOf(a.type, `${field}.type`, ACTIONS);
  switch (type) {
    case 'select': {
      r.known(a, field, ['type', 'channel']);
      const channel = r.oneOf(a.channel, `${field}.channel`, ['red', 'yellow'] as const);
      return channel ? { type, channel } : undefined;
    }
    case 'raise': {
      r.known(a, field, ['type', 'by']);
      const by = r.number(a.by, `${field}.by`, { min: 0.001, max: 1 });
      return by === undefined ? undefined : { type, by };
    }
    case 'require-documents': {
      r.known(a, field, ['type', 'documents']);
      const documents = r.array(a.documents, `${field}.documents`, { min: 1, max: 20 })?.map((d, i) => r.string(d, `${field}.documents[${i}]`, { max: 120 }));
      return documents && documents.every((d): d is string => d !== undefined) ? { type, documents } : undefined;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface RuleMatch {
  /** Items that satisfied the item-level conditions; empty when the rule has none. */
  itemIndexes: number[];
}

export type RulePredicate = (facts: DeclarationFacts) => RuleMatch | null;

type Test = (value: unknown) => boolean;

function testOf(spec: FieldSpec, condition: Condition): Test {
  const { op, value } = condition;
  switch (spec.kind) {
    case 'number': {
      const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
      if (op === 'between') {
        const [lo, hi] = value as [number, number];
        return (v) => num(v) && v >= lo && v <= hi;
      }
      const x = value as number;
      const compare: Record<string, (v: number) => boolean> = { eq: (v) => v === x, ne: (v) => v !== x, lt: (v) => v < x, lte: (v) => v <= x, gt: (v) => v > x, gte: (v) => v >= x };
      const f = compare[op];
      return (v) => num(v) && f(v);
    }
    case 'boolean':
      return (v) => v === value;
    case 'text': {
      const needle = String(value).toLowerCase();
      return op === 'eq' ? (v) => typeof v === 'string' && v.trim().toLowerCase() === needle : (v) => typeof v === 'string' && v.toLowerCase().includes(needle);
    }
    case 'hsPrefix': {
      const prefixes = Array.isArray(value) ? (value as string[]) : [value as string];
      const hit = (v: unknown) => typeof v === 'string' && prefixes.some((p) => v.startsWith(p));
      return op === 'notIn' ? (v) => typeof v === 'string' && !hit(v) : hit;
    }
    case 'fieldList': {
      const wanted = Array.isArray(value) ? (value as string[]) : [value as string];
      if (op === 'contains') return (v) => Array.isArray(v) && v.some((f) => wanted.some((w) => String(f).includes(w)));
      return (v) => Array.isArray(v) && v.some((f) => wanted.includes(String(f)));
    }
    case 'code': {
      if (op === 'in' || op === 'notIn') {
        const set = new Set(value as string[]);
        return op === 'in' ? (v) => typeof v === 'string' && set.has(v) : (v) => typeof v === 'string' && !set.has(v);
      }
      const x = value as string;
      if (op === 'startsWith') return (v) => typeof v === 'string' && v.startsWith(x);
      if (op === 'ne') return (v) => typeof v === 'string' && v !== x;
      return (v) => v === x;
    }
  }
}

/** Compiles a parsed rule into a predicate over declaration facts. */
export function compileRule(rule: RuleDefinition): RulePredicate {
  const declarationTests: Array<(f: DeclarationFacts) => boolean> = [];
  const itemTests: Array<(i: ItemFacts, f: DeclarationFacts) => boolean> = [];
  for (const condition of rule.conditions) {
    const spec: FieldSpec = RULE_FIELDS[condition.field];
    const test = testOf(spec, condition);
    if (spec.level === 'declaration') {
      const read = spec.declaration as NonNullable<FieldSpec['declaration']>;
      declarationTests.push((f) => test(read(f)));
    } else {
      const read = spec.item as NonNullable<FieldSpec['item']>;
      itemTests.push((i, f) => test(read(i, f)));
    }
  }
  if (rule.match === 'any') {
    return (facts) => {
      const items = itemTests.length === 0 ? [] : facts.items.filter((item) => itemTests.some((t) => t(item, facts))).map((i) => i.index);
      if (items.length > 0 || declarationTests.some((t) => t(facts))) return { itemIndexes: items };
      return null;
    };
  }
  return (facts) => {
    for (const t of declarationTests) if (!t(facts)) return null;
    if (itemTests.length === 0) return { itemIndexes: [] };
    const items: number[] = [];
    for (const item of facts.items) if (itemTests.every((t) => t(item, facts))) items.push(item.index);
    return items.length > 0 ? { itemIndexes: items } : null;
  };
}

/** Whether a rule of this scope applies at the declaration's office. */
export function inScope(scope: RuleScope, facts: Pick<DeclarationFacts, 'office'>): boolean {
  return scope === 'national' || scope === `office:${facts.office}`;
}

// ---------------------------------------------------------------------------------------------
// Plain language

const OP_WORDS: Record<Operator, string> = { eq: 'is', ne: 'is not', in: 'is one of', notIn: 'is none of', startsWith: 'starts with', contains: 'contains', lt: '<', lte: '<=', gt: '>', gte: '>=', between: 'is between' };

export function describeCondition(c: Condition): string {
  const spec: FieldSpec = RULE_FIELDS[c.field];
  const show = (v: string) => (spec.kind === 'hsPrefix' || c.field === 'hsCode' ? formatHs(v) : v);
  if (spec.kind === 'boolean') return `${c.value ? 'has a' : 'has no'} ${spec.label.replace(/^an? /, '')}`;
  if (spec.kind === 'hsPrefix') {
    const list = (Array.isArray(c.value) ? c.value : [c.value]) as string[];
    return `${spec.label} ${c.op === 'notIn' ? 'starts with none of' : 'starts with'} ${list.map(show).join(' or ')}`;
  }
  if (c.op === 'between') return `${spec.label} is between ${(c.value as number[])[0]} and ${(c.value as number[])[1]}`;
  if (Array.isArray(c.value)) return `${spec.label} ${OP_WORDS[c.op]} ${(c.value as string[]).map(show).join(', ')}`;
  return `${spec.label} ${OP_WORDS[c.op]} ${typeof c.value === 'string' ? show(c.value) : String(c.value)}`;
}

export function describeAction(action: RuleAction): string {
  switch (action.type) {
    case 'select': return `select for the ${action.channel} channel`;
    case 'raise': return `raise the score by ${action.by}`;
    case 'require-documents': return `require ${action.documents.join(', ')} (yellow channel)`;
  }
}

export function describeRule(rule: RuleDefinition): string {
  return `${rule.conditions.map(describeCondition).join(rule.match === 'any' ? ' or ' : ' and ')}: ${describeAction(rule.action)}`;
}

/** The rule body as stored (JSON), without undefined members. */
export function ruleJson(rule: RuleDefinition): Json {
  return JSON.parse(JSON.stringify(rule));
}
