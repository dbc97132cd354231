import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateEcert1764100000000 implements MigrationInterface {
  name = 'CreateEcert1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
    const big = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable });
    await runner.createTable(new Table({
      name: 'ecert_agencies',
      columns: [{ ...str('id', 64), isPrimary: true }, str('name', 200), str('country', 2), text('principals'), str('created_at', 32), str('created_by', 128)],
    }));
    await runner.createTable(new Table({
      name: 'ecert_agency_keys',
      columns: [
        { ...str('agency_id', 64), isPrimary: true }, { ...str('key_id', 16), isPrimary: true }, str('public_key', 64), text('private_key', true),
        str('valid_from', 32), str('valid_to', 32, true), str('revoked_at', 32, true), text('revocation_reason', true), str('created_at', 32),
      ],
    }));
    await runner.createTable(new Table({
      name: 'ecert_certificates',
      columns: [
        { ...str('id', 128), isPrimary: true }, str('type', 8), str('agency_id', 64), str('key_id', 16), str('issued_at', 32), str('digest', 64),
        text('document'), str('custody', 8), str('status', 16), str('revoked_at', 32, true), text('revocation_reason', true),
        big('ledger_index'), big('ledger_tree_size'), str('created_at', 32), str('created_by', 128),
      ],
      indices: [{ name: 'ix_ecert_certificates_agency', columnNames: ['agency_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'ecert_certificate_history',
      columns: [{ ...str('id', 36), isPrimary: true }, str('certificate_id', 128), str('status', 16), str('at', 32), str('by', 128), text('reason', true), big('ledger_index', true)],
      indices: [{ name: 'ix_ecert_certificate_history_certificate', columnNames: ['certificate_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'ecert_draws',
      columns: [
        { ...str('certificate_id', 128), isPrimary: true }, { ...str('declaration_id', 36), isPrimary: true }, { ...int('item_index'), isPrimary: true },
        int('goods_index'), int('declaration_version'), { name: 'quantity', type: 'double precision' }, str('unit', 3), str('lodged_at', 32), str('recorded_at', 32),
      ],
      indices: [{ name: 'ix_ecert_draws_declaration', columnNames: ['declaration_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'ecert_declaration_checks',
      columns: [{ ...str('declaration_id', 36), isPrimary: true }, int('version'), str('recorded_at', 32), text('checks', true)],
    }));
    await runner.createTable(new Table({
      name: 'ecert_aeo_operators',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('administration', 2), str('operator_id', 17), str('programme', 8), str('name', 200),
        str('status', 16), text('status_reason', true), str('since', 32), str('created_at', 32), str('created_by', 128),
      ],
      indices: [
        { name: 'ux_ecert_aeo_operators_registration', columnNames: ['administration', 'operator_id', 'programme'], isUnique: true },
        { name: 'ix_ecert_aeo_operators_operator', columnNames: ['operator_id'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'ecert_aeo_status_history',
      columns: [
        { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        str('record_id', 36), str('administration', 2), str('operator_id', 17), str('programme', 8), str('status', 16), str('previous_status', 16, true),
        text('reason', true), str('at', 32), str('by', 128),
      ],
      indices: [
        { name: 'ix_ecert_aeo_status_history_record', columnNames: ['record_id'] },
        { name: 'ix_ecert_aeo_status_history_operator', columnNames: ['operator_id'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'ecert_aeo_arrangements',
      columns: [{ ...str('id', 36), isPrimary: true }, str('administration_a', 2), str('administration_b', 2), str('name', 200, true), str('created_at', 32), str('created_by', 128)],
      indices: [{ name: 'ux_ecert_aeo_arrangements_pair', columnNames: ['administration_a', 'administration_b'], isUnique: true }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = ['ecert_aeo_arrangements', 'ecert_aeo_status_history', 'ecert_aeo_operators', 'ecert_declaration_checks', 'ecert_draws', 'ecert_certificate_history', 'ecert_certificates', 'ecert_agency_keys', 'ecert_agencies'];
    for (const table of tables) await runner.dropTable(table);
  }
}

export const ECERT_MIGRATIONS = [CreateEcert1764100000000];
