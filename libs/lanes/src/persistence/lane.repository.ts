import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError } from '@corridor/domain';
import { DataSource, In } from 'typeorm';
import type { Lane, LaneDevice, LaneSettings, LaneStatus, LaneType, NewPort, Port } from '../model/lane';
import { LaneRow, PortRow } from './lanes.entities';
import { isUniqueViolation } from './unique-violation';

/** Ports and their lanes. */
@Injectable()
export class LaneRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createPort({ port, lanes }: NewPort): Promise<{ port: Port; lanes: Lane[] }> {
    const createdAt = new Date().toISOString();
    try {
      await this.db.transaction(async (manager) => {
        if (await manager.getRepository(PortRow).existsBy({ id: port.id })) throw new ConflictError('PORT.EXISTS', `port ${port.id} already exists`, 'id');
        const taken = await manager.getRepository(LaneRow).findBy({ id: In(lanes.map((l) => l.id)) });
        if (taken.length > 0) {
          const n = lanes.findIndex((l) => l.id === taken[0].id);
          throw new ConflictError('LANE.EXISTS', `lane ${taken[0].id} already exists (port ${taken[0].portId})`, `lanes[${n}].id`);
        }
        await manager.getRepository(PortRow).insert({ ...port, createdAt });
        await manager.getRepository(LaneRow).insert(lanes.map((lane) => toRow(lane, createdAt)));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('PORT.EXISTS', `port ${port.id} or one of its lanes was just created by someone else`, 'id');
      throw error;
    }
    return { port: { ...port, createdAt }, lanes };
  }

  /**
   * Creates `port` if no port exists yet. Two processes starting together may both find none:
   * the rows have fixed ids, so one insert wins and the other's unique violation is ignored.
   */
  async seedIfEmpty(seed: NewPort): Promise<boolean> {
    if ((await this.db.getRepository(PortRow).count()) > 0) return false;
    try {
      await this.createPort(seed);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async ports(): Promise<Port[]> {
    const rows = await this.db.getRepository(PortRow).find({ order: { id: 'ASC' } });
    return rows.map((row) => ({ id: row.id, name: row.name, locode: row.locode, createdAt: row.createdAt }));
  }

  async lanes(portId?: string): Promise<Lane[]> {
    const rows = await this.db.getRepository(LaneRow).find({ where: portId ? { portId } : {}, order: { portId: 'ASC', position: 'ASC' } });
    return rows.map(fromRow);
  }

  async lane(id: string): Promise<Lane | undefined> {
    const row = await this.db.getRepository(LaneRow).findOneBy({ id });
    return row ? fromRow(row) : undefined;
  }
}

function toRow(lane: Lane, createdAt: string): LaneRow {
  return {
    id: lane.id,
    portId: lane.portId,
    name: lane.name,
    type: lane.type,
    booth: lane.booth,
    status: lane.status,
    position: lane.position,
    devices: JSON.stringify(lane.devices),
    settings: JSON.stringify(lane.settings),
    createdAt,
  };
}

function fromRow(row: LaneRow): Lane {
  return {
    id: row.id,
    portId: row.portId,
    name: row.name,
    type: row.type as LaneType,
    booth: row.booth,
    status: row.status as LaneStatus,
    position: row.position,
    devices: JSON.parse(row.devices) as LaneDevice[],
    settings: JSON.parse(row.settings) as LaneSettings,
  };
}
