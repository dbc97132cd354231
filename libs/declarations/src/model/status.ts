import { ConflictError } from '@corridor/domain';

export const DECLARATION_STATUSES = ['lodged', 'risk-assessed', 'released', 'referred', 'inspected', 'cleared', 'cancelled'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** lodged -> risk-assessed -> released | referred -> inspected -> cleared; cancelled before a decision. */
const NEXT: Record<DeclarationStatus, readonly DeclarationStatus[]> = {
  lodged: ['risk-assessed', 'cancelled'],
  'risk-assessed': ['released', 'referred', 'risk-assessed', 'cancelled'],
  released: [],
  referred: ['inspected'],
  inspected: ['cleared', 'referred'],
  cleared: [],
  cancelled: [],
};

/** Statuses in which the declarant may still amend; an amendment sends it back to risk. */
export const AMENDABLE: readonly DeclarationStatus[] = ['lodged', 'risk-assessed'];

export function assertTransition(from: DeclarationStatus, to: DeclarationStatus): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].length > 0 ? NEXT[from].join(', ') : 'nothing (final)';
    throw new ConflictError('DECLARATION.INVALID_TRANSITION', `a declaration that is ${from} cannot become ${to}; from ${from} it may become ${allowed}`, 'status');
  }
}

export function allowedNext(from: DeclarationStatus): readonly DeclarationStatus[] {
  return NEXT[from];
}
