// Benchmark: the digital twin's forecast. A 10-lane crossing (sim/scenarios/twin-validation.yaml)
// calibrated from a week of its telemetry; from the live state at a busy moment (from the
// telemetry), a 3-hour forecast with 30 replications. Target: under 2 s.
//
// Usage: node -r @swc-node/register tools/bench/sim/twin-forecast.bench.ts [--runs 7] [--days 7]
// Prints the calibration time, each forecast's wall time and
// "twin-forecast lanes=10 hours=3 replications=30 median_ms=<m> p_max_ms=<max> target_ms=2000".
import { calibrate, forecast, liveStateFromTelemetry, loadScenario, parseTelemetry, simulateTelemetry, telemetryJsonl, whatIf } from '@corridor/sim';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string' }, days: { type: 'string' } } });
const RUNS = Number(values.runs ?? 7);
const DAYS = Number(values.days ?? 7);

const truth = loadScenario(resolve(__dirname, '../../../sim/scenarios/twin-validation.yaml'));
let t = performance.now();
const events = simulateTelemetry(truth, { hours: DAYS * 24 + 9, seed: 1 });
const generated = performance.now() - t;
const text = telemetryJsonl(events);
t = performance.now();
const parsed = parseTelemetry(text);
const parseMs = performance.now() - t;
t = performance.now();
const { scenario } = calibrate(parsed, { name: 'bench' });
const calibrateMs = performance.now() - t;
process.stdout.write(`telemetry: ${DAYS} days + 9 h, ${events.length} events (${(text.length / 1e6).toFixed(1)} MB) generated in ${generated.toFixed(0)} ms, parsed in ${parseMs.toFixed(0)} ms; calibrated in ${calibrateMs.toFixed(0)} ms\n`);

const at = new Date(Date.parse(`${truth.startDate}T00:00:00Z`) + (DAYS * 24 + 8) * 3_600_000 + 20 * 60_000).toISOString();
const state = liveStateFromTelemetry(events, at);
const queued = state.lanes.reduce((s, l) => s + (Array.isArray(l.queue) ? l.queue.length : l.queue), 0) + (state.approach?.length ?? 0);
process.stdout.write(`live state at ${at}: ${state.lanes.filter((l) => l.open).length}/${state.lanes.length} lanes open, ${state.lanes.filter((l) => l.inService).length} at booths, ${queued} queued\n`);

const walls: number[] = [];
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  const f = forecast(scenario, state, { hours: 3, replications: 30, seed: r + 1 });
  walls.push(performance.now() - t);
  process.stdout.write(`  forecast ${r + 1}: ${walls[r].toFixed(0)} ms (${f.points.length} points; mean wait over the window ${f.summary.wait_s?.mean.toFixed(1)} s)\n`);
}
t = performance.now();
const w = whatIf(scenario, state, { hours: 3, replications: 30, targetWaitSeconds: 120 });
process.stdout.write(`what-if: ${w.options.length} actions in ${(performance.now() - t).toFixed(0)} ms, recommended ${w.recommended}\n`);
const sorted = [...walls].sort((a, b) => a - b);
process.stdout.write(`twin-forecast lanes=${state.lanes.length} hours=3 replications=30 median_ms=${sorted[Math.floor(RUNS / 2)].toFixed(0)} max_ms=${sorted[RUNS - 1].toFixed(0)} target_ms=2000\n`);
