import { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TokenService } from '../auth/token.service';
import { Role } from '../auth/roles';
import { CorridorConfig, loadConfig } from '../config/config';
import { createHttpApp } from '../http/create-http-app';
import { requireServiceUrl } from './services';

/** A backing-store combination an e2e suite runs against. */
export interface TestMode {
  name: string;
  databaseUrl?: string;
  redisUrl?: string;
}

/** SQLite + in-process jobs always; PostgreSQL + Redis when TEST_DATABASE_URL / TEST_REDIS_URL are set (required under CI). */
export function testModes(): TestMode[] {
  const modes: TestMode[] = [{ name: 'sqlite' }];
  const databaseUrl = requireServiceUrl('TEST_DATABASE_URL');
  const redisUrl = requireServiceUrl('TEST_REDIS_URL');
  if (databaseUrl && redisUrl) modes.push({ name: 'postgres+redis', databaseUrl, redisUrl });
  else if (databaseUrl) modes.push({ name: 'postgres', databaseUrl });
  return modes;
}

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: CorridorConfig;
  /** A bearer token for a caller holding `roles`. */
  token(...roles: Role[]): string;
  /** Authorization header for a caller holding `roles`. */
  auth(...roles: Role[]): Record<string, string>;
  close(): Promise<void>;
}

const TEST_SECRET = 'corridor-test-secret-corridor-test-secret';

/**
 * Boots a host module on a random port with its own data: a fresh SQLite folder, or a fresh
 * PostgreSQL schema and Redis key prefix, so suites never see each other's rows or jobs.
 */
export async function startTestApp(hostModule: (config: CorridorConfig) => DynamicModule, mode: TestMode = { name: 'sqlite' }, env: Record<string, string> = {}): Promise<TestApp> {
  const runId = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-e2e-'));
  if (mode.databaseUrl) await withPg(mode.databaseUrl, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS "${runId}"`));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_SECRET,
    JOBS_PREFIX: runId,
    ...(mode.databaseUrl ? { DATABASE_URL: mode.databaseUrl, DATABASE_SCHEMA: runId } : {}),
    ...(mode.redisUrl ? { REDIS_URL: mode.redisUrl } : {}),
    ...env,
  });
  const app = await createHttpApp(hostModule(config));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const tokens = app.get(TokenService);
  const token = (...roles: Role[]) => tokens.issue({ id: `test-${roles.join('-') || 'anon'}`, roles });
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    token,
    auth: (...roles: Role[]) => ({ authorization: `Bearer ${token(...roles)}` }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (mode.databaseUrl) await withPg(mode.databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${runId}" CASCADE`));
    },
  };
}

async function withPg<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
