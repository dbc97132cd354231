import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Raised at start-up: names the variable and why its value is unusable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * The validated configuration, read once at start-up and injected everywhere else.
 * Embedded mode needs none of it; distributed mode is switched on by DATABASE_URL / REDIS_URL.
 */
export class CorridorConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    /** Folder for the SQLite file and local secrets; ':memory:' keeps the database in memory. */
    readonly dataDir: string,
    readonly databaseUrl: string | undefined,
    /** PostgreSQL schema to use (tests isolate runs by schema). */
    readonly databaseSchema: string | undefined,
    readonly redisUrl: string | undefined,
    /** Key prefix for Bull queues, so several deployments or test runs can share one Redis. */
    readonly jobsPrefix: string,
    readonly mqttUrl: string | undefined,
    readonly jwtSecret: string,
    readonly logLevel: LogLevel,
    readonly riskRandomSamplingRate: number,
    readonly twin: TwinSettings,
    readonly env: 'development' | 'production' | 'test',
  ) {}

  get embedded(): boolean { return !this.databaseUrl; }
  get sqliteFile(): string { return this.dataDir === ':memory:' ? ':memory:' : join(this.dataDir, 'corridor.sqlite'); }
}

/** The digital twin's refresh cycle: how often, on how much history, how far ahead and against what wait target. */
export interface TwinSettings {
  /** Minutes between scheduled forecast refreshes (TWIN_REFRESH_MINUTES). */
  refreshMinutes: number;
  /** Hours of telemetry a calibration reads (TWIN_CALIBRATION_HOURS). */
  calibrationHours: number;
  /** Hours a forecast looks ahead (TWIN_FORECAST_HOURS). */
  forecastHours: number;
  /** Simulation replications per forecast (TWIN_REPLICATIONS). */
  replications: number;
  /** The PIL wait a what-if aims for, seconds (TWIN_WAIT_TARGET_S). */
  waitTargetSeconds: number;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): CorridorConfig {
  const dataDir = env.DATA_DIR?.trim() ? (env.DATA_DIR.trim() === ':memory:' ? ':memory:' : resolve(env.DATA_DIR.trim())) : resolve('data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  return new CorridorConfig(
    integer(env, 'PORT', 3000, 0, 65535),
    env.HOST?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl,
    identifier(env, 'DATABASE_SCHEMA'),
    redisUrl,
    identifier(env, 'JOBS_PREFIX') ?? 'corridor',
    url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:']),
    jwtSecret(env, dataDir, Boolean(databaseUrl || redisUrl) || nodeEnv === 'production'),
    oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    fraction(env, 'RISK_RANDOM_SAMPLING_RATE', 0.01),
    {
      refreshMinutes: integer(env, 'TWIN_REFRESH_MINUTES', 5, 1, 1440),
      calibrationHours: integer(env, 'TWIN_CALIBRATION_HOURS', 168, 1, 2160),
      forecastHours: decimal(env, 'TWIN_FORECAST_HOURS', 3, 0.25, 24),
      replications: integer(env, 'TWIN_REPLICATIONS', 30, 2, 1000),
      waitTargetSeconds: decimal(env, 'TWIN_WAIT_TARGET_S', 600, 1, 86_400),
    },
    nodeEnv,
  );
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d*\.?\d+(e-?\d+)?$/i.test(raw) || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new ConfigError(name, `must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || !Number.isFinite(value) || value < min || value > max) throw new ConfigError(name, `must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL such as ${protocols[0]}//host:port, got "${redact(raw)}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  if (!parsed.hostname) throw new ConfigError(name, 'must name a host');
  return raw;
}

function identifier(env: Env, name: string): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(raw)) throw new ConfigError(name, `must be letters, digits and underscores (max 63), got "${raw}"`);
  return raw;
}

/**
 * Embedded mode must work with no configuration, so a random secret is created once under
 * DATA_DIR and shared by the server and `npm run token`. Several processes (distributed mode)
 * cannot share a file, so there JWT_SECRET is required.
 */
function jwtSecret(env: Env, dataDir: string, required: boolean): string {
  const raw = present(env, 'JWT_SECRET');
  if (raw !== undefined) {
    if (raw.length < 32) throw new ConfigError('JWT_SECRET', `must be at least 32 characters, got ${raw.length}`);
    return raw;
  }
  if (required) throw new ConfigError('JWT_SECRET', 'is required in distributed or production mode (at least 32 characters)');
  if (dataDir === ':memory:') return randomBytes(32).toString('hex');
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

function redact(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, '//***@');
}
