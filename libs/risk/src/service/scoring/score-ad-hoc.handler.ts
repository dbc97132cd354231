import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FieldReader, InvalidFieldsError } from '@corridor/domain';
import { crossCheckDocuments, parseDeclaration } from '@corridor/declarations';
import { DeclarationScorer } from './declaration-scorer';
import type { RiskReason, RuleHit } from './score-engine';
import { ScoreAdHocDeclaration } from './score-ad-hoc.query';

export interface AdHocScore {
  score: number;
  channel: string;
  selected: boolean;
  random: false;
  threshold: number | null;
  reasons: RiskReason[];
  modelVersion: string;
  items: Array<{ itemIndex: number; hsCode: string; origin: string; risk: number; probabilities: Record<string, number> }>;
  ruleHits: RuleHit[];
  discrepancies: ReturnType<typeof crossCheckDocuments>;
}

@QueryHandler(ScoreAdHocDeclaration)
export class ScoreAdHocDeclarationHandler implements IQueryHandler<ScoreAdHocDeclaration> {
  constructor(private readonly scorer: DeclarationScorer) {}

  async execute({ input }: ScoreAdHocDeclaration): Promise<AdHocScore> {
    const r = new FieldReader();
    const body = r.object(input, 'body');
    if (body) r.known(body, '', ['declaration']);
    if (r.errors.length > 0 || !body) throw new InvalidFieldsError('RISK.INVALID_SCORE_REQUEST', r.errors);
    const data = parseDeclaration(body.declaration, 'declaration');
    const discrepancies = crossCheckDocuments(data);
    const a = await this.scorer.assess({ declarationId: 'ad-hoc', version: 0, data, discrepancies, lodgedAt: new Date().toISOString(), trigger: 'ad-hoc', sample: false, audit: false });
    return {
      score: a.breakdown.score,
      channel: a.selection.channel,
      selected: a.selection.selected,
      random: false,
      threshold: a.selection.threshold,
      reasons: a.reasons,
      modelVersion: a.modelVersion,
      items: a.facts.items.map((item, i) => ({
        itemIndex: i, hsCode: item.hsCode, origin: item.origin, risk: a.breakdown.itemRisk[i],
        probabilities: Object.fromEntries(Object.entries(a.breakdown.models).map(([type, m]) => [type, m.adjusted[i]])),
      })),
      ruleHits: a.breakdown.ruleHits,
      discrepancies,
    };
  }
}
