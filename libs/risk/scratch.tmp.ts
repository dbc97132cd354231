import { generateDeclarations, toCsv, runEvaluation } from '@corridor/risk';
import { writeFileSync } from 'node:fs';
const { header, rows } = generateDeclarations({ rows: 130000, seed: 7 });
writeFileSync('/tmp/rk/train.csv', toCsv(header, rows.slice(0, 100000)));
writeFileSync('/tmp/rk/test.csv', toCsv(header, rows.slice(100000)));
const t0 = Date.now();
const rep = runEvaluation({ train: ['/tmp/rk/train.csv'], test: '/tmp/rk/test.csv', id: 'declaration_id', label: 'fraud', date: 'date', ignore: ['error_type'], scores: '/tmp/rk/scores.csv',
  onProgress: (s, d, t) => { if (d === t || d % 50 === 0) process.stderr.write(`${((Date.now()-t0)/1000).toFixed(1)}s ${s} ${d}/${t}\n`); } });
console.log(JSON.stringify(rep.schema, null, 0));
console.log('pairs', rep.model.info.pairs, 'rounds', rep.model.info.rounds, 'F', rep.model.info.features.length);
console.log('train s', rep.trainSeconds, 'score s', rep.scoreSeconds, rep.warnings);
console.log(JSON.stringify(rep.metrics));
