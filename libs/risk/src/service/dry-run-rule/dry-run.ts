import type { DeclarationFacts } from '../facts/declaration-facts';
import { describeRule, inScope, type RuleDefinition, type RulePredicate } from '../rule-language/rule-language';

/** What the risk context remembers of one past declaration, enough to replay a rule on it. */
export interface PastDeclaration {
  declarationId: string;
  facts: DeclarationFacts;
  channel: string;
  selected: boolean;
  random: boolean;
  /** compliant / non-compliant once inspected, else null. */
  result: string | null;
  findings: Array<{ errorType: string; itemIndex?: number }>;
}

export interface OutcomeCounts {
  declarations: number;
  inspected: number;
  nonCompliant: number;
  /** nonCompliant / inspected (null when nothing was inspected). */
  nonCompliantRate: number | null;
}

export interface DryRunResult {
  rule: string;
  scope: string;
  /** Past declarations in the rule's scope. */
  evaluated: number;
  hits: number;
  /** hits / evaluated. */
  hitRate: number | null;
  /** Among the hits. */
  outcomes: OutcomeCounts;
  /** Among every evaluated declaration, to compare the rule against. */
  baseline: OutcomeCounts;
  /** How the hits were channelled by the assessments of the time. */
  channels: { green: number; yellow: number; red: number };
  selectedByRisk: number;
  randomSample: number;
  /** Error types found on the non-compliant hits. */
  findings: Record<string, number>;
  examples: Array<{ declarationId: string; itemIndexes: number[]; channel: string; result: string | null }>;
}

const EXAMPLES = 20;

/** Replays a rule over past declarations: how often it would have hit, and what inspections found then. */
export class DryRun {
  private evaluated = 0;
  private readonly hit: OutcomeAccumulator = new OutcomeAccumulator();
  private readonly all: OutcomeAccumulator = new OutcomeAccumulator();
  private readonly channels = { green: 0, yellow: 0, red: 0 };
  private selectedByRisk = 0;
  private randomSample = 0;
  private readonly findings: Record<string, number> = {};
  private readonly examples: DryRunResult['examples'] = [];

  constructor(private readonly rule: RuleDefinition, private readonly predicate: RulePredicate) {}

  add(d: PastDeclaration): void {
    if (!inScope(this.rule.scope, d.facts)) return;
    this.evaluated++;
    this.all.add(d);
    const match = this.predicate(d.facts);
    if (match === null) return;
    this.hit.add(d);
    if (d.channel === 'green' || d.channel === 'yellow' || d.channel === 'red') this.channels[d.channel]++;
    if (d.selected) this.selectedByRisk++;
    if (d.random) this.randomSample++;
    if (d.result === 'non-compliant') for (const type of new Set(d.findings.map((f) => f.errorType))) this.findings[type] = (this.findings[type] ?? 0) + 1;
    if (this.examples.length < EXAMPLES) this.examples.push({ declarationId: d.declarationId, itemIndexes: match.itemIndexes, channel: d.channel, result: d.result });
  }

  result(): DryRunResult {
    return {
      rule: describeRule(this.rule),
      scope: this.rule.scope,
      evaluated: this.evaluated,
      hits: this.hit.declarations,
      hitRate: this.evaluated > 0 ? round(this.hit.declarations / this.evaluated) : null,
      outcomes: this.hit.counts(),
      baseline: this.all.counts(),
      channels: { ...this.channels },
      selectedByRisk: this.selectedByRisk,
      randomSample: this.randomSample,
      findings: { ...this.findings },
      examples: [...this.examples],
    };
  }
}

class OutcomeAccumulator {
  declarations = 0;
  inspected = 0;
  nonCompliant = 0;

  add(d: PastDeclaration): void {
    this.declarations++;
    if (d.result !== null) this.inspected++;
    if (d.result === 'non-compliant') this.nonCompliant++;
  }

  counts(): OutcomeCounts {
    return { declarations: this.declarations, inspected: this.inspected, nonCompliant: this.nonCompliant, nonCompliantRate: this.inspected > 0 ? round(this.nonCompliant / this.inspected) : null };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
