import { Query } from '@nestjs/cqrs';
import type { WhatIfResult } from '../engine/twin-engine';

export interface WhatIfRequest {
  hours: number;
  targetWaitSeconds: number;
}

/** Which action (open a lane, staff a booth...) keeps the PIL wait under a target over the next hours. */
export class RunWhatIf extends Query<WhatIfResult> {
  constructor(readonly request: WhatIfRequest) {
    super();
  }
}
