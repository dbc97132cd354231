import type { RiskChannel, InspectionResult } from './model/views';

/** Published after commit; other contexts react (risk scores, lanes refresh, KPI measures). */
export class DeclarationLodged {
  constructor(
    readonly declarationId: string,
    readonly version: number,
    readonly at: string,
    /** The truck it is for (`jurisdiction:number` plate, transponder) and when it is expected, so consumers need not read the declaration. */
    readonly conveyance?: { plateKey: string | null; transponder: string | null; expectedArrival: string },
  ) {}
}
export class DeclarationAmended {
  constructor(readonly declarationId: string, readonly version: number, readonly reason: string, readonly at: string) {}
}
export class DeclarationRiskAssessed {
  constructor(readonly declarationId: string, readonly version: number, readonly channel: RiskChannel, readonly selected: boolean, readonly at: string) {}
}
export class DeclarationReleased {
  constructor(readonly declarationId: string, readonly by: string, readonly at: string) {}
}
export class DeclarationReferred {
  constructor(readonly declarationId: string, readonly by: string, readonly at: string) {}
}
export class InspectionRecorded {
  constructor(readonly declarationId: string, readonly version: number, readonly inspection: InspectionResult, readonly by: string, readonly at: string) {}
}
export class DeclarationCleared {
  constructor(readonly declarationId: string, readonly by: string, readonly at: string) {}
}
export class DeclarationCancelled {
  constructor(readonly declarationId: string, readonly by: string, readonly at: string) {}
}
