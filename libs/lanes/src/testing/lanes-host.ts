// Test support only (not exported from the barrel): a host with the modules the lanes rely on,
// and helpers that make a unique, equipped lane with a trusted truck and its declaration.
import { DynamicModule, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DECLARATION_MIGRATIONS, DeclarationsModule, RecordRiskAssessment, type RiskChannel } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule, type Role } from '@corridor/platform';
import type { TestApp } from '@corridor/platform/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LanesModule } from '../lanes.module';
import { LANES_MIGRATIONS } from '../persistence/lanes.migrations';

@Module({})
export class LanesHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: LanesHost,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...LANES_MIGRATIONS] }), LedgerModule, DeclarationsModule, LanesModule],
    };
  }
}

const example = JSON.parse(readFileSync(resolve(__dirname, '../../../../tools/examples/declaration.json'), 'utf8'));

export const hex = (digits: number) => randomBytes(Math.ceil(digits / 2)).toString('hex').slice(0, digits).toUpperCase();
/** A unique id prefix, so parallel runs sharing a broker or a database never see each other's lanes. */
export const uniquePrefix = () => `T${hex(8)}`;

export interface Truck {
  epc: string;
  plate: { jurisdiction: string; number: string };
  plateKey: string;
  traderId: string;
  driverId: string;
}

export function newTruck(): Truck {
  const number = `${hex(2).replace(/[0-9]/g, 'K')}${String(Math.floor(Math.random() * 90_000) + 10_000)}`;
  return { epc: `30${hex(22)}`, plate: { jurisdiction: 'CA-ON', number }, plateKey: `CA-ON:${number}`, traderId: `CA${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`, driverId: `D-${hex(4)}` };
}

export function client(host: TestApp) {
  const call = async (method: string, path: string, body?: unknown, roles: Role[] = ['admin']) => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { ...host.auth(...roles), 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    call,
    /** A port with `count` lanes of `type`; windows are short so deadlines pass quickly in tests. */
    async port(prefix: string, lanes: Array<{ type: 'trusted' | 'mixed' | 'standard'; window?: number; devices?: string[] }>) {
      const body = {
        id: prefix,
        name: `Test port ${prefix}`,
        locode: 'USDET',
        lanes: lanes.map((lane, n) => ({
          id: `${prefix}-${String(n + 1).padStart(2, '0')}`,
          name: `Lane ${n + 1}`,
          type: lane.type,
          settings: { passageWindowSeconds: lane.window ?? 2 },
          ...(lane.devices ? { devices: lane.devices.map((kind) => ({ id: `${prefix}-${n}-${kind}`, kind })) } : {}),
        })),
      };
      const created = await call('POST', '/api/ports', body);
      if (created.status !== 201) throw new Error(`port: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.lanes.map((l: { id: string }) => l.id) as string[];
    },
    async registerCarrier(trucks: Truck[], extra: Record<string, unknown> = {}) {
      const created = await call('POST', '/api/trusted-traders/carriers', {
        name: `Carrier ${hex(4)}`,
        traderId: trucks[0].traderId,
        programme: 'FAST',
        transponders: trucks.map((t) => t.epc),
        plates: trucks.map((t) => t.plate),
        drivers: trucks.map((t) => ({ id: t.driverId, name: `Driver ${t.driverId}` })),
        ...extra,
      });
      if (created.status !== 201) throw new Error(`carrier: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body as { id: string; name: string };
    },
    /** Lodges the example declaration for `truck`, optionally with the risk result recorded. */
    async lodge(truck: Truck, risk?: { channel: RiskChannel; selected?: boolean; random?: boolean; score?: number }) {
      const body = structuredClone(example);
      body.conveyance = { mode: 'road', plate: truck.plate, transponder: truck.epc, carrierId: truck.traderId };
      const lodged = await call('POST', '/api/declarations', body, ['trader']);
      if (lodged.status !== 201) throw new Error(`declaration: ${lodged.status} ${JSON.stringify(lodged.body)}`);
      if (risk) await assess(host, lodged.body.id, risk);
      return lodged.body.id as string;
    },
    /** One device event over HTTP, at `offsetMs` from now unless the payload carries its own `at`. */
    event(laneId: string, device: string, payload: Record<string, unknown>, offsetMs = 0, roles: Role[] = ['engineer']) {
      return call('POST', `/api/lanes/${laneId}/events`, { device, at: new Date(Date.now() + offsetMs).toISOString(), ...payload }, roles);
    },
  };
}

export function assess(host: TestApp, declarationId: string, risk: { channel: RiskChannel; selected?: boolean; random?: boolean; score?: number }) {
  return host.app.get(CommandBus).execute(new RecordRiskAssessment(declarationId, {
    version: 1,
    score: risk.score ?? (risk.channel === 'green' ? 0.08 : 0.9),
    channel: risk.channel,
    selected: risk.selected ?? false,
    random: risk.random ?? false,
    reasons: [{ text: 'test' }],
    assessedAt: new Date().toISOString(),
  }));
}

/** Polls `probe` until it returns something truthy (deadlines, refreshes and exits are asynchronous). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
