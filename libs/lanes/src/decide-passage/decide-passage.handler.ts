import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { InvalidFieldsError, FieldReader } from '@corridor/domain';
import { LaneEngine } from '../assemble-passages/lane-engine';
import { PassageDecided } from '../events';
import { DECISIONS, type DecisionAction } from '../model/passage';
import type { RecommendationAction } from '../model/recommend';
import { PassageRepository } from '../persistence/passage.repository';
import { DecidePassage } from './decide-passage.command';

@CommandHandler(DecidePassage)
export class DecidePassageHandler implements ICommandHandler<DecidePassage> {
  constructor(private readonly passages: PassageRepository, private readonly engine: LaneEngine, private readonly events: EventBus) {}

  async execute({ passageId, input, principal }: DecidePassage) {
    const { action, note } = parseDecision(input);
    const at = new Date().toISOString();
    const row = await this.passages.decide(passageId, { action, note, by: principal.id, at });
    const recommendation = row.recommendation as RecommendationAction | null;
    this.events.publish(new PassageDecided(row.id, row.laneId, action, recommendation, recommendation === action, principal.id, at));
    this.engine.decided(row.id, row.laneId);
    return this.passages.view(row.id);
  }
}

export function parseDecision(input: unknown): { action: DecisionAction; note?: string } {
  const r = new FieldReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['action', 'note']);
  const action = r.oneOf(body.action, 'action', DECISIONS);
  const note = r.string(body.note, 'note', { max: 2000, required: false });
  if (r.errors.length > 0 || !action) throw new InvalidFieldsError('PASSAGE.INVALID_DECISION', r.errors);
  return { action, ...(note ? { note } : {}) };
}
