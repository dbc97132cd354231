// node -r @swc-node/register tools/bench/risk/risk.bench.ts [--rows 100000] [--score-rows 50000]
// Training time on synthetic declarations and batch scoring throughput on one core.
// (The HTTP p99 part belongs to the risk service and is added with it.)
import { generateDeclarations, inferSchema, trainRiskModel, type RiskRecord } from '@corridor/risk/core';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'score-rows': { type: 'string', default: '50000' }, seed: { type: 'string', default: '1' } } });
const trainRows = Number(values.rows);
const scoreRows = Number(values['score-rows']);
const seed = Number(values.seed);

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

const t0 = Date.now();
const data = generateDeclarations({ rows: trainRows + scoreRows, seed });
const train = { header: data.header, rows: data.rows.slice(0, trainRows) };
const test = { header: data.header, rows: data.rows.slice(trainRows) };
console.log(`generated ${data.rows.length} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const schema = inferSchema(train, { label: 'fraud', id: 'declaration_id', date: 'date', ignore: ['error_type'] });
const cpu = process.cpuUsage();
const t1 = Date.now();
const model = trainRiskModel(train, schema, { seed });
const trainWall = (Date.now() - t1) / 1000;
console.log(`training on ${trainRows} rows: ${trainWall.toFixed(1)} s wall, ${cpuSeconds(cpu).toFixed(1)} s CPU (${model.info.features.length} features, ${model.info.rounds} trees)`);

// Batch scoring (probabilities only), one core.
model.scoreTable({ header: test.header, rows: test.rows.slice(0, 2000) }); // warm-up
const cpu2 = process.cpuUsage();
const t2 = Date.now();
const scores = model.scoreTable(test);
const batchSeconds = (Date.now() - t2) / 1000;
console.log(`batch scoring: ${scores.length} items in ${batchSeconds.toFixed(2)} s = ${Math.round(scores.length / batchSeconds)} items/s (${Math.round(scores.length / cpuSeconds(cpu2))} per CPU second)`);

// Item by item with plain-language reasons (what the service does per goods item).
const records: RiskRecord[] = test.rows.slice(0, 10_000).map((row) => Object.fromEntries(data.header.map((h, i) => [h, row[i]])));
const cpu3 = process.cpuUsage();
const t3 = Date.now();
let reasons = 0;
for (const record of records) reasons += model.score(record).reasons.length;
const itemSeconds = (Date.now() - t3) / 1000;
console.log(`item scoring with reasons: ${records.length} items in ${itemSeconds.toFixed(2)} s = ${Math.round(records.length / itemSeconds)} items/s (${Math.round(records.length / cpuSeconds(cpu3))} per CPU second; ${(reasons / records.length).toFixed(1)} reasons per item)`);

const json = JSON.stringify(model.toJSON());
console.log(`model size: ${(json.length / 1e6).toFixed(1)} MB of JSON`);
