import { readCsvFile, inferSchema, trainRiskModel, rocAuc, selectionMetrics } from '@corridor/risk';
import { trainGbdt, computeBinEdges, binData, DEFAULT_GBDT_OPTIONS } from './src/model/gbdt';
import { parseNumber, parseDate } from './src/schema/values';
const [trainF, testF, label, id, date, ignore, mode] = process.argv.slice(2);
const train = readCsvFile(trainF), test = readCsvFile(testF);
const ign = (ignore ?? '').split(',').filter(Boolean);
const report = (name: string, scores: ArrayLike<number>, cpu: number) => {
  const y = test.rows.map((r) => Number(r[test.header.indexOf(label)]));
  const m = selectionMetrics(scores, y, [0.01, 0.02, 0.05, 0.1]);
  console.log(name.padEnd(10), 'cpu', cpu.toFixed(1), 'AUC', rocAuc(scores, y).toFixed(4), m.map((x) => `R@${x.rate * 100}%=${x.recall.toFixed(3)}`).join(' '));
};
if (!mode || mode === 'ours') {
  const c0 = process.cpuUsage().user;
  const schema = inferSchema(train, { label, id, ...(date ? { date } : {}), ignore: ign });
  const model = trainRiskModel(train, schema, { folds: Number(process.env.KF ?? 5), ensemble: Number(process.env.E ?? 1), seed: Number(process.env.SEED ?? 42), gbdt: JSON.parse(process.env.G ?? '{}'), ...(process.env.P ? { maxPairs: Number(process.env.P) } : {}) });
  report('ours', model.scoreTable(test), (process.cpuUsage().user - c0) / 1e6);
  console.log('  pairs:', model.info.pairs.join('; '), '| rounds', model.info.rounds, '| F', model.info.features.length);
  if (process.env.IMP) { const cnt = new Map<string, number>(); for (const t of model.gbdt!.trees) for (const f of t.feature) cnt.set(model.info.features[f], (cnt.get(model.info.features[f]) ?? 0) + 1); console.log([...cnt].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' ')); }
}
if (!mode || mode === 'base') {
  // Baseline: GBDT on raw numbers + flat OOF target encoding (m=20) + counts.
  const c0 = process.cpuUsage().user;
  const cols = train.header.filter((h) => h !== label && h !== id && h !== date && !ign.includes(h));
  const isNum = cols.map((c) => { const i = train.header.indexOf(c); let k = 0; for (let r = 0; r < 2000 && r < train.rows.length; r++) if (!Number.isNaN(parseNumber(train.rows[r][i]))) k++; return k >= 0.95 * Math.min(2000, train.rows.length); });
  const y = Uint8Array.from(train.rows, (r) => Number(r[train.header.indexOf(label)]));
  const g = y.reduce((a, b) => a + b, 0) / y.length;
  const n = train.rows.length, K = 5;
  const fold = Int8Array.from({ length: n }, () => Math.floor(Math.random() * K));
  const F = cols.reduce((a, _, i) => a + (isNum[i] ? 1 : 2), 0) + (date ? 2 : 0);
  const build = (rows: string[][], oof: boolean, stats: Map<string, number[]>[]) => {
    const X = new Float32Array(rows.length * F);
    rows.forEach((row, r) => {
      let o = r * F;
      cols.forEach((c, ci) => {
        const v = row[(oof ? train : test).header.indexOf(c)];
        if (isNum[ci]) { X[o++] = parseNumber(v); return; }
        const s = stats[ci].get(v);
        let nn = 0, kk = 0;
        if (s) { nn = s[0]; kk = s[1]; if (oof) { nn -= s[2 + fold[r] * 2]; kk -= s[3 + fold[r] * 2]; } }
        X[o++] = (kk + 20 * g) / (nn + 20); X[o++] = nn;
      });
      if (date) { const t = parseDate(row[(oof ? train : test).header.indexOf(date)]); const d = new Date(t); X[o++] = d.getUTCMonth(); X[o++] = d.getUTCDay(); }
    });
    return X;
  };
  const stats = cols.map((c, ci) => { const m = new Map<string, number[]>(); if (isNum[ci]) return m; const i = train.header.indexOf(c); train.rows.forEach((row, r) => { let s = m.get(row[i]); if (!s) m.set(row[i], (s = new Array(2 + 2 * K).fill(0))); s[0]++; s[1] += y[r]; s[2 + fold[r] * 2]++; s[3 + fold[r] * 2] += y[r]; }); return m; });
  const X = build(train.rows as string[][], true, stats);
  const edges = computeBinEdges(X, n, F, 255); const B = binData(X, n, F, edges);
  const order = Array.from({ length: n }, (_, i) => i); // file order = time order
  const cut = Math.floor(n * 0.85);
  const opts = { ...DEFAULT_GBDT_OPTIONS, minDataInLeaf: Math.max(10, Math.min(100, Math.round(n / 2000))) };
  const first = trainGbdt(B, y, Int32Array.from(order.slice(0, cut)), Int32Array.from(order.slice(cut)), opts);
  const fin = trainGbdt(B, y, Int32Array.from(order), new Int32Array(0), { ...opts, maxRounds: Math.round(first.rounds * 1.1) });
  const Xt = build(test.rows as string[][], false, stats);
  const sc = new Float64Array(test.rows.length); for (let r = 0; r < test.rows.length; r++) sc[r] = fin.model.predictRaw(Xt, r * F);
  report('gbdt+TE', sc, (process.cpuUsage().user - c0) / 1e6);
}
