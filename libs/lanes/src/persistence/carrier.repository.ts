import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CarrierRegistration, Driver, Programme, TrustedCarrier, TrustStatus } from '../model/carrier';
import { CarrierRow, DriverRow, PlateRow, TransponderRow } from './lanes.entities';
import { isUniqueViolation } from './unique-violation';
import { sqlMarks, sqlSelect } from '@corridor/platform';

export interface CarrierFilter {
  transponder?: string;
  plate?: string;
  status?: TrustStatus;
  programme?: Programme;
  page: number;
  limit: number;
}

export interface CarrierRecord extends TrustedCarrier {
  registeredAt: string;
  updatedAt: string;
}

/** The trusted-trader registry: carriers, their transponders, plates and drivers. */
@Injectable()
export class CarrierRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A transponder or plate already registered (to any carrier) is a 409 naming the field. */
  async register(registration: CarrierRegistration): Promise<CarrierRecord> {
    const id = randomUUID();
    const at = new Date().toISOString();
    try {
      await this.db.transaction(async (manager) => {
        await this.assertFree(manager, registration);
        await manager.getRepository(CarrierRow).insert({
          id,
          name: registration.name,
          traderId: registration.traderId ?? null,
          programme: registration.programme,
          status: registration.status,
          statusReason: null,
          registeredAt: at,
          updatedAt: at,
        });
        if (registration.transponders.length > 0) await manager.getRepository(TransponderRow).insert(registration.transponders.map((epc) => ({ epc, carrierId: id })));
        if (registration.plates.length > 0) {
          await manager.getRepository(PlateRow).insert(registration.plates.map((p) => ({ plateKey: p.key, jurisdiction: p.jurisdiction, number: p.number, carrierId: id })));
        }
        if (registration.drivers.length > 0) {
          await manager.getRepository(DriverRow).insert(registration.drivers.map((d) => ({ carrierId: id, id: d.id ?? randomUUID(), name: d.name, cardNumber: d.cardNumber ?? null, status: d.status })));
        }
      });
    } catch (error) {
      // Two registrations racing for the same transponder: the loser gets the same 409.
      if (isUniqueViolation(error)) throw new ConflictError('TRUSTED_TRADER.ALREADY_REGISTERED', 'a transponder or plate of this carrier was just registered to another carrier', 'transponders');
      throw error;
    }
    return this.get(id);
  }

  async changeStatus(id: string, status: TrustStatus, reason: string | undefined): Promise<{ before: TrustStatus; after: CarrierRecord }> {
    const row = await this.row(this.db.manager, id);
    await this.db.getRepository(CarrierRow).update({ id }, { status, statusReason: reason ?? null, updatedAt: new Date().toISOString() });
    return { before: row.status as TrustStatus, after: await this.get(id) };
  }

  async get(id: string): Promise<CarrierRecord> {
    const [found] = await this.withLists('k.id = ?', [id]);
    if (!found) throw new NotFoundError('TRUSTED_TRADER.NOT_FOUND', `no carrier ${id}`);
    return found;
  }

  /** One statement: the carrier through its transponder, with its transponders, plates and drivers. */
  async byTransponder(epc: string): Promise<CarrierRecord | undefined> {
    return (await this.withLists('k.id = (SELECT carrier_id FROM lane_trusted_transponders WHERE epc = ?)', [epc]))[0];
  }

  async byPlate(plateKey: string): Promise<CarrierRecord | undefined> {
    return (await this.withLists('k.id = (SELECT carrier_id FROM lane_trusted_plates WHERE plate_key = ?)', [plateKey]))[0];
  }

  /** The carriers `condition` (on `k`) selects, each with its lists, in one statement (in no particular order). */
  private async withLists(condition: string, params: unknown[]): Promise<CarrierRecord[]> {
    const rows = await sqlSelect<Record<string, unknown>>(this.db.manager, carriersWithLists(condition, this.db.options.type === 'postgres'), params);
    const list = <T>(value: unknown): T[] => (typeof value === 'string' ? JSON.parse(value) : value) as T[];
    return rows.map((found) => record(
      carrierRow(found),
      list<string>(found.transponders),
      list<string>(found.plates),
      list<[string, string, string | null, string]>(found.drivers).map(([id, name, cardNumber, status]): Driver => ({ id, name, ...(cardNumber ? { cardNumber } : {}), status: status as TrustStatus })),
    ));
  }

  async find(filter: CarrierFilter): Promise<{ items: CarrierRecord[]; total: number; page: number; limit: number }> {
    const query = this.db.getRepository(CarrierRow).createQueryBuilder('c');
    if (filter.transponder) query.andWhere('c.id IN (SELECT t.carrier_id FROM lane_trusted_transponders t WHERE t.epc = :epc)', { epc: filter.transponder });
    if (filter.plate) query.andWhere('c.id IN (SELECT p.carrier_id FROM lane_trusted_plates p WHERE p.plate_key = :plate)', { plate: filter.plate });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.programme) query.andWhere('c.programme = :programme', { programme: filter.programme });
    const [rows, total] = await query.orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').skip((filter.page - 1) * filter.limit).take(filter.limit).getManyAndCount();
    const found = rows.length > 0 ? await this.withLists(`k.id IN ${sqlMarks(rows.length)}`, rows.map((r) => r.id)) : [];
    const byId = new Map(found.map((carrier) => [carrier.id, carrier]));
    return { items: rows.map((r) => byId.get(r.id)).filter((carrier) => carrier !== undefined), total, page: filter.page, limit: filter.limit };
  }

  private async assertFree(manager: EntityManager, registration: CarrierRegistration): Promise<void> {
    if (registration.transponders.length > 0) {
      const taken = await manager.getRepository(TransponderRow).findBy({ epc: In(registration.transponders) });
      if (taken.length > 0) {
        const n = registration.transponders.indexOf(taken[0].epc);
        throw new ConflictError('TRUSTED_TRADER.TRANSPONDER_TAKEN', `transponder ${taken[0].epc} is already registered to carrier ${taken[0].carrierId}`, `transponders[${n}]`);
      }
    }
    if (registration.plates.length > 0) {
      const taken = await manager.getRepository(PlateRow).findBy({ plateKey: In(registration.plates.map((p) => p.key)) });
      if (taken.length > 0) {
        const n = registration.plates.findIndex((p) => p.key === taken[0].plateKey);
        throw new ConflictError('TRUSTED_TRADER.PLATE_TAKEN', `plate ${taken[0].plateKey} is already registered to carrier ${taken[0].carrierId}`, `plates[${n}]`);
      }
    }
  }

  private async row(manager: EntityManager, id: string): Promise<CarrierRow> {
    const row = await manager.getRepository(CarrierRow).findOneBy({ id });
    if (!row) throw new NotFoundError('TRUSTED_TRADER.NOT_FOUND', `no carrier ${id}`);
    return row;
  }
}

function record(row: CarrierRow, transponders: string[], plates: string[], drivers: Driver[]): CarrierRecord {
  return {
    id: row.id,
    name: row.name,
    ...(row.traderId ? { traderId: row.traderId } : {}),
    programme: row.programme as Programme,
    status: row.status as TrustStatus,
    ...(row.statusReason ? { statusReason: row.statusReason } : {}),
    transponders,
    plates,
    drivers,
    registeredAt: row.registeredAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The carriers `condition` selects, each with its lists as JSON arrays (transponders and plates in
 * order, drivers by name): one row per carrier, where a UNION over the four tables cost ten times
 * as much.
 */
function carriersWithLists(condition: string, postgres: boolean): string {
  const agg = postgres ? 'json_agg' : 'json_group_array';
  const tuple = postgres ? 'json_build_array' : 'json_array';
  const list = (expression: string, table: string, order: string) =>
    `(SELECT COALESCE(${agg}(${expression} ORDER BY ${order}), '[]') FROM ${table} WHERE carrier_id = k.id)`;
  return `SELECT k.id, k.name, k.trader_id, k.programme, k.status, k.status_reason, k.registered_at, k.updated_at, ` +
    `${list('epc', 'lane_trusted_transponders', 'epc ASC')} AS transponders, ` +
    `${list('plate_key', 'lane_trusted_plates', 'plate_key ASC')} AS plates, ` +
    `${list(`${tuple}(id, name, card_number, status)`, 'lane_trusted_drivers', 'name ASC, id ASC')} AS drivers ` +
    `FROM lane_trusted_carriers k WHERE ${condition}`;
}

function carrierRow(r: Record<string, unknown>): CarrierRow {
  return {
    id: r.id as string,
    name: r.name as string,
    traderId: r.trader_id as string | null,
    programme: r.programme as string,
    status: r.status as string,
    statusReason: r.status_reason as string | null,
    registeredAt: r.registered_at as string,
    updatedAt: r.updated_at as string,
  };
}
