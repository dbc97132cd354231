// The digital twin end to end in the all-in-one host and Debian chromium: six hours of a
// simulated crossing's telemetry up to now are imported, the twin refreshes its forecast, and the
// dashboard's Twin page draws the fans beside what happened and compares what-if actions.
import { loadScenario, simulateTelemetry, telemetryJsonl } from '@corridor/sim/twin';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserAvailable, launchBrowser, screenshot, startTestApp, type TestApp } from '@corridor/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

const scenario = loadScenario(resolve(__dirname, '../../../sim/scenarios/twin-validation.yaml'));

describe.skipIf(!browserAvailable())('the Twin page of the KPI dashboard in Debian chromium', () => {
  let host: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const call = async (method: 'GET' | 'POST', path: string, body?: string, type?: string, role: 'engineer' | 'broker' = 'engineer') => {
    const response = await fetch(`${host.url}${path}`, { method, headers: { ...host.auth(role), ...(type ? { 'content-type': type } : {}) }, body });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((token) => localStorage.setItem('corridor.token', token), host.token('engineer'));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('says there is no forecast before any telemetry, and why a refresh cannot make one', async () => {
    await page.goto(`${host.url}/kpi/twin`);
    await page.getByText('No forecast yet', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Refresh forecast now' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/could not refresh: cannot calibrate the twin on the stored telemetry: no telemetry events/);
    await screenshot(page, 'twin-empty');
  });

  it('draws the forecast fans beside the actuals once telemetry is in, and recommends a what-if action', async () => {
    const events = simulateTelemetry(scenario, { hours: 6, seed: 5, until: new Date() });
    const imported = await call('POST', '/api/twin/telemetry', telemetryJsonl(events), 'application/x-ndjson');
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toBe(events.length);

    await page.goto(`${host.url}/kpi/twin`);
    await page.getByText('No forecast yet', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Refresh forecast now' }).click();
    await page.getByRole('heading', { name: 'Crossing forecast' }).waitFor();
    const fans = page.locator('figure.fan');
    await expect.poll(() => fans.count()).toBe(3);
    // Each fan: two interval areas, the median and the actual line, and the "now" marker.
    for (let i = 0; i < 3; i++) {
      const fan = fans.nth(i);
      await fan.locator('svg.recharts-surface').waitFor();
      expect(await fan.locator('.recharts-area').count()).toBeGreaterThanOrEqual(2);
      expect(await fan.locator('.recharts-line').count()).toBeGreaterThanOrEqual(2);
      expect(await fan.textContent()).toMatch(/now/);
    }
    // The figures: forecast rows ahead of now with their ranges, actual rows before it.
    const served = await call('GET', '/api/twin/forecast');
    expect(served.status).toBe(200);
    expect(served.body.forecast.points.length).toBeGreaterThanOrEqual(12);
    expect(served.body.actual.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Show the figures' }).first().click();
    const table = page.locator('.fan-card table').first();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(served.body.forecast.points.length);
    await screenshot(page, 'twin-forecast');

    const form = page.getByRole('form', { name: 'What-if' });
    await form.getByLabel('Hours ahead').fill('2');
    await form.getByLabel('Target wait (s)').fill('60');
    await form.getByRole('button', { name: 'Compare actions' }).click();
    await page.locator('.recommendation__action').waitFor({ timeout: 30_000 });
    expect(await page.locator('.recommendation__reason').textContent()).toMatch(/target/);
    expect(await page.locator('.what-if__result tbody tr').count()).toBeGreaterThanOrEqual(3);

    // A bad value is refused next to its field, and nothing else changes.
    await form.getByLabel('Hours ahead').fill('48');
    await form.getByRole('button', { name: 'Compare actions' }).click();
    await expect.poll(() => form.getByLabel('Hours ahead').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'twin-what-if');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('starts forecasts from the declarations announced for the coming hours', async () => {
    const example = JSON.parse(readFileSync(resolve(__dirname, '../../../tools/examples/declaration.json'), 'utf8'));
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const lodged = await call('POST', '/api/declarations', JSON.stringify({ ...example, expectedArrival: inAnHour }), 'application/json', 'broker');
    expect(lodged.status).toBe(201);
    const state = await call('GET', '/api/twin/state');
    expect(state.status).toBe(200);
    expect(state.body.expectedArrivals).toEqual([{ at: new Date(Date.parse(inAnHour)).toISOString(), trusted: null }]);
  });
});
