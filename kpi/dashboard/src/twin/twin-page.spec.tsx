import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionContext } from '../session';
import { json, mockApi } from '../testing/mock-api';
import { accuracyReport, twinForecastView, whatIfResult } from '../testing/twin-fixtures';
import { TwinPage } from './twin-page';

const view = twinForecastView(); // state at 08:00 local, 2 h of 15-min buckets, actual from 05:00 to 08:30
const noForecast = () => json({ code: 'TWIN.NO_FORECAST', message: 'no forecast yet: import telemetry (POST /api/twin/telemetry)…' }, 404);

function renderTwin(roles: string[] = []) {
  return render(
    <SessionContext.Provider value={{ id: 'u-1', roles }}>
      <TwinPage chartWidth={600} />
    </SessionContext.Provider>,
  );
}

/** The cells of the row whose header is `time`, as text. */
function row(table: HTMLElement, time: string): string[] {
  const found = within(table).getAllByRole('row').find((r) => r.querySelector('th')?.textContent === time);
  if (!found) throw new Error(`no row ${time}`);
  return [...found.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
}

describe('TwinPage', () => {
  it('draws the three fans with "now" and tabulates the forecast and the actual for each', async () => {
    mockApi({ 'GET /api/twin/forecast': view, 'GET /api/twin/accuracy': accuracyReport() });
    renderTwin();
    const wait = await screen.findByRole('table', { name: 'PIL wait: forecast and actual by bucket (s)' });
    // 05:00 to 08:15 measured, 08:00 to 09:45 forecast: 20 buckets.
    expect(within(wait).getAllByRole('row')).toHaveLength(1 + 20);
    expect(row(wait, '05:00')).toEqual(['05:00', '', '\u2014', '\u2014', '\u2014', '\u2014']); // no truck started its PIL then
    expect(row(wait, '08:00')).toEqual(['08:00', '15 min', '831\u00a0s', '727\u2013951\u00a0s', '668\u20131,011\u00a0s', '787\u00a0s']);
    expect(row(wait, '09:45')).toEqual(['09:45', '120 min', expect.stringMatching(/\u00a0s$/), expect.any(String), expect.any(String), '']);
    const queue = screen.getByRole('table', { name: 'Queue length: forecast and actual by bucket (trucks)' });
    expect(row(queue, '08:00')[5]).toBe('8.83\u00a0trucks');
    const first = view.forecast.points[0].queue_length;
    expect(row(queue, '08:00').slice(2, 4)).toEqual([`${first.p50}\u00a0trucks`, `${first.pi80[0]}\u2013${first.pi80[1]}\u00a0trucks`]);
    expect(screen.getByRole('table', { name: 'Throughput: forecast and actual by bucket (trucks/h)' })).toBeTruthy();

    const section = document.getElementById('twin-forecast') as HTMLElement;
    const figures = [...section.querySelectorAll('figure')];
    expect(figures.map((f) => document.getElementById(f.getAttribute('aria-labelledby') ?? '')?.textContent)).toEqual(['PIL wait', 'Queue length', 'Throughput']);
    expect(document.getElementById(figures[0].getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^The mean wait .* Forecast from 08:00: median 831\u00a0s \(80% 727\u2013951\u00a0s\) at first, 774\u00a0s \(80% 526\u20131,063\u00a0s\) in the bucket from 09:45, highest 886\u00a0s from 08:45\. Actual from 05:15: latest 891\u00a0s in the bucket from 08:15\.$/);
    for (const figure of figures) {
      expect(figure.querySelectorAll('.recharts-area-area')).toHaveLength(2);
      expect(figure.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
      expect(figure.querySelectorAll('.recharts-reference-line line')).toHaveLength(1);
      expect([...figure.querySelectorAll('svg text')].map((t) => t.textContent)).toContain('now');
    }
    // Without a twin role: the figures, no what-if and no refresh.
    expect(screen.getByText('What-ifs are for officers, engineers and managers.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refresh forecast now' })).toBeNull();
  });

  it('shows the figures on screen on request; screen readers have them either way', async () => {
    mockApi({ 'GET /api/twin/forecast': view, 'GET /api/twin/accuracy': accuracyReport() });
    renderTwin();
    const table = await screen.findByRole('table', { name: 'PIL wait: forecast and actual by bucket (s)' });
    const toggle = within(table.closest('.fan-card') as HTMLElement).getByRole('button', { name: 'Show the figures' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(table.parentElement?.className).toBe('visually-hidden');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide the figures');
    expect(table.parentElement?.className).not.toContain('visually-hidden');
  });

  it('heads the page with the window summary and the forecast facts', async () => {
    mockApi({ 'GET /api/twin/forecast': view, 'GET /api/twin/accuracy': accuracyReport() });
    renderTwin();
    expect(screen.getByRole('heading', { level: 1, name: 'Crossing forecast' })).toBeTruthy();
    await screen.findByText('Lanes open');
    const stats = [...document.querySelectorAll('.twin__stats .stat')].map((s) => s.textContent);
    const { summary } = view.forecast;
    expect(stats).toEqual([
      expect.stringMatching(/^Mean PIL wait, next 2 h[\d.]+\u00a0min80% [\d.]+\u2013[\d.]+\u00a0min$/),
      `Mean queue${summary.queue_length.mean}\u00a0trucks80% ${summary.queue_length.pi80[0]}\u2013${summary.queue_length.pi80[1]}\u00a0trucks`,
      expect.stringMatching(/^Throughput[\d.]+\u00a0trucks\/h80% /),
    ]);
    const facts = document.querySelector('.facts')?.textContent ?? '';
    expect(facts).toContain('2 h to 10:00, 15-min buckets');
    expect(facts).toContain('2 standard · 1 trusted');
    expect(facts).toContain('200');
  });

  describe('before the first forecast', () => {
    it('explains that the twin needs telemetry and lets an officer refresh it', async () => {
      let made = false;
      const { calls } = mockApi({
        'GET /api/twin/forecast': () => (made ? view : noForecast()),
        'POST /api/twin/forecast': () => {
          made = true;
          return json(view, 201);
        },
        'GET /api/twin/accuracy': () => json({ code: 'TWIN.NO_FORECAST', message: 'no accuracy report yet' }, 404),
      });
      renderTwin(['officer']);
      const empty = (await screen.findByText('No forecast yet')).parentElement as HTMLElement;
      expect(empty.textContent).toMatch(/needs a few hours of telemetry/);
      fireEvent.click(within(empty).getByRole('button', { name: 'Refresh forecast now' }));
      expect(await screen.findByRole('table', { name: 'PIL wait: forecast and actual by bucket (s)' })).toBeTruthy();
      expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', path: '/api/twin/forecast', body: undefined }]);
      // Nothing scored yet: a short note, not an error.
      expect(await screen.findByText(/No forecast has been scored yet/)).toBeTruthy();
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it("shows the 422's reason when there is too little telemetry", async () => {
      mockApi({
        'GET /api/twin/forecast': noForecast,
        'POST /api/twin/forecast': json({ code: 'TWIN.TOO_LITTLE_TELEMETRY', message: 'cannot calibrate the twin on the stored telemetry: 4 PIL services in the last 6 h, at least 30 needed' }, 422),
      });
      renderTwin(['engineer']);
      fireEvent.click(await screen.findByRole('button', { name: 'Refresh forecast now' }));
      expect((await screen.findByRole('alert')).textContent).toBe('The twin could not refresh: cannot calibrate the twin on the stored telemetry: 4 PIL services in the last 6 h, at least 30 needed.');
      expect(screen.getByText('No forecast yet')).toBeTruthy();
    });

    it.each([[['admin']], [['manager']]])('offers the refresh to %s', async (roles) => {
      mockApi({ 'GET /api/twin/forecast': noForecast });
      renderTwin(roles);
      expect(await screen.findByRole('button', { name: 'Refresh forecast now' })).toBeTruthy();
    });

    it('offers no refresh to a role that may not run one', async () => {
      mockApi({ 'GET /api/twin/forecast': noForecast });
      renderTwin(['trader']);
      const empty = (await screen.findByText('No forecast yet')).parentElement as HTMLElement;
      expect(within(empty).queryByRole('button')).toBeNull();
      expect(empty.textContent).toContain('An officer, engineer or manager can refresh it now');
    });
  });

  describe('what if', () => {
    it('posts the hours and the target wait and shows the recommendation with every option', async () => {
      const { calls } = mockApi({
        'GET /api/twin/forecast': view,
        'GET /api/twin/accuracy': accuracyReport(),
        'POST /api/twin/what-if': (init: RequestInit | undefined) => {
          const body = JSON.parse(String(init?.body)) as { hours: number; target_wait_s: number };
          return whatIfResult({ hours: body.hours, targetWaitS: body.target_wait_s });
        },
      });
      renderTwin(['officer']);
      const hours = (await screen.findByLabelText('Hours ahead')) as HTMLInputElement;
      const target = screen.getByLabelText('Target wait (s)') as HTMLInputElement;
      expect([hours.value, target.value]).toEqual(['2', '600']);
      fireEvent.change(hours, { target: { value: '3' } });
      fireEvent.change(target, { target: { value: '480' } });
      fireEvent.click(screen.getByRole('button', { name: 'Compare actions' }));

      const recommendation = (await screen.findByText('Open standard lane PIL-4 (an officer on duty is free)', { selector: '.recommendation__action' })).parentElement as HTMLElement;
      expect(calls.find((c) => c.path === '/api/twin/what-if')).toEqual({ method: 'POST', path: '/api/twin/what-if', body: { hours: 3, target_wait_s: 480 } });
      expect(within(recommendation).getByText('Open standard lane PIL-4 (an officer on duty is free)')).toBeTruthy();
      expect(recommendation.textContent).toContain('meets the 10 min target and nothing cheaper does');
      expect(recommendation.textContent).toContain('next 3 h');

      const options = screen.getByRole('table', { name: /^Each action over the next 3 h, 200 replications/ });
      const rows = within(options).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
      expect(rows).toEqual([
        ['Keep the lanes as they arenone', '12\u00a0min', '8.2\u201315.8\u00a0min', 'No', '0'],
        ['Open standard lane PIL-4 (an officer on duty is free) Recommendedopen:standard', '5.2\u00a0min', '3.5\u20136.8\u00a0min', 'Yes', '+1'],
        ['Call in an officer to open mixed lane PIL-5add_officer:mixed', '4.7\u00a0min', '3.2\u20136.2\u00a0min', 'Yes', '+2'],
        ['Close trusted lane PIL-3 (its queue moves to the other lanes)close:trusted', '22.5\u00a0min', '15.3\u201329.7\u00a0min', 'No', '\u22121'],
      ]);
    });

    it("shows a 400's message next to the field it names", async () => {
      mockApi({
        'GET /api/twin/forecast': view,
        'GET /api/twin/accuracy': accuracyReport(),
        'POST /api/twin/what-if': json({ code: 'TWIN.INVALID_WHAT_IF', message: 'hours: must be at most 24', field: 'hours', errors: [{ field: 'hours', message: 'hours: must be at most 24' }] }, 400),
      });
      renderTwin(['manager']);
      const hours = (await screen.findByLabelText('Hours ahead')) as HTMLInputElement;
      fireEvent.change(hours, { target: { value: '30' } });
      fireEvent.click(screen.getByRole('button', { name: 'Compare actions' }));
      await waitFor(() => expect(hours.getAttribute('aria-invalid')).toBe('true'));
      expect(document.getElementById(hours.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Must be at most 24');
      expect((screen.getByLabelText('Target wait (s)') as HTMLInputElement).getAttribute('aria-invalid')).toBeNull();
      expect(document.querySelector('.recommendation')).toBeNull();
    });
  });

  describe('accuracy', () => {
    it('charts the wait error by horizon and sets the coverage against 80% and 95%', async () => {
      mockApi({ 'GET /api/twin/forecast': view, 'GET /api/twin/accuracy': accuracyReport() });
      renderTwin();
      const section = (await screen.findByRole('region', { name: 'Accuracy' })) as HTMLElement;
      await within(section).findByText(/12 forecasts scored/);
      const figures = [...section.querySelectorAll('.accuracy__figure')].map((f) => f.textContent);
      expect(figures[0]).toBe('80% intervals held72% of outcomes (nominal 80%) about right');
      expect(figures[1]).toBe('95% intervals held93% of outcomes (nominal 95%) about right');
      expect(figures[2]).toContain('wait 101\u00a0s');
      const chart = section.querySelector('figure') as HTMLElement;
      expect(document.getElementById(chart.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('PIL wait error by minutes ahead');
      expect(chart.querySelector('.recharts-line-curve')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/);
      const table = within(section).getByRole('table', { name: 'Forecast accuracy by minutes ahead' });
      expect(within(table).getAllByRole('row').slice(1).map((r) => r.firstElementChild?.textContent)).toEqual(['15 min', '30 min', '45 min', '60 min', 'All']);
      expect(row(table, '60 min')).toEqual(['60 min', '6', '165\u00a0s', '2\u00a0trucks', '6\u00a0trucks/h', '69%', '89%']);
    });
  });
});
