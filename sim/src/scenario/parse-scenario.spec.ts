import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from './parse-scenario';
import { ScenarioError, type ScenarioIssue } from './yaml-reader';

/** The minimal form, exactly as the scenario format documents it. */
const MINIMAL_YAML = `name: mmc
seed: 1
replications: 10
horizon_hours: 1000
warmup_hours: 50
arrivals:
  - name: trucks
    rate_per_hour: 216
lanes:
  - name: primary
    count: 4
    service_time_s: { dist: exponential, mean: 60 }
`;

function issues(text: string): ScenarioIssue[] {
  try {
    parseScenario(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return [...(error as ScenarioError).issues];
  }
  throw new Error('the scenario was accepted');
}

describe('scenario files', () => {
  it('reads the minimal form as Poisson arrivals into c parallel lanes with exponential service, FIFO, no secondary, no services', () => {
    const s = parseScenario(MINIMAL_YAML);
    expect(s).toMatchObject({ name: 'mmc', seed: 1, replications: 10, horizonHours: 1000, warmupHours: 50, services: 'none', secondary: null });
    expect(s.arrivals).toEqual([{ name: 'trucks', process: 'poisson', ratePerHour: 216, hourlyRates: null, trustedShare: null }]);
    expect(s.lanes).toHaveLength(1);
    expect(s.lanes[0]).toMatchObject({ name: 'primary', count: 4, type: 'standard', schedule: null, serviceTime: { type: 'exponential', mean: 60 } });
    expect(s.lanes[0].technology).toEqual({ rfid: false, lpr: false, cctv: false, voip: false });
    expect(s.truckMix).toEqual({ trustedShare: 0, prelodgedShare: 1, referral: { standard: 0, trusted: 0 }, noDeclarationReferral: 1 });
    expect(s.officers.decisionTime).toEqual({ type: 'deterministic', value: 0 });
    // sim/scenarios/mmc.yaml is the same scenario, with comments.
    expect(loadScenario(resolve(__dirname, '../../scenarios/mmc.yaml'))).toEqual(s);
  });

  it('names the field and its line for a bad distribution parameter', () => {
    const text = MINIMAL_YAML.replace('mean: 60', 'mean: 0');
    expect(issues(text)).toEqual([{ field: 'lanes[0].service_time_s.mean', message: 'must be > 0', line: 12 }]);
    expect(() => parseScenario(text, 'test.yaml')).toThrow('lanes[0].service_time_s.mean: must be > 0 (line 12)');
  });

  it('reports every problem at once: unknown fields, wrong types, missing fields, cross-field rules', () => {
    const text = `name: bad
horizon_hours: 10
warmup_hours: 12
arrivals:
  - name: trucks
    rate_per_hour: "lots"
lanes:
  - name: fast
    count: 2.5
    type: express
    servce_time_s: 60
`;
    const found = issues(text).map((i) => `${i.field}: ${i.message} (line ${i.line})`);
    expect(found).toEqual([
      'warmup_hours: must be less than horizon_hours (10) (line 3)',
      'arrivals[0].rate_per_hour: must be a number, got "lots" (line 6)',
      expect.stringMatching(/^lanes\[0\]\.servce_time_s: unknown field \(expected one of: name, count, .*\) \(line 11\)$/),
      'lanes[0].count: must be a whole number, got 2.5 (line 9)',
      'lanes[0].type: must be one of: standard, trusted, mixed, got "express" (line 10)',
      expect.stringMatching(/^lanes\[0\]\.service_time_s: is required: a number of seconds or \{dist: .*\} \(line 8\)$/),
    ]);
  });

  it('points at the YAML syntax error', () => {
    const [issue] = issues('name: x\nlanes:\n  - name: a\n    count: [1,\n');
    expect(issue.field).toBe('');
    expect(issue.message).toMatch(/^YAML syntax: /);
    expect(issue.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses duplicate keys, hourly lists of the wrong length and technology without its automated path', () => {
    const text = `name: x
name: y
horizon_hours: 24
arrivals: [{ name: a, trucks_per_day: 100, profile: [1, 2, 3] }]
lanes:
  - { name: fast, count: 2, type: trusted, technology: { rfid: true }, service_time_s: 60 }
  - { name: std, count: 1, service_time_s: 60, schedule: [1, 1] }
`;
    expect(issues(text)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^YAML syntax: Map keys must be unique/), line: 2 })]);
    const found = issues(text.replace('name: y\n', '')).map((i) => `${i.field}: ${i.message} (line ${i.line})`);
    expect(found).toEqual([
      'arrivals[0].profile: must have 24 multipliers (one per hour of the day, 00:00 first), got 3 (line 3)',
      'lanes[0].automated_service_time_s: is required when technology.rfid is true (the PIL time of the automated path) (line 5)',
      'lanes[1].schedule: must have 24 lane counts (one per hour of the day, 00:00 first), got 2 (line 6)',
    ]);
  });

  it('says a missing file is missing', () => {
    expect(() => loadScenario('/nonexistent/scenario.yaml')).toThrow('/nonexistent/scenario.yaml: cannot read the scenario: no such file');
  });

  it('checks the KPI mapping against the simulator KPIs and the units they convert to', () => {
    const text = `${MINIMAL_YAML}publish:
  kpi_map:
    pil_wait_s: { kpi: pil-wait-time, unit: min }
    pil_wait: pil-wait-time
    referral_rate: { kpi: referral-rate, unit: min }
`;
    expect(issues(text).map((i) => `${i.field} (line ${i.line})`)).toEqual(['publish.kpi_map.pil_wait (line 16)', 'publish.kpi_map.referral_rate.unit (line 17)']);
    const ok = parseScenario(`${MINIMAL_YAML}publish:\n  kpi_map:\n    pil_wait_s: { kpi: pil-wait-time, unit: min }\n    pil_processing_s: pil-processing\n`);
    expect(ok.publish.kpiMap).toEqual({ 'pil_wait_s': { kpi: 'pil-wait-time', unit: 'min' }, 'pil_processing_s': { kpi: 'pil-processing', unit: null } });
  });

  it('reads both Secure Corridor scenarios', () => {
    for (const name of ['secure-corridor-baseline', 'secure-corridor-pilot', 'services-real-smoke']) {
      const s = loadScenario(resolve(__dirname, `../../scenarios/${name}.yaml`));
      expect(s.name).toBe(name);
    }
    const pilot = loadScenario(resolve(__dirname, '../../scenarios/secure-corridor-pilot.yaml'));
    const perDay = (pilot.arrivals[0].hourlyRates ?? []).reduce((a, b) => a + b, 0);
    expect(perDay).toBeCloseTo(5000, 6);
    expect(pilot.lanes[0]).toMatchObject({ type: 'trusted', technology: { rfid: true, lpr: true, cctv: true, voip: true } });
  });
});
