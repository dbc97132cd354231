import { readCsvFile, inferSchema, trainRiskModel, rocAuc, selectionMetrics, rankByScore } from '@corridor/risk';
const cpu = () => (process.cpuUsage().user / 1e6).toFixed(1);
const train = readCsvFile(process.argv[2] ?? '/tmp/rk/train.csv');
const test = readCsvFile(process.argv[3] ?? '/tmp/rk/test.csv');
const schema = inferSchema(train, { label: 'fraud', id: 'declaration_id', date: 'date', ignore: ['error_type'] });
const c0 = process.cpuUsage().user;
const model = trainRiskModel(train, schema, {});
const tc = (process.cpuUsage().user - c0) / 1e6;
const scores = model.scoreTable(test);
const li = test.header.indexOf('fraud'); const ei = test.header.indexOf('error_type');
const y = test.rows.map(r => Number(r[li]));
const m = selectionMetrics(scores, y, [0.01, 0.02, 0.05, 0.1]);
console.log('trainCPU', tc.toFixed(1), 'AUC', rocAuc(scores, y).toFixed(4), m.map(x => `R@${x.rate}=${x.recall.toFixed(3)}`).join(' '), 'rounds', model.info.rounds);
console.log('pairs', model.info.pairs.join('; '));
const order = rankByScore(scores); const top = new Set(order.slice(0, Math.round(0.05 * y.length)));
const byType = new Map<string, [number, number]>();
test.rows.forEach((r, i) => { if (y[i] === 1) { const t = byType.get(r[ei]) ?? [0, 0]; t[0]++; if (top.has(i)) t[1]++; byType.set(r[ei], t); } });
console.log([...byType].map(([k, [n, c]]) => `${k}:${c}/${n}`).join(' '));
const s = model.space; console.log(s.names.length, 'features');
const ii = test.header.indexOf('importer'); const vi = test.header.indexOf('customs_value'); const mi = test.header.indexOf('transport_mode');
const trainImp = new Map<string, [number, number]>(); const tli = train.header.indexOf('fraud');
for (const r of train.rows) { const t = trainImp.get(r[ii]) ?? [0, 0]; t[0]++; t[1] += Number(r[tli]); trainImp.set(r[ii], t); }
let seen = 0, tot = 0; const probs: number[] = []; const legit: number[] = [];
test.rows.forEach((r, i) => {
  const v = Number(r[vi]); const courier = r[mi] === 'courier' || r[mi] === 'post';
  if (r[ei] === 'split_shipment') { tot++; if (trainImp.has(r[ii])) seen++; probs.push(scores[i]); }
  else if (courier && v >= 700 && v < 1000) legit.push(scores[i]);
});
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log('split rows', tot, 'importer seen', seen, 'median p', med(probs), 'legit band courier', legit.length, 'median p', med(legit));
const thr = scores.slice().sort((a,b)=>b-a)[Math.round(0.05*scores.length)]; console.log('threshold@5%', thr);
const ex = test.rows.findIndex((r) => r[ei] === 'split_shipment');
console.log(JSON.stringify(model.score(Object.fromEntries(test.header.map((h, j) => [h, test.rows[ex][j]])))), trainImp.get(test.rows[ex][ii]));
