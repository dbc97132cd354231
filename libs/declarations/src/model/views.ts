import type { DeclarationData, DeclarationType } from './declaration';
import type { Discrepancy } from './cross-check';
import type { DeclarationStatus } from './status';

export type RiskChannel = 'green' | 'yellow' | 'red';

/** What the risk context reports back; kept on the declaration as its latest assessment. */
export interface RiskAssessment {
  version: number;
  score: number;
  channel: RiskChannel;
  /** Selected for control by risk (not by the random sample). */
  selected: boolean;
  /** Selected by the random compliance sample. */
  random: boolean;
  reasons: Array<{ text: string; weight?: number; itemIndex?: number }>;
  assessedAt: string;
  modelVersion?: string;
}

export interface LedgerReceipt {
  index: number;
  leafHash: string;
  treeSize: number;
  /** The exact JSON appended (RFC 8785-canonicalised before hashing). */
  entry: { type: 'corridor.declaration.v1'; declarationId: string; version: number; sha256: string };
}

export interface DeclarationView {
  id: string;
  version: number;
  status: DeclarationStatus;
  type: DeclarationType;
  lodgedAt: string;
  updatedAt: string;
  /** When this version was recorded, and why (amendments). */
  versionCreatedAt: string;
  reason?: string;
  /** SHA-256 of the RFC 8785 canonical form of `declaration`, hex. */
  hash: string;
  ledger: LedgerReceipt;
  discrepancies: Discrepancy[];
  risk?: RiskAssessment;
  allowedTransitions: DeclarationStatus[];
  declaration: DeclarationData;
}

export interface DeclarationSummary {
  id: string;
  version: number;
  status: DeclarationStatus;
  type: DeclarationType;
  declarantId: string;
  importerId?: string;
  carrierId?: string;
  plate?: string;
  transponder?: string;
  officeOfEntry: string;
  expectedArrival: string;
  lodgedAt: string;
  itemCount: number;
  risk?: Pick<RiskAssessment, 'score' | 'channel' | 'selected' | 'random' | 'version'>;
}

export interface StatusChange {
  status: DeclarationStatus;
  at: string;
  by: string;
  note?: string;
  details?: unknown;
}

export interface InspectionFinding {
  itemIndex?: number;
  /** e.g. misclassification, origin, undervaluation, overvaluation, missing-certificate, other */
  errorType: string;
  note?: string;
}

export interface InspectionResult {
  result: 'compliant' | 'non-compliant';
  findings?: InspectionFinding[];
}
