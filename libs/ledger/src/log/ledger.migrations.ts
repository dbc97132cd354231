import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Written with TypeORM's schema builder so the same migration runs on SQLite and PostgreSQL. */
export class CreateLedger1764050000000 implements MigrationInterface {
  name = 'CreateLedger1764050000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(new Table({
      name: 'ledger_entries',
      columns: [
        { name: 'idx', type: 'bigint', isPrimary: true },
        { name: 'entry', type: 'text' },
        { name: 'media_type', type: 'varchar', length: '64' },
        { name: 'created_at', type: 'varchar', length: '32' },
      ],
    }));
    await runner.createTable(new Table({
      name: 'ledger_nodes',
      columns: [
        { name: 'level', type: 'integer', isPrimary: true },
        { name: 'idx', type: 'bigint', isPrimary: true },
        { name: 'hash', type: 'varchar', length: '64' },
      ],
    }));
    await runner.createTable(new Table({
      name: 'ledger_tree_heads',
      columns: [
        { name: 'tree_size', type: 'bigint', isPrimary: true },
        { name: 'timestamp', type: 'bigint' },
        { name: 'root_hash', type: 'varchar', length: '64' },
        { name: 'key_id', type: 'varchar', length: '64' },
        { name: 'signature', type: 'varchar', length: '128' },
      ],
      indices: [{ name: 'ix_ledger_tree_heads_key', columnNames: ['key_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'ledger_keys',
      columns: [
        { name: 'key_id', type: 'varchar', length: '64', isPrimary: true },
        { name: 'public_key', type: 'varchar', length: '64' },
        { name: 'private_key', type: 'text' },
        { name: 'created_at', type: 'varchar', length: '32' },
        { name: 'active', type: 'boolean', default: true },
      ],
    }));
    await runner.createTable(new Table({
      name: 'ledger_state',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true },
        { name: 'size', type: 'bigint' },
      ],
    }));
    await runner.query('INSERT INTO ledger_state (id, size) VALUES (1, 0)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['ledger_state', 'ledger_keys', 'ledger_tree_heads', 'ledger_nodes', 'ledger_entries']) await runner.dropTable(table);
  }
}

export const LEDGER_MIGRATIONS = [CreateLedger1764050000000];
