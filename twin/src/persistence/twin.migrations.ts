import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateTwin1764110000000 implements MigrationInterface {
  name = 'CreateTwin1764110000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const bool = (name: string) => ({ name, type: 'boolean', isNullable: true });
    await runner.createTable(new Table({
      name: 'twin_telemetry',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('type', 16), str('truck_id', 128), str('lane_id', 64), str('lane_type', 16, true),
        bool('trusted'), bool('referred'), str('at', 32), str('source', 8), str('received_at', 32),
      ],
      indices: [
        { name: 'ux_twin_telemetry_event', columnNames: ['type', 'truck_id', 'at', 'lane_id'], isUnique: true },
        { name: 'ix_twin_telemetry_at', columnNames: ['at'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'twin_forecasts',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('made_at', 32), str('state_at', 32), { name: 'hours', type: 'double precision' },
        text('scenario_yaml'), text('scenario_json'), text('calibration'), text('forecast'), text('accuracy', true),
      ],
      indices: [{ name: 'ix_twin_forecasts_made_at', columnNames: ['made_at'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['twin_forecasts', 'twin_telemetry']) await runner.dropTable(table);
  }
}

export const TWIN_MIGRATIONS = [CreateTwin1764110000000];
