import { generateDeclarations, inferSchema, trainRiskModel } from '@corridor/risk';
import { prepareRow } from './src/model/prepared-row';
const data = generateDeclarations({ rows: 60000, seed: 1 });
const train = { header: data.header, rows: data.rows.slice(0, 30000) };
const test = { header: data.header, rows: data.rows.slice(30000) };
const schema = inferSchema(train, { label: 'fraud', id: 'declaration_id', date: 'date', ignore: ['error_type'] });
const model = trainRiskModel(train, schema, { seed: 1 });
const K = Number(process.env.K ?? 5);
const c0 = process.cpuUsage().user; const t2 = Date.now();
for (let k = 0; k < K; k++) model.scoreTable(test);
console.log('scoreTable items/s wall', Math.round(K * 30000 / ((Date.now() - t2) / 1000)), 'per cpu-s', Math.round(K * 30000 / ((process.cpuUsage().user - c0) / 1e6)), model.info.rounds, model.info.features.length);
const cols = model.space.columns; const idx = cols.map((c) => test.header.indexOf(c.name));
let c1 = process.cpuUsage().user;
const prepared = test.rows.map((r) => prepareRow(cols, idx.map((i) => r[i])));
console.log('prepare per cpu-s', Math.round(30000 / ((process.cpuUsage().user - c1) / 1e6)));
const buf = new Float32Array(model.space.size);
c1 = process.cpuUsage().user;
for (let k = 0; k < K; k++) for (const p of prepared) model.space.fill(p, buf, 0);
console.log('fill per cpu-s', Math.round(K * 30000 / ((process.cpuUsage().user - c1) / 1e6)));
c1 = process.cpuUsage().user;
for (let k = 0; k < K; k++) for (const p of prepared) { model.space.fill(p, buf, 0); model.gbdt!.predictRaw(buf); }
console.log('fill+predict per cpu-s', Math.round(K * 30000 / ((process.cpuUsage().user - c1) / 1e6)));
{
  const bufs = prepared.slice(0, 2000).map((p) => { const b = new Float32Array(model.space.size); model.space.fill(p, b, 0); return b; });
  const c2 = process.cpuUsage().user; let acc = 0;
  for (let k = 0; k < 50; k++) for (const b of bufs) acc += model.gbdt!.predictRaw(b);
  console.log('predict per cpu-s', Math.round(100000 / ((process.cpuUsage().user - c2) / 1e6)), acc > 0);
}
