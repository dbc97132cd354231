import { createContext, useContext } from 'react';
import type { Principal } from '@corridor/web';

/** Who is signed in; pages ask it what to offer (forms for managers, read-only for others). */
export const SessionContext = createContext<Principal>({ id: 'anonymous', roles: [] });

export function useSession() {
  const principal = useContext(SessionContext);
  const has = (...roles: string[]) => roles.some((r) => principal.roles.includes(r));
  // The twin's refresh and what-if take officer, engineer or manager; admin holds every role.
  return { principal, isManager: has('manager'), canMeasure: has('manager', 'engineer'), canRunTwin: has('officer', 'engineer', 'manager', 'admin') };
}
