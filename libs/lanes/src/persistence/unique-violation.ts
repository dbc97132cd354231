import { QueryFailedError } from 'typeorm';

/** A primary-key or unique clash on either database: how concurrent inserts lose. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return driverError?.code === '23505' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(String(error.message));
}
