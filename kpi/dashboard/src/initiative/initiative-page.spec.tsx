import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionContext } from '../session';
import { gate, kpi, series, view } from '../testing/fixtures';
import { json, mockApi } from '../testing/mock-api';
import { InitiativePage } from './initiative-page';

const ID = 'i-1';
const emptyTrs = { bucket: 'hour', from: '2026-11-24T10:00:00Z', to: '2026-11-25T10:00:00Z', unit: 's', lane: null, segments: [], buckets: [], totals: {}, open: {} };

function routes(overrides: Record<string, unknown> = {}) {
  return {
    [`GET /api/kpi/initiatives/${ID}`]: view({ id: ID }),
    [`GET /api/kpi/initiatives/${ID}/gates`]: gate(),
    [`GET /api/kpi/initiatives/${ID}/decisions`]: [],
    [`GET /api/kpi/initiatives/${ID}/measurements`]: series(60),
    'GET /api/kpi/runs': [],
    'GET /api/kpi/trs': emptyTrs,
    ...overrides,
  };
}

const page = (roles = ['manager']) => (
  <SessionContext.Provider value={{ id: 'm-1', roles }}>
    <InitiativePage id={ID} chartWidth={500} />
  </SessionContext.Provider>
);

describe('InitiativePage', () => {
  it('shows KPI cards, the gate, a trend chart per KPI and the forms for a manager', async () => {
    mockApi(routes());
    render(page());
    expect(await screen.findByRole('heading', { level: 1, name: 'Secure Corridor: trusted-trader PIL' })).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Trusted-truck PIL processing time' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Go to pilot' })).toBeTruthy();
    const trends = document.getElementById('trends') as HTMLElement;
    await within(trends).findByText('60 measurements · s');
    expect(trends.querySelector('svg.recharts-surface path.recharts-line-curve')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Record a measurement' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print gate report' })).toBeTruthy();
  });

  it('says how to add measurements when there are none', async () => {
    mockApi(routes({ [`GET /api/kpi/initiatives/${ID}`]: view({ id: ID, kpis: [kpi({ latest: null, changeFromBaseline: null })] }), [`GET /api/kpi/initiatives/${ID}/measurements`]: [] }));
    render(page());
    const empty = (await screen.findByText('No measurements yet')).parentElement as HTMLElement;
    expect(empty.textContent).toContain('Record one with the form below');
    expect(within(empty).getByText(`npm run sim -- run FILE --publish ${ID}`)).toBeTruthy();
    expect(screen.getByText('No simulation runs published')).toBeTruthy();
    expect(screen.getByText('Nothing to compare yet')).toBeTruthy();
    expect(await screen.findByText('No completed PIL passages in the last 24 hours')).toBeTruthy();
  });

  it('says how to define KPIs when the initiative has none', async () => {
    mockApi(routes({ [`GET /api/kpi/initiatives/${ID}`]: view({ id: ID, kpis: [] }), [`GET /api/kpi/initiatives/${ID}/measurements`]: [] }));
    render(page());
    expect((await screen.findByText('No KPIs defined yet')).parentElement?.textContent).toContain(`POST /api/kpi/initiatives/${ID}/kpis`);
  });

  it('keeps decisions and forms from a reader without the role', async () => {
    mockApi(routes());
    render(page(['officer']));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Go to pilot' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Record a measurement' })).toBeNull();
  });

  it('reports an initiative that does not exist', async () => {
    mockApi(routes({ [`GET /api/kpi/initiatives/${ID}`]: () => json({ code: 'KPI.NOT_FOUND', message: 'no initiative i-1' }, 404) }));
    render(page());
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the initiative\. Not found/);
  });
});
