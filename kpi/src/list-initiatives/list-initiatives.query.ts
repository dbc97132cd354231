import { Query } from '@nestjs/cqrs';
import type { InitiativeSummary } from '../model/views';

/** The portfolio: every initiative with its phase, gate status and days in phase against plan. */
export class ListInitiatives extends Query<InitiativeSummary[]> {}
