import { DomainError } from '@corridor/domain';
import type { Principal } from '@corridor/platform';
import type { RuleScope } from '../rule-language/rule-language';

/**
 * Who may write rules of a scope (ANIITA's privilege scheme): officers write rules for an
 * office; managers (and admins) write national rules and promote good regional ones.
 */
export function canWriteScope(principal: Principal, scope: RuleScope): boolean {
  if (principal.roles.includes('admin') || principal.roles.includes('manager')) return true;
  return principal.roles.includes('officer') && scope !== 'national';
}

export function assertCanWrite(principal: Principal, scope: RuleScope, field = 'scope'): void {
  if (canWriteScope(principal, scope)) return;
  const who = principal.roles.includes('officer') ? 'an officer may only write rules of an office scope (office:<UN/LOCODE>)' : 'only officers, managers and admins write rules';
  throw new DomainError('RISK.RULE_SCOPE_FORBIDDEN', `${who}; scope ${scope} needs a manager or an admin`, 'forbidden', field);
}
