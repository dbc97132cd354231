// The twin's CLI end to end, as a user runs it: generate a day of telemetry, calibrate, read the
// live state, forecast, what-if; and the exit code and message for bad input.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sim-twin-'));
const file = (name: string) => join(dir, name);

async function sim(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/cli/sim.ts', ...argv], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run sim -- calibrate | state | forecast | what-if', () => {
  beforeAll(async () => {
    const made = await sim('telemetry', 'sim/scenarios/twin-validation.yaml', '--hours', '32', '--seed', '3', '--out', file('events.jsonl'));
    expect(made.code).toBe(0);
  }, 60_000);

  it('calibrates, reads the state and forecasts', async () => {
    const cal = await sim('calibrate', '--events', file('events.jsonl'), '--out', file('fitted.yaml'));
    expect(cal.stderr).toBe('');
    expect(cal.code).toBe(0);
    expect(cal.stdout).toMatch(/standard lanes: 6, PIL time lognormal/);
    expect(readFileSync(file('fitted.yaml'), 'utf8')).toMatch(/# PIL time \(pil_start to pil_end\).*KS D = /);

    const state = await sim('state', '--events', file('events.jsonl'), '--at', '2026-11-25T07:20:00Z', '--out', file('state.json'));
    expect(state.code).toBe(0);
    expect(JSON.parse(readFileSync(file('state.json'), 'utf8')).lanes).toHaveLength(10);

    const f = await sim('forecast', '--scenario', file('fitted.yaml'), '--state', file('state.json'), '--hours', '3', '--out', file('forecast.json'));
    expect(f.code).toBe(0);
    const forecast = JSON.parse(readFileSync(file('forecast.json'), 'utf8'));
    expect(forecast).toMatchObject({ state_at: '2026-11-25T07:20:00.000Z', hours: 3, replications: 30, bucket_minutes: 15 });
    expect(forecast.points).toHaveLength(13);
    expect(forecast.points[0]).toHaveProperty('wait_s.pi95');

    const w = await sim('what-if', '--scenario', file('fitted.yaml'), '--state', file('state.json'), '--hours', '2', '--target-wait-s', '120', '--out', file('what-if.json'));
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^recommended: /m);
    expect(JSON.parse(readFileSync(file('what-if.json'), 'utf8')).options[0].action).toBe('none');
  }, 90_000);

  it('exits 2 naming the line, field or option at fault', async () => {
    writeFileSync(file('bad.jsonl'), '{"type":"arrival","truckId":"A","at":"2026-11-25T07:00:00Z"}\n{"type":"pil_end","truckId":"A","at":"2026-11-25T06:00:00Z"}\n');
    const bad = await sim('calibrate', '--events', file('bad.jsonl'), '--out', file('x.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2, at: truck A: pil_end .* is before its arrival/);
    const missing = await sim('calibrate', '--events', file('nope.jsonl'), '--out', file('x.yaml'));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read telemetry .*nope.jsonl: ENOENT/)]);
    writeFileSync(file('bad-state.json'), JSON.stringify({ at: '2026-11-25T07:20:00Z', lanes: [{ laneId: 'X', laneType: 'standard', open: 'yes' }] }));
    const state = await sim('forecast', '--scenario', 'sim/scenarios/twin-validation.yaml', '--state', file('bad-state.json'), '--hours', '3', '--out', file('f.json'));
    expect([state.code, state.stderr]).toEqual([2, expect.stringMatching(/lanes\[0\]\.open: must be true or false/)]);
    const hours = await sim('forecast', '--scenario', 'sim/scenarios/twin-validation.yaml', '--state', file('bad-state.json'), '--hours', '30', '--out', file('f.json'));
    expect([hours.code, hours.stderr]).toEqual([2, expect.stringMatching(/--hours must be a number above 0 and at most 24/)]);
  }, 60_000);
});
