import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { gateOf, InitiativeReadModel } from '../initiatives/initiative-read-model';
import type { DecisionView } from '../model/views';
import { KpiRepository } from '../persistence/kpi.repository';
import { GateDecided } from '../events';
import { decide, readDecision } from './decide';
import { DecideGate } from './decide-gate.command';

@CommandHandler(DecideGate)
export class DecideGateHandler implements ICommandHandler<DecideGate> {
  constructor(private readonly repository: KpiRepository, private readonly reader: InitiativeReadModel, private readonly events: EventBus) {}

  async execute({ initiativeId, input, principal }: DecideGate): Promise<DecisionView> {
    const data = await this.reader.load(initiativeId);
    const decision = readDecision(input);
    const gate = gateOf(data);
    const outcome = decide(gate, decision);
    const view = await this.repository.recordDecision(data.row, decision, outcome, gate, principal.id, new Date().toISOString());
    this.events.publish(new GateDecided(initiativeId, view.id, view.decision, view.from, view.phase, view.override, view.at));
    return view;
  }
}
