import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateDeclarations1764060000000 implements MigrationInterface {
  name = 'CreateDeclarations1764060000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    await runner.createTable(new Table({
      name: 'declarations',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('type', 2), str('status', 16), { name: 'current_version', type: 'integer' },
        str('declarant_id', 17), str('importer_id', 17, true), str('carrier_id', 17, true), str('plate_key', 24, true), str('transponder', 24, true),
        str('office_of_entry', 5), str('expected_arrival', 32), str('lodged_at', 32), str('updated_at', 32), str('lodged_by', 128),
        { name: 'item_count', type: 'integer' }, text('risk', true),
      ],
      indices: [
        { name: 'ix_declarations_status', columnNames: ['status'] },
        { name: 'ix_declarations_carrier', columnNames: ['carrier_id'] },
        { name: 'ix_declarations_plate', columnNames: ['plate_key'] },
        { name: 'ix_declarations_transponder', columnNames: ['transponder'] },
        { name: 'ix_declarations_arrival', columnNames: ['expected_arrival'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'declaration_versions',
      columns: [
        { ...str('declaration_id', 36), isPrimary: true }, { name: 'version', type: 'integer', isPrimary: true },
        text('body'), str('hash', 64), { name: 'ledger_index', type: 'bigint' }, { name: 'ledger_tree_size', type: 'bigint' },
        text('reason', true), text('discrepancies'), str('created_at', 32), str('created_by', 128),
      ],
    }));
    await runner.createTable(new Table({
      name: 'declaration_status_history',
      columns: [{ ...str('id', 36), isPrimary: true }, str('declaration_id', 36), str('status', 16), str('at', 32), str('by', 128), text('note', true), text('details', true)],
      indices: [{ name: 'ix_declaration_status_history_declaration', columnNames: ['declaration_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'declaration_idempotency',
      columns: [{ ...str('key', 320), isPrimary: true }, str('request_hash', 64), text('response'), str('created_at', 32)],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['declaration_idempotency', 'declaration_status_history', 'declaration_versions', 'declarations']) await runner.dropTable(table);
  }
}

export const DECLARATION_MIGRATIONS = [CreateDeclarations1764060000000];
