/**
 * Tests that need PostgreSQL or Redis read TEST_DATABASE_URL / TEST_REDIS_URL. On a developer's
 * machine without them those tests are skipped; under CI=true a missing variable fails the run,
 * so a green CI always means the real services were exercised.
 */
export function requireServiceUrl(variable: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL' | 'TEST_MQTT_URL'): string | undefined {
  const value = process.env[variable]?.trim();
  if (value) return value;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${variable} must be set when CI=true: the tests that need it may not be skipped in CI`);
  }
  return undefined;
}
