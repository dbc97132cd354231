import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserAvailable, launchBrowser, screenshot, startTestApp, type TestApp } from '@corridor/platform/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

const LANE = 'USDET-AMB-02'; // FAST 2 in the demo port: trusted only, RFID + plate + CCTV + VoIP
const CARRIER = { name: 'Great Lakes Haulage Ltd', traderId: 'CA555000111', programme: 'FAST' };
const TRUCK_1 = { epc: '3034257BF7194E4000001A85', plate: { jurisdiction: 'CA-ON', number: 'AB12345' }, driverId: 'D-1001' };
/** The same carrier's second truck... */
const TRUCK_2_EPC = '3034257BF7194E4000001A86';
/** ...read with a plate that another carrier holds: a contradiction the lane flags. */
const OTHER_PLATE = { jurisdiction: 'US-MI', number: 'ZX9981' };

type Role = 'admin' | 'trader' | 'officer' | 'engineer';
type PassageBody = {
  id: string;
  recommendation: string | null;
  flags: Array<{ code: string; text: string }>;
  carrier: { name: string } | null;
  declarations: Array<{ id: string; status: string }>;
  reads: Array<{ device: string; state?: string; officerId?: string; passageId?: string }>;
  decision: { action: string; by: string } | null;
};

describe.skipIf(!browserAvailable())('the lane console in Debian chromium', () => {
  let host: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const call = async <T = unknown>(method: 'GET' | 'POST', path: string, role: Role, body?: unknown, expected = 300): Promise<T> => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { ...host.auth(role), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(expected);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  /** A device on the lane reports a read, as the lane's reader would (HTTP instead of MQTT). */
  const device = (kind: string, payload: Record<string, unknown>, atMs = Date.now()) =>
    call<{ outcome: string; passageId: string }>('POST', `/api/lanes/${LANE}/events`, 'engineer', { device: kind, at: new Date(atMs).toISOString(), ...payload });
  const passage = (id: string) => call<PassageBody>('GET', `/api/passages/${id}`, 'officer');
  /** The declaration's risk once scored, or still "lodged" after a few seconds (no risk context in the host). */
  const settledRisk = async (declarationId: string) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const view = await call<{ status: string; risk?: { channel: string; score: number; selected: boolean; random: boolean } }>('GET', `/api/declarations/${declarationId}`, 'officer');
      if (view.status !== 'lodged' || Date.now() > deadline) return { status: view.status, ...view.risk };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const verdict = () => page.locator('.verdict');
  const recommendationShown = () => verdict().getAttribute('data-recommendation');

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Signed in as an officer: the token sits where SignInGate looks for it.
    await context.addInitScript((token) => localStorage.setItem('corridor.token', token), host.token('officer'));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
  });

  it('picks a trusted lane, remembers it and waits live for the next truck', async () => {
    await page.goto(`${host.url}/console/`);
    await page.getByRole('heading', { name: 'Choose this booth’s lane' }).waitFor();
    const card = page.getByRole('link', { name: /^FAST 2, Trusted only lane/ });
    await card.waitFor();
    expect(await page.locator('.lane-card').count()).toBe(8);
    expect(await card.textContent()).toMatch(/trusted.*Booth 2.*USDET-AMB-02.*RFID.*Plate.*CCTV.*VoIP/);
    await screenshot(page, 'lane-console-picker');

    await card.click();
    await page.waitForURL(`**/console/lanes/${LANE}`);
    await page.locator('.conn[data-status="live"]').waitFor();
    await page.getByRole('heading', { name: 'Waiting for the next truck on lane FAST 2…' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('corridor.console.lane'))).toBe(LANE);
    await screenshot(page, 'lane-console-waiting');
    // The screen reopens its lane on the next start.
    await page.goto(`${host.url}/console/`);
    await page.waitForURL(`**/console/lanes/${LANE}`);
    await page.locator('.conn[data-status="live"]').waitFor();
  });

  it('shows a trusted truck live, pre-filled, and releases it with one key', async () => {
    await call('POST', '/api/trusted-traders/carriers', 'admin', {
      ...CARRIER,
      transponders: [TRUCK_1.epc, TRUCK_2_EPC],
      plates: [TRUCK_1.plate],
      drivers: [{ id: TRUCK_1.driverId, name: 'Jane Doe', cardNumber: '42000123' }],
    });
    await call('POST', '/api/trusted-traders/carriers', 'admin', { name: 'Motor City Freight Inc', programme: 'AEO', transponders: ['3034257BF7194E4000009999'], plates: [OTHER_PLATE] });
    const example = JSON.parse(readFileSync(resolve(__dirname, '../../../tools/examples/declaration.json'), 'utf8'));
    example.conveyance = { mode: 'road', plate: TRUCK_1.plate, transponder: TRUCK_1.epc, carrierId: CARRIER.traderId };
    const declaration = await call<{ id: string }>('POST', '/api/declarations', 'trader', example);
    // Declarations are lodged before the truck reaches the border. When the host runs the risk
    // context it scores this one in a moment; without it the declaration stays "lodged".
    const risk = await settledRisk(declaration.id);

    // The truck rolls up: transponder and plate on the approach, then the booth camera.
    const t = Date.now();
    const first = await device('rfid', { epc: TRUCK_1.epc, antenna: 1, rssi: -52 }, t);
    await device('lpr', { plate: TRUCK_1.plate, confidence: 0.97 }, t + 300);
    await device('cctv', { cameraId: 'CAM-02-BOOTH', driverPresent: true, faceMatchScore: 0.93, driverId: TRUCK_1.driverId }, t + 700);
    const id = first.passageId;

    // It arrives over the live stream (no reload), with the carrier and the declaration on file.
    await page.getByTestId('carrier-name').filter({ hasText: CARRIER.name }).waitFor();
    await expect.poll(async () => (await passage(id)).recommendation).not.toBeNull();
    const shown = await passage(id);
    expect(shown.carrier?.name).toBe(CARRIER.name);
    expect(shown.declarations.map((d) => d.id)).toEqual([declaration.id]);
    // The console shows what the lane recommends: release for a green, unselected declaration,
    // refer when risk selected it, manual while risk has not spoken.
    const expected = risk.status === 'lodged' ? 'manual' : risk.channel === 'green' && !risk.selected && !risk.random ? 'release' : 'refer';
    expect(shown.recommendation).toBe(expected);
    await expect.poll(recommendationShown).toBe(expected);
    const row = await page.getByTestId('declaration').textContent();
    expect(row).toContain(declaration.id.slice(0, 8));
    expect(row).toMatch(risk.status === 'lodged' ? /risk pending.*2 items · lodged/ : new RegExp(`${risk.channel} · ${risk.score?.toFixed(2)}.*2 items · risk-assessed`));
    expect(await page.locator('.plate').getAttribute('aria-label')).toBe('Plate CA-ON AB12345');
    expect(await page.getByTestId('face-match').getAttribute('data-tone')).toBe('good');

    // The driver calls the booth; the officer answers from the console.
    await device('voip', { state: 'ringing' });
    await expect.poll(() => page.getByTestId('call-state').textContent()).toMatch(/^Ringing/);
    await page.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => page.getByTestId('call-state').textContent()).toMatch(/^Connected/);
    const answered = (await passage(id)).reads.find((r) => r.device === 'voip' && r.state === 'connected');
    expect(answered).toMatchObject({ officerId: 'test-officer', passageId: id });
    await screenshot(page, 'lane-console-live-passage');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => page.getByTestId('call-state').textContent()).toMatch(/^Call ended/);

    // One key, no click first: R releases.
    await page.keyboard.press('r');
    await page.getByTestId('last-decision').filter({ hasText: 'Released' }).waitFor();
    const decided = await passage(id);
    expect(decided.decision).toMatchObject({ action: 'release', by: 'test-officer' });
    await page.getByRole('heading', { name: 'Waiting for the next truck on lane FAST 2…' }).waitFor();
    await expect.poll(() => page.locator(`.recent__table tr[data-passage="${id}"]`).textContent()).toMatch(/CA-ON:AB12345Released( ≠ \w+)?\d:\d\d/);
    await screenshot(page, 'lane-console-after-decision');
  });

  it('flags a plate that contradicts the transponder’s carrier, and refers the truck with F', async () => {
    const t = Date.now();
    const first = await device('rfid', { epc: TRUCK_2_EPC, antenna: 1, rssi: -58 }, t);
    await device('lpr', { plate: OTHER_PLATE, confidence: 0.95 }, t + 300);
    await device('cctv', { cameraId: 'CAM-02-BOOTH', driverPresent: true, faceMatchScore: 0.82 }, t + 700);
    const id = first.passageId;

    await expect.poll(async () => (await passage(id)).recommendation).toBe('refer');
    const flagged = await passage(id);
    expect(flagged.flags.map((f) => f.code)).toEqual(['PLATE_MISMATCH']);
    const flag = page.locator('.attention__item[data-flag][data-code="PLATE_MISMATCH"]');
    await flag.waitFor();
    expect(await flag.textContent()).toContain(flagged.flags[0].text);
    expect(flagged.flags[0].text).toMatch(/US-MI:ZX9981 is not registered to Great Lakes Haulage Ltd.*registered to Motor City Freight Inc/);
    await expect.poll(recommendationShown).toBe('refer');
    // 0.82 passes the lane's 0.80 but only just: amber, with the number.
    expect(await page.getByTestId('face-match').getAttribute('data-tone')).toBe('warn');
    expect(await page.getByTestId('face-match').textContent()).toMatch(/0\.82.*Marginal.*threshold 0\.80/);
    // The time since the first read keeps ticking while the truck waits.
    const elapsed = await page.getByTestId('elapsed').textContent();
    await expect.poll(() => page.getByTestId('elapsed').textContent(), { timeout: 3_000 }).not.toBe(elapsed);
    await screenshot(page, 'lane-console-flagged-passage');

    await page.keyboard.press('f');
    await page.getByTestId('last-decision').filter({ hasText: 'Referred to secondary' }).waitFor();
    expect((await passage(id)).decision).toMatchObject({ action: 'refer', by: 'test-officer' });
    await expect.poll(() => page.locator('.recent__table tbody').textContent()).toMatch(/US-MI:ZX9981Referred.*CA-ON:AB12345Released/);
    await screenshot(page, 'lane-console-after-refer');
    expect(pageErrors).toEqual([]);
  });
});
