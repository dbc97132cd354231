import { RiskModel } from '@corridor/risk';
import { readFileSync } from 'node:fs';
const model = RiskModel.fromJSON(JSON.parse(readFileSync('/tmp/rk/model.json', 'utf8')));
console.log(model.info.pairs, model.info.rounds);
for (const p of model.space.pairs) console.log(model.space.columns[p.a].name, model.space.columns[p.b].name, p.levels, p.strengths.map((x) => x.toFixed(0)), p.tables.map((t) => t.length));
for (const s of model.space.singles) console.log(model.space.columns[s.column].name, s.levels, s.strengths.map((x) => x.toFixed(1)), s.tables.map((t) => t.length));
