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

  it('reads the digital twin settings, with defaults for the ones not given', () => {
    expect(loadConfig({ DATA_DIR: ':memory:' }).twin).toEqual({ refreshMinutes: 5, calibrationHours: 168, forecastHours: 3, replications: 30, waitTargetSeconds: 600 });
    const config = loadConfig({ DATA_DIR: ':memory:', TWIN_REFRESH_MINUTES: '15', TWIN_CALIBRATION_HOURS: '72', TWIN_FORECAST_HOURS: '1.5', TWIN_REPLICATIONS: '50', TWIN_WAIT_TARGET_S: '300' });
    expect(config.twin).toEqual({ refreshMinutes: 15, calibrationHours: 72, forecastHours: 1.5, replications: 50, waitTargetSeconds: 300 });
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
    [{ TWIN_REFRESH_MINUTES: '0' }, 'TWIN_REFRESH_MINUTES'],
    [{ TWIN_REFRESH_MINUTES: '2.5' }, 'TWIN_REFRESH_MINUTES'],
    [{ TWIN_CALIBRATION_HOURS: 'week' }, 'TWIN_CALIBRATION_HOURS'],
    [{ TWIN_FORECAST_HOURS: '0.1' }, 'TWIN_FORECAST_HOURS'],
    [{ TWIN_FORECAST_HOURS: '25' }, 'TWIN_FORECAST_HOURS'],
    [{ TWIN_REPLICATIONS: '-3' }, 'TWIN_REPLICATIONS'],
    [{ TWIN_REPLICATIONS: '1' }, 'TWIN_REPLICATIONS'],
    [{ TWIN_WAIT_TARGET_S: '0' }, 'TWIN_WAIT_TARGET_S'],
    [{ TWIN_WAIT_TARGET_S: 'Infinity' }, 'TWIN_WAIT_TARGET_S'],
  ])('rejects %o naming %s', (env, variable) => {
    const error = failure(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
  });

  it('never echoes a password from a bad URL', () => {
    expect(failure({ DATABASE_URL: 'postgres://user:hunter2@', JWT_SECRET: secret }).message).not.toContain('hunter2');
  });
});
