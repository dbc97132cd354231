import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateLanes1764080000000 implements MigrationInterface {
  name = 'CreateLanes1764080000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    await runner.createTable(new Table({
      name: 'lane_ports',
      columns: [{ ...str('id', 32), isPrimary: true }, str('name', 128), str('locode', 5), str('created_at', 32)],
    }));
    await runner.createTable(new Table({
      name: 'lanes',
      columns: [
        { ...str('id', 48), isPrimary: true }, str('port_id', 32), str('name', 64), str('type', 16), str('booth', 32), str('status', 16),
        { name: 'position', type: 'integer' }, text('devices'), text('settings'), str('created_at', 32),
      ],
      indices: [{ name: 'ix_lanes_port', columnNames: ['port_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'lane_trusted_carriers',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('name', 200), str('trader_id', 17, true), str('programme', 8), str('status', 16),
        text('status_reason', true), str('registered_at', 32), str('updated_at', 32),
      ],
      indices: [{ name: 'ix_lane_trusted_carriers_trader', columnNames: ['trader_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'lane_trusted_transponders',
      columns: [{ ...str('epc', 24), isPrimary: true }, str('carrier_id', 36)],
      indices: [{ name: 'ix_lane_trusted_transponders_carrier', columnNames: ['carrier_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'lane_trusted_plates',
      columns: [{ ...str('plate_key', 24), isPrimary: true }, str('jurisdiction', 10), str('number', 10), str('carrier_id', 36)],
      indices: [{ name: 'ix_lane_trusted_plates_carrier', columnNames: ['carrier_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'lane_trusted_drivers',
      columns: [{ ...str('carrier_id', 36), isPrimary: true }, { ...str('id', 64), isPrimary: true }, str('name', 200), str('card_number', 32, true), str('status', 16)],
    }));
    await runner.createTable(new Table({
      name: 'lane_passages',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('lane_id', 48), str('port_id', 32),
        str('opened_at', 32), str('first_read_at', 32), str('last_read_at', 32), str('last_read_received_at', 32),
        str('transponder', 24, true), str('plate_key', 24, true), str('carrier_id', 36, true),
        str('recommendation', 8, true), text('reasons'), text('flags'), text('missing'), text('enrichment', true), str('recommendation_at', 32, true),
        str('decision', 8, true), text('decision_note', true), str('decided_by', 128, true), str('decision_at', 32, true), str('exit_at', 32, true),
        { name: 'revision', type: 'integer' }, str('updated_at', 32),
      ],
      indices: [
        { name: 'ix_lane_passages_lane_decision', columnNames: ['lane_id', 'decision_at'] },
        { name: 'ix_lane_passages_lane_first_read', columnNames: ['lane_id', 'first_read_at'] },
        { name: 'ix_lane_passages_transponder', columnNames: ['transponder'] },
        { name: 'ix_lane_passages_plate', columnNames: ['plate_key'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'lane_passage_reads',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('passage_id', 36), str('lane_id', 48), str('device', 8),
        str('at', 32), str('received_at', 32), str('source', 8), text('payload'),
      ],
      indices: [{ name: 'ix_lane_passage_reads_passage', columnNames: ['passage_id'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = ['lane_passage_reads', 'lane_passages', 'lane_trusted_drivers', 'lane_trusted_plates', 'lane_trusted_transponders', 'lane_trusted_carriers', 'lanes', 'lane_ports'];
    for (const table of tables) await runner.dropTable(table);
  }
}

/**
 * A declaration change looks for undecided passages (decision IS NULL, recent opened_at): without
 * this index every risk result scanned the whole passages table.
 */
export class IndexUndecidedPassages1764090000000 implements MigrationInterface {
  name = 'IndexUndecidedPassages1764090000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('lane_passages', new TableIndex({ name: 'ix_lane_passages_decision_opened', columnNames: ['decision', 'opened_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('lane_passages', 'ix_lane_passages_decision_opened');
  }
}

export const LANES_MIGRATIONS = [CreateLanes1764080000000, IndexUndecidedPassages1764090000000];
