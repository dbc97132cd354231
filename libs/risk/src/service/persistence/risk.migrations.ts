import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Schema-builder migration: the same file runs on SQLite and PostgreSQL. */
export class CreateRisk1764090000000 implements MigrationInterface {
  name = 'CreateRisk1764090000000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string) => ({ name, type: 'integer' });
    const bool = (name: string) => ({ name, type: 'boolean' });
    const real = (name: string, nullable = false) => ({ name, type: 'double precision', isNullable: nullable });
    await runner.createTable(new Table({
      name: 'risk_rules',
      columns: [{ ...str('id', 36), isPrimary: true }, str('name', 120), str('scope', 40), bool('enabled'), int('current_version'), str('created_by', 128), str('created_at', 32), str('updated_by', 128), str('updated_at', 32)],
      indices: [{ name: 'ix_risk_rules_scope', columnNames: ['scope'] }],
    }));
    await runner.createTable(new Table({
      name: 'risk_rule_versions',
      columns: [{ ...str('rule_id', 36), isPrimary: true }, { ...int('version'), isPrimary: true }, text('body'), str('author', 128), str('created_at', 32), text('note', true)],
    }));
    await runner.createTable(new Table({
      name: 'risk_rule_changes',
      columns: [{ ...str('id', 36), isPrimary: true }, str('rule_id', 36), str('change', 16), int('version'), str('by', 128), str('at', 32)],
      indices: [{ name: 'ix_risk_rule_changes_rule', columnNames: ['rule_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'risk_models',
      columns: [{ ...str('id', 36), isPrimary: true }, str('error_type', 40), int('version'), int('revision'), str('kind', 16), text('body'), int('rows'), int('positives'), int('observations'), str('trigger', 32), str('created_at', 32), str('updated_at', 32)],
      indices: [{ name: 'ux_risk_models_type_version', columnNames: ['error_type', 'version'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'risk_declarations',
      columns: [
        { ...str('declaration_id', 36), isPrimary: true }, int('version'), str('office', 5), str('lodged_at', 32), text('facts'), str('scored_at', 32),
        real('score'), str('channel', 8), bool('selected'), bool('random'), str('inspected_at', 32, true), str('result', 16, true), text('findings', true),
      ],
    }));
    await runner.createTable(new Table({
      name: 'risk_items',
      columns: [
        { ...str('declaration_id', 36), isPrimary: true }, { ...int('item_index'), isPrimary: true }, int('version'), str('hs6', 6), str('origin', 2), str('currency', 3),
        real('value_per_kg', true), text('record'), text('labels', true), str('learned_at', 32, true),
      ],
      indices: [{ name: 'ix_risk_items_hs6', columnNames: ['hs6'] }, { name: 'ix_risk_items_learned_at', columnNames: ['learned_at'] }],
    }));
    await runner.createTable(new Table({
      name: 'risk_parties',
      columns: [{ ...str('party_id', 17), isPrimary: true }, str('first_declaration_id', 36), str('first_seen_at', 32)],
    }));
    await runner.createTable(new Table({
      name: 'risk_party_contacts',
      columns: [{ ...str('party_id', 17), isPrimary: true }, { ...str('kind', 8), isPrimary: true }, { ...str('value', 400), isPrimary: true }, str('first_seen_at', 32), str('last_seen_at', 32)],
    }));
    await runner.createTable(new Table({
      name: 'risk_assessments',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('declaration_id', 36), int('version'), str('assessed_at', 32), real('score'), str('channel', 8), bool('selected'), bool('random'),
        text('model_version'), text('reasons'), text('audit'), str('outcome', 16), str('trigger', 16),
      ],
      indices: [{ name: 'ix_risk_assessments_declaration', columnNames: ['declaration_id'] }, { name: 'ix_risk_assessments_assessed_at', columnNames: ['assessed_at'] }],
    }));
    await runner.createTable(new Table({
      name: 'risk_feedback',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('assessment_id', 36), str('declaration_id', 36), int('version'), int('reason_index'), text('reason_text'), bool('agree'), text('note', true), str('by', 128), str('at', 32),
      ],
      indices: [{ name: 'ix_risk_feedback_declaration', columnNames: ['declaration_id'] }],
    }));
    await runner.createTable(new Table({
      name: 'risk_settings',
      columns: [{ ...str('key', 64), isPrimary: true }, text('value'), str('updated_by', 128), str('updated_at', 32)],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['risk_settings', 'risk_feedback', 'risk_assessments', 'risk_party_contacts', 'risk_parties', 'risk_items', 'risk_declarations', 'risk_models', 'risk_rule_changes', 'risk_rule_versions', 'risk_rules']) await runner.dropTable(table);
  }
}

/** Register after DECLARATION_MIGRATIONS (the risk context reads declarations through their queries, not their tables). */
export const RISK_MIGRATIONS = [CreateRisk1764090000000];
