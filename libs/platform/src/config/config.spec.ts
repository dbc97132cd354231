import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const secret = 'x'.repeat(32);
const tempDir = () => mkdtempSync(join(tmpdir(), 'corridor-config-'));

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ DATA_DIR: ':memory:', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs nothing in embedded mode and keeps a generated JWT secret under DATA_DIR', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, embedded: true, logLevel: 'info', riskRandomSamplingRate: 0.01, jobsPrefix: 'corridor' });
    expect(config.sqliteFile).toBe(join(dir, 'corridor.sqlite'));
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(config.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('reads the distributed settings', () => {
    const config = loadConfig({
      DATA_DIR: ':memory:', PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/corridor', REDIS_URL: 'redis://cache:6379',
      MQTT_URL: 'mqtt://broker:1883', JWT_SECRET: secret, LOG_LEVEL: 'debug', RISK_RANDOM_SAMPLING_RATE: '0', DATABASE_SCHEMA: 'run_1',
    });
    expect(config).toMatchObject({ port: 8080, embedded: false, redisUrl: 'redis://cache:6379', mqttUrl: 'mqtt://broker:1883', logLevel: 'debug', riskRandomSamplingRate: 0, databaseSchema: 'run_1' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ DATABASE_URL: 'not a url', JWT_SECRET: secret }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://db/x', JWT_SECRET: secret }, 'DATABASE_URL'],
    [{ DATABASE_SCHEMA: 'drop table;' }, 'DATABASE_SCHEMA'],
    [{ REDIS_URL: 'http://cache', JWT_SECRET: secret }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis//cache', JWT_SECRET: secret }, 'REDIS_URL'],
    [{ MQTT_URL: 'amqp://broker' }, 'MQTT_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ DATABASE_URL: 'postgres://db/x' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ RISK_RANDOM_SAMPLING_RATE: '1.5' }, 'RISK_RANDOM_SAMPLING_RATE'],
    [{ RISK_RANDOM_SAMPLING_RATE: 'NaN' }, 'RISK_RANDOM_SAMPLING_RATE'],
    [{ RISK_RANDOM_SAMPLING_RATE: '-0.1' }, 'RISK_RANDOM_SAMPLING_RATE'],
    [{ JOBS_PREFIX: 'a b' }, 'JOBS_PREFIX'],
  ])('rejects %o naming %s', (env, variable) => {
    const error = failure(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
  });

  it('never echoes a password from a bad URL', () => {
    expect(failure({ DATABASE_URL: 'postgres://user:hunter2@', JWT_SECRET: secret }).message).not.toContain('hunter2');
  });
});
