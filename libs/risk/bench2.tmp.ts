import { generateDeclarations, inferSchema, trainRiskModel, RiskModel } from '@corridor/risk';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
const data = generateDeclarations({ rows: 150000, seed: 1 });
const train = { header: data.header, rows: data.rows.slice(0, 100000) };
const test = { header: data.header, rows: data.rows.slice(100000) };
let model: RiskModel;
if (existsSync('/tmp/rk/model.json')) model = RiskModel.fromJSON(JSON.parse(readFileSync('/tmp/rk/model.json', 'utf8')));
else { const schema = inferSchema(train, { label: 'fraud', id: 'declaration_id', date: 'date', ignore: ['error_type'] }); model = trainRiskModel(train, schema, { seed: 1 }); writeFileSync('/tmp/rk/model.json', JSON.stringify(model.toJSON())); }
for (let k = 0; k < Number(process.env.K ?? 1); k++) { const c = process.cpuUsage().user; model.scoreTable(test); console.log('per cpu-s', Math.round(50000 / ((process.cpuUsage().user - c) / 1e6))); }
