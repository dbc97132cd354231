import { Query } from '@nestjs/cqrs';
import type { InitiativeView } from '../model/views';

/** One initiative with its phase history, KPIs and their latest measurements. */
export class GetInitiative extends Query<InitiativeView> {
  constructor(readonly initiativeId: string) {
    super();
  }
}
