// npm run risk -- evaluate --train A.csv [--train B.csv ...] --test T.csv --id COL --label COL
//                          [--date COL] [--ignore COL,...] --scores OUT.csv [--seed N]
// npm run risk -- synth --rows N --seed S --out FILE.csv
//
// evaluate: learns from the training files, writes `id,score` for every test row (test order,
// higher = riskier) and, when the test file has the label, prints precision, recall and revenue
// at 1, 2, 5 and 10% selection and the ROC AUC: a table, then one JSON line (the last line).
// synth: writes synthetic declarations with planted error patterns (see libs/risk/README.md).
import { generateDeclarations, RiskInputError, runEvaluation, toCsv, type EvaluationReport } from '@corridor/risk/core';
import { SingleBar } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  npm run risk -- evaluate --train A.csv [--train B.csv ...] --test T.csv --id COL --label COL [--date COL] [--ignore COL,...] --scores OUT.csv [--seed N]
  npm run risk -- synth --rows N --seed S --out FILE.csv`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function integer(name: string, raw: string | undefined, min: number): number {
  if (raw === undefined) fail(`--${name} is required`);
  if (!/^-?\d+$/.test(raw.trim())) fail(`--${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min) fail(`--${name} must be at least ${min}, got ${value}`);
  return value;
}

function evaluate(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string', multiple: true },
      test: { type: 'string' },
      id: { type: 'string' },
      label: { type: 'string' },
      date: { type: 'string' },
      ignore: { type: 'string', multiple: true },
      scores: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const train = values.train ?? [];
  if (train.length === 0) fail('--train is required (repeat it for several files)');
  if (!values.test) fail('--test is required');
  if (!values.id) fail('--id is required');
  if (!values.label) fail('--label is required');
  if (!values.scores) fail('--scores is required');
  const ignore = (values.ignore ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const seed = values.seed === undefined ? 42 : integer('seed', values.seed, 0);

  const bar = process.stderr.isTTY ? new SingleBar({ format: 'training {stage} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true }) : null;
  let stage = '';
  const report = runEvaluation({
    train,
    test: values.test,
    id: values.id,
    label: values.label,
    ...(values.date !== undefined ? { date: values.date } : {}),
    ignore,
    scores: values.scores,
    seed,
    ...(bar !== null
      ? {
          onProgress: (name: string, done: number, total: number): void => {
            if (name !== stage) {
              if (stage !== '') bar.stop();
              bar.start(total, done, { stage: name });
              stage = name;
            } else bar.update(done);
          },
        }
      : {}),
  });
  bar?.stop();
  printReport(report, values.scores);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function printReport(report: EvaluationReport, scoresPath: string): void {
  const { schema, model } = report;
  const err = process.stderr;
  err.write(`columns: ${schema.columns.map((c) => `${c.name} (${c.kind}${c.kind === 'code' ? ` ${c.codeLength} digits` : ''}${c.categorical ? ', also categorical' : ''})`).join(', ')}\n`);
  if (schema.ignored.length > 0) err.write(`not used: ${schema.ignored.map((c) => `${c.name} (${c.reason})`).join(', ')}\n`);
  if (schema.group) err.write(`rows sharing ${schema.group} are kept in one fold\n`);
  if (model.info.pairs.length > 0) err.write(`crossed pairs: ${model.info.pairs.join(', ')}\n`);
  for (const w of report.warnings) err.write(`warning: ${w}\n`);
  err.write(`trained on ${report.trainRows} rows in ${report.trainSeconds.toFixed(1)} s (${model.info.features.length} features, ${model.info.rounds} trees); scored ${report.testRows} rows in ${report.scoreSeconds.toFixed(2)} s -> ${scoresPath}\n`);
  const m = report.metrics;
  if (m === null) {
    process.stdout.write(`${JSON.stringify({ rows: report.testRows, scores: scoresPath, train_seconds: round(report.trainSeconds, 2) })}\n`);
    return;
  }
  const revenueLabel = m.revenueColumn ?? 'caught errors';
  const out: string[] = [];
  out.push(`test rows: ${m.rows}, with an error: ${m.positives} (${pct(m.positives / Math.max(1, m.rows))}); revenue column: ${m.revenueColumn ?? 'none found (revenue = number of errors caught)'}`);
  out.push('');
  out.push(`${'selected'.padEnd(10)}${'items'.padStart(8)}${'caught'.padStart(8)}${'precision'.padStart(11)}${'recall'.padStart(9)}${`revenue (${revenueLabel})`.padStart(28)}${'share'.padStart(8)}`);
  for (const s of m.selection) {
    out.push(`${pct(s.rate).padEnd(10)}${String(s.selected).padStart(8)}${String(s.caught).padStart(8)}${pct(s.precision).padStart(11)}${pct(s.recall).padStart(9)}${s.revenue.toFixed(m.revenueColumn ? 2 : 0).padStart(28)}${pct(s.revenueShare).padStart(8)}`);
  }
  out.push('');
  out.push(`ROC AUC: ${m.auc.toFixed(4)}`);
  process.stdout.write(out.join('\n') + '\n');
  const json: Record<string, unknown> = { rows: m.rows, positives: m.positives, auc: round(m.auc, 6), revenue_column: m.revenueColumn };
  for (const s of m.selection) {
    const k = `${Math.round(s.rate * 100)}pct`;
    json[`precision_at_${k}`] = round(s.precision, 6);
    json[`recall_at_${k}`] = round(s.recall, 6);
    json[`revenue_at_${k}`] = round(s.revenue, 2);
    json[`revenue_share_at_${k}`] = round(s.revenueShare, 6);
  }
  json['train_seconds'] = round(report.trainSeconds, 2);
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

function round(x: number, digits: number): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

function synth(args: string[]): void {
  const { values } = parseArgs({ args, options: { rows: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
  const rows = integer('rows', values.rows, 1);
  const seed = integer('seed', values.seed, 0);
  if (!values.out) fail('--out is required');
  const data = generateDeclarations({ rows, seed });
  try {
    writeFileSync(values.out, toCsv(data.header, data.rows));
  } catch (error) {
    throw new RiskInputError(`cannot write ${values.out}: ${(error as Error).message}`);
  }
  const label = data.header.indexOf('fraud');
  const type = data.header.indexOf('error_type');
  const types = new Map<string, number>();
  let positives = 0;
  for (const row of data.rows) {
    if (row[label] !== '1') continue;
    positives++;
    types.set(row[type], (types.get(row[type]) ?? 0) + 1);
  }
  process.stderr.write(`wrote ${data.rows.length} rows to ${values.out}; fraud=1 on ${positives} (${pct(positives / Math.max(1, data.rows.length))}): ${[...types].sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t} ${c}`).join(', ')}\n`);
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'evaluate') evaluate(rest);
    else if (command === 'synth') synth(rest);
    else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    } else fail(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof RiskInputError || error instanceof UsageError) {
      process.stderr.write(`risk: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`risk: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
