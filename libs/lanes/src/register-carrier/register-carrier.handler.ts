import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { CarrierRegistered, CarrierStatusChanged } from '../events';
import { parseCarrierRegistration, parseStatusChange } from '../model/carrier';
import { CarrierRepository } from '../persistence/carrier.repository';
import { toCarrierView } from './carrier-view';
import { ChangeCarrierStatus, RegisterCarrier } from './register-carrier.command';

@CommandHandler(RegisterCarrier)
export class RegisterCarrierHandler implements ICommandHandler<RegisterCarrier> {
  constructor(private readonly carriers: CarrierRepository, private readonly events: EventBus) {}

  async execute({ input }: RegisterCarrier) {
    const record = await this.carriers.register(parseCarrierRegistration(input));
    this.events.publish(new CarrierRegistered(record.id, record.programme, record.registeredAt));
    return toCarrierView(record);
  }
}

@CommandHandler(ChangeCarrierStatus)
export class ChangeCarrierStatusHandler implements ICommandHandler<ChangeCarrierStatus> {
  constructor(private readonly carriers: CarrierRepository, private readonly events: EventBus) {}

  async execute({ carrierId, input }: ChangeCarrierStatus) {
    const change = parseStatusChange(input);
    const { before, after } = await this.carriers.changeStatus(carrierId, change.status, change.reason);
    if (before !== after.status) this.events.publish(new CarrierStatusChanged(carrierId, before, after.status, change.reason, after.updatedAt));
    return toCarrierView(after);
  }
}
