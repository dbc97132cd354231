import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule, type Role } from '@corridor/platform';
import type { TestApp } from '@corridor/platform/testing';
import { readFileSync } from 'node:fs';
import { EcertModule } from '../ecert.module';
import { ECERT_MIGRATIONS } from '../persistence/ecert.migrations';

/** The e2e host: what apps/ecert-api wires (platform, ledger, declarations, e-certificates). */
@Module({})
export class EcertTestHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: EcertTestHost,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }), LedgerModule, DeclarationsModule, EcertModule],
    };
  }
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** A JSON call as `roles` (no token when roles is null). */
export function caller(host: () => TestApp) {
  return async (method: string, path: string, body?: unknown, roles: Role[] | null = ['admin'], headers: Record<string, string> = {}): Promise<Reply> => {
    const app = host();
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...(roles ? app.auth(...roles) : {}), 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  };
}
