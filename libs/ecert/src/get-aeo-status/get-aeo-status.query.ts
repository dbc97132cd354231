import { Query } from '@nestjs/cqrs';
import type { AeoOperatorView, AeoProgramme, AeoStatusAnswer, ArrangementView, TrustedStatus } from '../model/aeo';

/**
 * "Was operator X an AEO at time T?" as administration `asSeenBy` sees it: its own authorisations
 * and those of its mutual-recognition partners (everyone's when asSeenBy is absent).
 */
export class GetAeoStatus extends Query<AeoStatusAnswer> {
  constructor(readonly operatorId: string, readonly options: { at?: string; asSeenBy?: string; programme?: AeoProgramme } = {}) {
    super();
  }
}

/**
 * For the lanes: every trusted-trader programme (AEO, FAST, PIP) the operator was in at `at`
 * (default now), optionally as one administration sees it.
 */
export class GetTrustedStatus extends Query<TrustedStatus> {
  constructor(readonly operatorId: string, readonly at?: string | Date, readonly asSeenBy?: string) {
    super();
  }
}

/** Authorisations visible to `asSeenBy` (all when absent), with their history. */
export class ListAeoOperators extends Query<AeoOperatorView[]> {
  constructor(readonly asSeenBy?: string) {
    super();
  }
}

export class ListArrangements extends Query<ArrangementView[]> {
  constructor(readonly administration?: string) {
    super();
  }
}
