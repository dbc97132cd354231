// Independent toy generator: a DATE-paper-like layout with different names and mechanics.
import { writeFileSync } from 'node:fs';
function mulberry32(a: number) { return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
export function toy(n: number, seed: number): { header: string[]; rows: string[][] } {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const nImp = Math.max(50, Math.floor(n / 20)), nDecl = 60, nCountry = 40, nOffice = 15;
  const impRisk = Array.from({ length: nImp }, () => (rnd() < 0.08 ? 2.5 + gauss() * 0.5 : gauss() * 0.4));
  const declRisk = Array.from({ length: nDecl }, () => gauss() * 0.5);
  const countryRisk = Array.from({ length: nCountry }, () => gauss() * 0.6);
  const tariffs = Array.from({ length: 400 }, (_, i) => { const ch = 1 + Math.floor(rnd() * 97); return { code: String(ch).padStart(2, '0') + String(1000 + Math.floor(rnd() * 9000)) + String(Math.floor(rnd() * 100)).padStart(2, '0'), price: Math.exp(gauss() * 1.5 + 2), risk: gauss() * 0.5 + (ch % 7 === 0 ? 1 : 0) }; });
  const hot = new Set<string>(); for (let i = 0; i < 60; i++) hot.add(`${Math.floor(rnd() * 400)}|${Math.floor(rnd() * nCountry)}`);
  const header = ['sgd.id', 'sgd.date', 'importer.id', 'declarant.id', 'country', 'office.id', 'tariff.code', 'quantity', 'gross.weight', 'fob.value', 'cif.value', 'total.taxes', 'illicit', 'revenue'];
  const rows: string[][] = []; const P: number[] = []; (globalThis as any).P = P;
  for (let i = 0; i < n; i++) {
    const imp = Math.floor(Math.pow(rnd(), 2) * nImp), decl = Math.floor(rnd() * nDecl), c = Math.floor(Math.pow(rnd(), 1.5) * nCountry), off = Math.floor(rnd() * nOffice);
    const ti = Math.floor(Math.pow(rnd(), 1.3) * 400), t = tariffs[ti];
    const w = Math.exp(gauss() * 1.2 + 6); const qty = Math.max(1, Math.round(w / (1 + rnd() * 10)));
    let under = 0;
    let logit = -4.2 + impRisk[imp] + declRisk[decl] + countryRisk[c] + t.risk + (hot.has(`${ti}|${c}`) ? 2.2 : 0);
    if (rnd() < 0.04) { under = 1; logit += 2.5; }
    const cif = w * t.price * Math.exp(gauss() * 0.3) * (under ? 0.3 : 1);
    const p = 1 / (1 + Math.exp(-logit)); const y = rnd() < p ? 1 : 0;
    const date = new Date(Date.UTC(2020, 0, 1) + Math.floor((i / n) * 365) * 86400000).toISOString().slice(0, 10);
    const tax = cif * 0.12;
    P.push(p); rows.push([`S${100000 + i}`, date, `IMP${imp}`, `DEC${decl}`, `C${c}`, `OF${off}`, t.code.replace(/^0/, ''), String(qty), w.toFixed(1), (cif * 0.9).toFixed(2), cif.toFixed(2), tax.toFixed(2), String(y), y ? (tax * (0.5 + rnd())).toFixed(2) : '0']);
  }
  return { header, rows };
}
const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const { header, rows } = toy(80000, 3);
const w = (f: string, rs: string[][]) => writeFileSync(f, [header.join(','), ...rs.map((r) => r.map(esc).join(','))].join('\n') + '\n');
w('/tmp/rk/toy-train.csv', rows.slice(0, 60000)); w('/tmp/rk/toy-test.csv', rows.slice(60000));
console.log(rows.filter((r) => r[12] === '1').length / rows.length);
import { rocAuc, selectionMetrics } from '@corridor/risk';
const P = (globalThis as any).P.slice(60000); const Y = rows.slice(60000).map((r) => Number(r[12]));
console.log('oracle AUC', rocAuc(P, Y).toFixed(4), selectionMetrics(P, Y, [0.01, 0.02, 0.05, 0.1]).map((x) => x.recall.toFixed(3)).join(' '));
