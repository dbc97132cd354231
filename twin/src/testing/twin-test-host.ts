// Test support only (not exported from the barrel): a host with the contexts the twin talks to,
// an HTTP caller, and a simulated crossing's telemetry placed just before now.
import { DynamicModule, Module } from '@nestjs/common';
import { KPI_MIGRATIONS, KpiModule } from '@corridor/kpi';
import { LANES_MIGRATIONS, LanesModule } from '@corridor/lanes';
import { CorridorConfig, PlatformModule, type Role } from '@corridor/platform';
import type { TestApp } from '@corridor/platform/testing';
import { loadScenario } from '@corridor/sim/twin';
import { resolve } from 'node:path';
import { simulateTelemetry, type TelemetryEvent } from '../engine/twin-engine';
import { TWIN_MIGRATIONS } from '../persistence/twin.migrations';
import { TwinModule } from '../twin.module';

/** The twin with the lanes (passage events, lane list) and KPI (accuracy) contexts; refreshes are driven by the tests. */
@Module({})
export class TwinTestHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: TwinTestHost,
      imports: [
        PlatformModule.forRoot({ config, migrations: [...KPI_MIGRATIONS, ...LANES_MIGRATIONS, ...TWIN_MIGRATIONS] }),
        KpiModule.forRoot({ seed: false }),
        LanesModule,
        TwinModule.forRoot({ schedule: false }),
      ],
    };
  }
}

/** Fewer replications than production: the tests check shapes and plumbing, not precision. */
export const TWIN_TEST_ENV = { TWIN_REPLICATIONS: '8' };

/** The last `hours` before `endingBy` of the Secure Corridor baseline crossing, as the simulator's border model produces it (seeded). */
export function simulatedTelemetry(hours: number, seed: number, endingBy = new Date()): TelemetryEvent[] {
  const scenario = loadScenario(resolve(__dirname, '../../../sim/scenarios/secure-corridor-baseline.yaml'));
  return simulateTelemetry(scenario, { seed, hours, until: endingBy });
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted on, not typed
  body: any;
  headers: Headers;
}

/** HTTP as a caller with `roles`; a string body is sent as is with `type` (default JSON). */
export function caller(host: () => TestApp) {
  return async (method: string, path: string, body?: unknown, options: { roles?: Role[]; type?: string | null; accept?: string } = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...host().auth(...(options.roles ?? ['manager'])) };
    if (options.type !== null && body !== undefined) headers['content-type'] = options.type ?? 'application/json';
    if (options.accept) headers.accept = options.accept;
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    // fetch labels a string body text/plain: send bytes when the case is "no content type".
    const payload = text !== undefined && options.type === null ? new TextEncoder().encode(text) : text;
    const response = await fetch(`${host().url}${path}`, { method, headers, body: payload });
    const answer = await response.text();
    const json = /application\/json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, body: answer && json ? JSON.parse(answer) : answer, headers: response.headers };
  };
}

/** Retries `check` until it passes: event handlers run after publish returns. */
export async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Sorted lines of a JSON-lines text, for comparing files whatever their order within an instant. */
export const sortedLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '').sort();
