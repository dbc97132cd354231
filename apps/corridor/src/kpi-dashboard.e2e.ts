import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserAvailable, launchBrowser, screenshot, startTestApp, type TestApp } from '@corridor/platform/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RUN_ID = 'sim-secure-corridor-e2e-001';

/** 15-minute points over an 8-hour simulated shift: queue builds in the morning peak, then drains. */
function shiftSeries() {
  return Array.from({ length: 33 }, (_, i) => {
    const peak = Math.exp(-(((i - 12) / 6) ** 2));
    return { t: i * 900, queueLength: Math.round((1.5 + 7 * peak + (i % 3) * 0.4) * 10) / 10, waitSeconds: Math.round(60 + 420 * peak + (i % 4) * 9) };
  });
}

/** Lane events for `count` trusted trucks over the last hours: arrival, first read, recommendation, decision. */
function trsEvents(count: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const arrival = now - 10 * HOUR + i * (10 * HOUR / count);
    const read = arrival + (6 + (i % 5) * 2) * 1000;
    const recommendation = read + (12 + (i % 7) * 3) * 1000;
    const decision = recommendation + (18 + (i % 6) * 5) * 1000;
    const base = { passageId: `e2e-passage-${i}`, lane: 'fast-1' };
    return [
      { ...base, type: 'arrival', at: new Date(arrival).toISOString() },
      { ...base, type: 'read', at: new Date(read).toISOString() },
      { ...base, type: 'recommendation', at: new Date(recommendation).toISOString() },
      { ...base, type: 'decision', at: new Date(decision).toISOString() },
    ];
  }).flat();
}

/** A few more initiatives, so the portfolio shows every lane, schedule colours and a stopped one. */
async function seedPortfolio(call: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ id: string }>) {
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const throughput = { key: 'trucks-per-lane-hour', name: 'Trucks per lane-hour', unit: 'trucks/h', direction: 'higher', baseline: { value: 38 }, targets: { prototype: 40, pilot: 44, production: 46 } };
  const pilTime = { key: 'pil-time', name: 'PIL processing time', unit: 's', direction: 'lower', baseline: { value: 90 }, targets: { prototype: 70, pilot: 50, production: 45 } };
  await call('POST', '/api/kpi/initiatives', { name: 'Pre-arrival risk scoring of e-manifests', owner: 'risk-management-unit', phase: 'poc', phaseStartedAt: ago(130), kpis: [pilTime] });
  await call('POST', '/api/kpi/initiatives', { name: 'Paperless T1 transit at the land border', owner: 'transit-office', phase: 'prototype', phaseStartedAt: ago(196), kpis: [pilTime, throughput] });
  const aeo = await call('POST', '/api/kpi/initiatives', { name: 'AEO mutual recognition: real-time status feed', owner: 'aeo-programme', phase: 'pilot', phaseStartedAt: ago(240), kpis: [throughput] });
  await call('POST', `/api/kpi/initiatives/${aeo.id}/measurements`, { kpi: 'trucks-per-lane-hour', value: 49, ci95: [47, 51], n: 30, iteration: 'pilot month 7' });
  await call('POST', '/api/kpi/initiatives', { name: 'e-CoO verification at the PIL', owner: 'origin-unit', phase: 'production', phaseStartedAt: ago(60) });
  const drones = await call('POST', '/api/kpi/initiatives', { name: 'Drone survey of the truck yard', owner: 'innovation-lab', phase: 'poc', phaseStartedAt: ago(40), kpis: [pilTime] });
  await call('POST', `/api/kpi/initiatives/${drones.id}/advance`, { decision: 'no-go', stop: true, note: 'Airspace restrictions at the crossing rule it out.' });
}

describe.skipIf(!browserAvailable())('the KPI dashboard in Debian chromium', () => {
  let host: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let initiativeId: string;
  let pageErrors: string[];
  /** Answers of 400 and over; a test that provokes one (a refused go) says which it expects. */
  let failures: string[];

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { ...host.auth('manager'), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response.json();
  };
  const initiativePage = () => `${host.url}/kpi/initiatives/${initiativeId}`;

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    // Signed in as a manager: the token sits where SignInGate looks for it.
    await context.addInitScript((token) => localStorage.setItem('corridor.token', token), host.token('manager'));
    const initiatives: Array<{ id: string; name: string }> = await call('GET', '/api/kpi/initiatives');
    initiativeId = initiatives.find((i) => i.name.startsWith('Secure Corridor'))?.id ?? '';
    expect(initiativeId).toMatch(/^[0-9a-f-]{36}$/);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
  });
  beforeEach(async () => {
    page = await context.newPage();
    pageErrors = [];
    failures = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The browser logs every 4xx answer; those are checked through `failures` instead.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
  });
  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });
  const expectFailures = (...expected: RegExp[]) => {
    expect(failures).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(failures[i]).toMatch(pattern));
    failures = [];
  };

  it('shows the portfolio by phase: gate status, days against plan, stopped ones aside', async () => {
    await seedPortfolio(call);
    await page.goto(`${host.url}/kpi/`);
    await page.getByRole('heading', { name: 'Initiatives', exact: true }).waitFor();
    const lane = page.getByRole('region', { name: /^Prototype/ });
    const card = lane.getByRole('article').filter({ hasText: 'Secure Corridor' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/3 of 5 criteria met.*Day 75 of 90–180 planned/);
    const late = page.getByRole('article').filter({ hasText: 'Pre-arrival risk scoring' });
    expect(await late.locator('.schedule--late').textContent()).toMatch(/Day 130 of 30–90 planned\+40 days/);
    expect(await page.getByRole('article').filter({ hasText: 'Paperless T1' }).locator('.schedule--overdue').count()).toBe(1);
    expect(await page.getByRole('region', { name: /^Pilot/ }).textContent()).toMatch(/Ready for production/);
    expect(await page.getByRole('region', { name: /^Stopped/ }).textContent()).toMatch(/Drone survey of the truck yard/);
    await screenshot(page, 'kpi-portfolio');
    expectFailures();
  });

  it('registers an initiative from the form, showing the API field errors next to their inputs', async () => {
    await page.goto(`${host.url}/kpi/`);
    await page.getByRole('button', { name: 'New initiative' }).click();
    const form = page.getByRole('form', { name: 'New initiative' });
    await form.getByLabel('Name', { exact: true }).first().fill('Pre-arrival e-CMR matching');
    const kpi = form.getByRole('group', { name: 'KPI 1' });
    await kpi.getByLabel('Key').fill('Match Rate');
    await kpi.getByLabel('Unit').fill('%');
    await kpi.getByLabel('Better when').selectOption('higher');
    await kpi.getByLabel('Baseline').fill('60');
    await kpi.getByLabel('Pilot target').fill('50');
    await form.getByRole('button', { name: 'Create initiative' }).click();
    // The API rejects the key (not a slug): the message sits under the Key input.
    await expect.poll(() => kpi.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');
    expect(await kpi.locator('.field--invalid .field__error').textContent()).toMatch(/^Must be a slug/);
    await screenshot(page, 'kpi-new-initiative-errors');

    // With a valid key, the target below a higher-is-better baseline is refused next to the target.
    await kpi.getByLabel('Key').fill('match-rate');
    await form.getByRole('button', { name: 'Create initiative' }).click();
    await expect.poll(() => kpi.getByLabel('Pilot target').getAttribute('aria-invalid')).toBe('true');
    expect(await kpi.getByLabel('Key').getAttribute('aria-invalid')).toBeNull();
    expect(await kpi.locator('.field--invalid .field__error').textContent()).toMatch(/baseline/);

    await kpi.getByLabel('Pilot target').fill('85');
    await form.getByRole('button', { name: 'Create initiative' }).click();
    await page.waitForURL(/\/kpi\/initiatives\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Pre-arrival e-CMR matching' }).waitFor();
    await page.getByText('No measurements yet').waitFor();
    expect(await page.locator('pre.command').textContent()).toMatch(/^npm run sim -- run FILE --publish [0-9a-f-]{36}$/);
    await screenshot(page, 'kpi-initiative-empty');
    expectFailures(/^400 POST \/api\/kpi\/initiatives$/, /^400 POST \/api\/kpi\/initiatives$/);
  });

  it('records a measurement through the form and shows it on the KPI card', async () => {
    await page.goto(initiativePage());
    const form = page.getByRole('form', { name: 'Record a measurement' });
    await form.getByLabel('KPI').selectOption('pil-wait-time');
    await form.getByLabel('Value (min)').fill('15.2');
    await form.getByLabel('CI low').fill('14.1');
    await form.getByLabel('CI high').fill('16.3');
    await form.getByLabel('Sample size n').fill('240');
    await form.getByLabel('Iteration').fill('prototype iteration 3');
    await form.getByRole('button', { name: 'Record measurement' }).click();
    await form.getByRole('status').filter({ hasText: 'Recorded 15.2 min for PIL wait time' }).waitFor();
    const card = page.getByRole('article', { name: 'PIL wait time' });
    await expect.poll(() => card.getByTestId('kpi-value').textContent()).toBe('15.2\u00a0min');
    expect(await card.textContent()).toMatch(/Target met/);
  });

  it('stays readable with 200 measurements of one KPI', async () => {
    const start = Date.now() - 100 * DAY;
    const measurements = Array.from({ length: 200 }, (_, i) => {
      const value = Math.round((72 - 24 * (i / 199) + 3 * Math.sin(i / 4)) * 10) / 10;
      return { kpi: 'trusted-pil-processing-time', value, ci95: [Math.round((value - 3.5) * 10) / 10, Math.round((value + 3.5) * 10) / 10], n: 40, iteration: `nightly replay ${i + 1}`, at: new Date(start + i * 12 * HOUR).toISOString() };
    });
    await call('POST', `/api/kpi/initiatives/${initiativeId}/measurements`, measurements);
    await call('POST', '/api/kpi/trs/events', trsEvents(40));

    await page.goto(initiativePage());
    const trend = page.locator('.trend-card').filter({ has: page.getByRole('heading', { name: 'Trusted-truck PIL processing time' }) });
    await trend.locator('svg.recharts-surface').waitFor();
    const d = await trend.locator('path.recharts-line-curve').getAttribute('d');
    expect(d?.split('L').length).toBeGreaterThanOrEqual(200);
    expect(await trend.locator('.recharts-line-dots circle').count()).toBe(0);
    expect(await trend.textContent()).toMatch(/20\d measurements/);
    await page.locator('#trs svg.recharts-surface[role="application"]').waitFor();
    await page.locator('#comparison svg.recharts-surface[role="application"]').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'kpi-initiative');
    expectFailures();
  });

  it('refuses a go while the gate is not ready, shows the reasons, and records a no-go with its note', async () => {
    await page.goto(initiativePage());
    const gate = page.locator('#gate');
    await gate.getByText(/\d of 5 criteria met/).first().waitFor();
    await gate.getByRole('button', { name: 'Go to pilot' }).click();
    await gate.getByRole('button', { name: 'Confirm go' }).click();
    const refusal = gate.getByRole('alert').filter({ hasText: 'not ready' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/The gate into pilot is not ready: \d of 5 criteria met\..*Trucks per lane-hour: /);
    // An override without a note is refused next to the note.
    await gate.getByLabel(/^Override/).check();
    await gate.getByRole('button', { name: 'Confirm go (override)' }).click();
    await gate.getByText('A note is required to override').waitFor();
    await screenshot(page, 'kpi-gate-refused');

    await gate.getByRole('button', { name: 'No-go' }).click();
    await gate.getByLabel('Note (optional)').fill('Throughput CI still below 45 trucks/h: re-measure after prototype iteration 4.');
    await gate.getByRole('button', { name: 'Confirm no-go' }).click();
    await gate.getByRole('status').filter({ hasText: 'No-go recorded' }).waitFor();
    await page.locator('#timeline .decision-item').filter({ hasText: 'Throughput CI still below' }).waitFor();
    expectFailures(/^409 POST \/api\/kpi\/initiatives\/.*\/advance$/);
  });

  it('opens a published simulation run with its KPI table and 15-minute series', async () => {
    await call('POST', '/api/kpi/runs', {
      runId: RUN_ID,
      initiativeId,
      scenario: 'secure-corridor-pilot',
      iteration: 'prototype iteration 3',
      kpis: {
        'trusted-pil-processing-time': { mean: 44.1, ci95: [41.9, 46.3], unit: 's', n: 30 },
        'pil-wait-time': { mean: 14.6, ci95: [13.2, 16.0], unit: 'min', n: 30 },
        'booth-utilisation': { mean: 0.82, ci95: [0.79, 0.85], n: 30 },
      },
      series: shiftSeries(),
      replications: 30,
      seed: 42,
    });
    await page.goto(initiativePage());
    await page.getByRole('link', { name: `run ${RUN_ID}` }).first().click();
    await page.waitForURL(`**/kpi/runs/${RUN_ID}`);
    await page.getByRole('heading', { name: RUN_ID }).waitFor();
    const table = page.locator('#run-kpis table');
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.textContent()).toMatch(/Trusted-truck PIL processing time.*44\.1.*41\.9–46\.3/);
    expect(await table.textContent()).toMatch(/booth-utilisation.*run record only/);
    await expect.poll(() => page.locator('#run-series svg.recharts-surface[role="application"]').count()).toBe(2);
    expect(await page.locator('#run-series').textContent()).toMatch(/33 points, every 15 min/);
    await screenshot(page, 'kpi-run');
    expectFailures();
  });

  it('exports the measurements as CSV with the bearer token', async () => {
    await page.goto(initiativePage());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`kpi-measurements-${initiativeId}.csv`);
  });

  it('prints a gate report on A4: criteria, KPI table and decisions, without navigation or forms', async () => {
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto(initiativePage());
    await page.locator('#gate table').waitFor();
    await page.locator('#timeline .decision-item').first().waitFor();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Print gate report' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-bar').isVisible()).toBe(false);
    expect(await page.locator('form').first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Go to pilot' }).isVisible()).toBe(false);
    expect(await page.locator('.kpi-table').isVisible()).toBe(true);
    expect(await page.locator('#gate table').isVisible()).toBe(true);
    expect(await page.locator('#timeline').textContent()).toMatch(/Throughput CI still below/);
    await screenshot(page, 'kpi-gate-report-print');
    const dir = resolve(__dirname, '../../../test-artifacts');
    mkdirSync(dir, { recursive: true });
    await page.pdf({ path: resolve(dir, 'kpi-gate-report.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  });
});
