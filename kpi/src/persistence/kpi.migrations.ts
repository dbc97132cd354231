import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateKpi1764070000000 implements MigrationInterface {
  name = 'CreateKpi1764070000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
    const double = (name: string, nullable = false) => ({ name, type: 'double precision', isNullable: nullable });
    const bool = (name: string) => ({ name, type: 'boolean' });
    await runner.createTable(new Table({
      name: 'kpi_initiatives',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('name', 200), text('description'), str('owner', 128), str('phase', 16), str('phase_started_at', 32),
        text('plan'), str('created_at', 32), str('created_by', 128), str('updated_at', 32),
      ],
    }));
    await runner.createTable(new Table({
      name: 'kpi_phase_history',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('initiative_id', 36), str('phase', 16), str('started_at', 32), str('ended_at', 32, true),
        int('planned_min_days', true), int('planned_max_days', true), str('decision_id', 36, true),
      ],
      indices: [{ name: 'ix_kpi_phase_history_initiative', columnNames: ['initiative_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'kpi_definitions',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('initiative_id', 36), str('key', 64), str('name', 200), str('unit', 32), str('direction', 8),
        double('baseline_value', true), text('baseline_source', true), text('targets'), text('description', true), int('position'),
        str('created_at', 32), str('created_by', 128), str('updated_at', 32),
      ],
      indices: [{ name: 'ux_kpi_definitions_key', columnNames: ['initiative_id', 'key'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'kpi_measurements',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('initiative_id', 36), str('kpi_key', 64), double('value'), double('ci_lo', true), double('ci_hi', true),
        int('n', true), str('unit', 32), str('source', 16), str('run_id', 128, true), str('iteration', 128, true), str('at', 32), text('note', true),
        str('recorded_at', 32), str('recorded_by', 128),
      ],
      indices: [
        { name: 'ix_kpi_measurements_kpi_at', columnNames: ['initiative_id', 'kpi_key', 'at'] },
        { name: 'ix_kpi_measurements_run', columnNames: ['run_id'] },
      ],
    }));
    await runner.createTable(new Table({
      name: 'kpi_decisions',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('initiative_id', 36), str('decision', 8), bool('override'), bool('stop'), str('from_phase', 16),
        str('to_phase', 16, true), text('note', true), text('evidence'), str('decided_by', 128), str('decided_at', 32),
      ],
      indices: [{ name: 'ix_kpi_decisions_initiative', columnNames: ['initiative_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'kpi_runs',
      columns: [
        { ...str('run_id', 128), isPrimary: true }, str('initiative_id', 36, true), str('scenario', 200), str('iteration', 128, true), text('kpis'),
        text('series', true), text('meta', true), str('request_hash', 64), str('at', 32), str('published_at', 32), str('published_by', 128),
      ],
      indices: [{ name: 'ix_kpi_runs_initiative', columnNames: ['initiative_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'kpi_trs_events',
      columns: [{ ...str('id', 36), isPrimary: true }, str('type', 32), str('subject', 160), str('at', 32), str('lane', 64, true), str('received_at', 32)],
      indices: [
        { name: 'ux_kpi_trs_events', columnNames: ['type', 'subject', 'at'], isUnique: true },
        { name: 'ix_kpi_trs_events_subject', columnNames: ['subject'] },
        { name: 'ix_kpi_trs_events_at', columnNames: ['at'] },
      ],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['kpi_trs_events', 'kpi_runs', 'kpi_decisions', 'kpi_measurements', 'kpi_definitions', 'kpi_phase_history', 'kpi_initiatives']) await runner.dropTable(table);
  }
}

export const KPI_MIGRATIONS = [CreateKpi1764070000000];
