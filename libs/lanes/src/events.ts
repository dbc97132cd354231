import type { DeviceKind } from './model/lane';
import type { DecisionAction } from './model/passage';
import type { RecommendationAction } from './model/recommend';

// Published after commit, for the KPI context (PIL segment times) and the console. Times are
// ISO 8601; `at` is the server time of the step.

/** A truck's first read reached a lane. `firstReadAt` is device time. */
export class PassageOpened {
  constructor(readonly passageId: string, readonly laneId: string, readonly portId: string, readonly firstReadAt: string, readonly at: string) {}
}

/**
 * A recommendation was made or changed (a late read, a risk result). `trigger` is the device
 * read that caused it, 'deadline' when the window closed with reads missing, or 'refresh' when
 * a declaration changed; `round` is 1 for the passage's first recommendation.
 */
export class PassageRecommended {
  constructor(
    readonly passageId: string,
    readonly laneId: string,
    readonly recommendation: RecommendationAction,
    readonly reasons: string[],
    readonly trigger: { device: DeviceKind; at: string; receivedAt: string } | 'deadline' | 'refresh',
    readonly round: number,
    readonly at: string,
  ) {}
}

/** The officer's decision; `followed` is whether it matched the recommendation then shown. */
export class PassageDecided {
  constructor(
    readonly passageId: string,
    readonly laneId: string,
    readonly action: DecisionAction,
    readonly recommendation: RecommendationAction | null,
    readonly followed: boolean,
    readonly by: string,
    readonly at: string,
  ) {}
}

/** The truck left the booth (see ExitTracker for how that is inferred). */
export class PassageExited {
  constructor(readonly passageId: string, readonly laneId: string, readonly decisionAt: string, readonly at: string) {}
}

export class CarrierRegistered {
  constructor(readonly carrierId: string, readonly programme: string, readonly at: string) {}
}

export class CarrierStatusChanged {
  constructor(readonly carrierId: string, readonly from: string, readonly to: string, readonly reason: string | undefined, readonly at: string) {}
}
