export const ROLES = ['trader', 'broker', 'officer', 'agency', 'engineer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who made a request, as the JWT says. */
export interface Principal {
  id: string;
  roles: Role[];
}
