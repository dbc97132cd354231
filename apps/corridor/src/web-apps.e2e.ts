import { browserAvailable, launchBrowser, screenshot, startTestApp, type TestApp } from '@corridor/platform/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

describe.skipIf(!browserAvailable())('the web apps in Debian chromium', () => {
  let host: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it.each([
    ['/console/', 'Corridor lane console', 'officer', 'Lane console'],
    ['/kpi/', 'Corridor KPI dashboard', 'manager', 'Initiatives'],
  ])('%s signs in with a pasted token', async (path, title, role, heading) => {
    const page = await browser.newPage();
    await page.goto(`${host.url}${path}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await screenshot(page, `${path.replace(/\//g, '')}-sign-in`);
    await page.getByLabel('Token').fill(host.token(role as 'officer'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: heading }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('corridor.token'))).toBeTruthy();
    await screenshot(page, `${path.replace(/\//g, '')}-signed-in`);
    await page.close();
  });

  it('rejects a forged token on the sign-in screen', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/console/`);
    await page.getByLabel('Token').fill('not.a.token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/invalid or expired/);
    await page.close();
  });
});
