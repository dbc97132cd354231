import { DynamicModule, Module } from '@nestjs/common';
import { CorridorConfig, PlatformModule, type Role } from '@corridor/platform';
import type { TestApp } from '@corridor/platform/testing';
import { KpiModule } from '../kpi.module';
import { KPI_MIGRATIONS } from '../persistence/kpi.migrations';

/** The smallest host for the KPI context: the platform and this module, nothing else. */
@Module({})
export class KpiTestHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return { module: KpiTestHost, imports: [PlatformModule.forRoot({ config, migrations: KPI_MIGRATIONS }), KpiModule] };
  }
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted on, not typed
  body: any;
  headers: Headers;
}

/** JSON over HTTP as a caller with `roles`; a string body is sent as is (for malformed JSON and 1e999). */
export function caller(host: () => TestApp) {
  return async (method: string, path: string, body?: unknown, roles: Role[] = ['manager']): Promise<CallResult> => {
    const response = await fetch(`${host().url}${path}`, {
      method,
      headers: { ...host().auth(...roles), 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: text && json ? JSON.parse(text) : text, headers: response.headers };
  };
}

/** Retries `check` until it passes: event handlers run after publish returns. */
export async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
