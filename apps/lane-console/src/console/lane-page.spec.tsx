import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_KEY } from '@corridor/web';
import { LANE_KEY } from '../lanes/remembered-lane';
import { aFlaggedPassage, aLane, aPassage, FakeEventSource, json, mockApi } from '../testing/fixtures';
import { LanePage } from './lane-page';

const OFFICER = { id: 'officer-17', roles: ['officer'] };
const LANE = aLane();
const LANE_PATH = `/api/lanes/${LANE.id}`;

/** The booth is on screen and its stream has been opened (effects run after the first paint). */
async function boothReady() {
  await screen.findByText('FAST 2');
  await waitFor(() => FakeEventSource.last());
}

function renderBooth() {
  return render(<LanePage laneId={LANE.id} principal={OFFICER as never} signOut={() => undefined} eventSource={FakeEventSource.factory} />);
}

describe('the booth page', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    localStorage.setItem(TOKEN_KEY, 'tok.en');
  });

  it('waits for the next truck on the lane, live, and remembers the lane on this screen', async () => {
    mockApi({ [`GET ${LANE_PATH}`]: LANE, [`GET ${LANE_PATH}/passages`]: [] });
    renderBooth();
    await boothReady();
    expect(screen.getByRole('heading', { name: 'Connecting to lane FAST 2…' })).toBeTruthy();
    expect(FakeEventSource.last().url).toBe(`${LANE_PATH}/passages/stream?token=tok.en`);
    act(() => FakeEventSource.last().open());
    expect(screen.getByRole('heading', { name: 'Waiting for the next truck on lane FAST 2…' })).toBeTruthy();
    expect(screen.getAllByRole('status').some((s) => s.getAttribute('data-status') === 'live' && s.textContent === 'Live')).toBe(true);
    expect(localStorage.getItem(LANE_KEY)).toBe(LANE.id);
    expect(await screen.findByText('No trucks on this lane yet.')).toBeTruthy();
  });

  it('shows the truck as the stream sends it, releases it with R and moves on to the waiting state with the result', async () => {
    const { calls } = mockApi({
      [`GET ${LANE_PATH}`]: LANE,
      [`GET ${LANE_PATH}/passages`]: [aPassage()],
      [`POST /api/passages/${aPassage().id}/decision`]: aPassage({ decision: { action: 'release', by: 'officer-17', at: '2026-11-25T14:30:20.000Z' }, revision: 4 }),
    });
    renderBooth();
    await boothReady();
    act(() => {
      FakeEventSource.last().open();
      FakeEventSource.last().send('passage', aPassage());
    });
    expect(screen.getByTestId('carrier-name').textContent).toBe('Great Lakes Haulage Ltd');
    // Focus moved to the booth, so the keys work straight away.
    expect(document.activeElement?.id).toBe('content');
    fireEvent.keyDown(document.activeElement as Element, { key: 'r' });
    const last = await screen.findByTestId('last-decision');
    expect(last.textContent).toMatch(/Released.*CA-ON:AB12345.*officer-17.*0:19.*Release \(followed\)/);
    expect(screen.getByRole('heading', { name: 'Waiting for the next truck on lane FAST 2…' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', path: `/api/passages/${aPassage().id}/decision`, body: { action: 'release' } }]);

    // The next truck: the panel is back, with its flag.
    act(() => FakeEventSource.last().send('passage', aFlaggedPassage()));
    expect(screen.getByRole('region', { name: 'Needs attention' }).textContent).toMatch(/Plate contradicts transponder/);
    expect(screen.getByRole('button', { name: /Refer/ }).textContent).toMatch(/Recommended/);
  });

  it('tells the officer when another console decided first', async () => {
    const id = aPassage().id;
    mockApi({
      [`GET ${LANE_PATH}`]: LANE,
      [`GET ${LANE_PATH}/passages`]: [],
      [`POST /api/passages/${id}/decision`]: json({ code: 'PASSAGE.ALREADY_DECIDED', message: `passage ${id} was already decided (refer by officer-9 at 2026-11-25T14:30:25.000Z)` }, 409),
      [`GET /api/passages/${id}`]: aPassage({ decision: { action: 'refer', by: 'officer-9', at: '2026-11-25T14:30:25.000Z' }, revision: 4 }),
    });
    renderBooth();
    await boothReady();
    act(() => {
      FakeEventSource.last().open();
      FakeEventSource.last().send('passage', aPassage());
    });
    fireEvent.keyDown(document.body, { key: 'r' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Already decided\..*refer by officer-9.*Nothing was changed/);
    expect(screen.getByTestId('last-decision').textContent).toMatch(/Referred to secondary.*officer-9/);
  });

  it('answers and hangs up the booth phone as voip events from the officer about this passage', async () => {
    const ringing = aPassage({ reads: [...aPassage().reads, { device: 'voip', state: 'ringing', at: '2026-11-25T14:30:05.000Z', receivedAt: '2026-11-25T14:30:05.000Z', source: 'mqtt' }], revision: 5 });
    const { calls } = mockApi({ [`GET ${LANE_PATH}`]: LANE, [`GET ${LANE_PATH}/passages`]: [], [`POST ${LANE_PATH}/events`]: { outcome: 'joined', laneId: LANE.id } });
    renderBooth();
    await boothReady();
    act(() => {
      FakeEventSource.last().open();
      FakeEventSource.last().send('passage', ringing);
    });
    expect(screen.getByTestId('call-state').textContent).toMatch(/^Ringing/);
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    await waitFor(() => expect(screen.getByTestId('call-state').textContent).toMatch(/^Connected/));
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(screen.getByTestId('call-state').textContent).toMatch(/^Call ended/));
    const posted = calls.filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);
    expect(posted.map(({ at: _at, ...rest }) => rest)).toEqual([
      { device: 'voip', state: 'connected', officerId: 'officer-17', passageId: ringing.id },
      { device: 'voip', state: 'ended', officerId: 'officer-17', passageId: ringing.id },
    ]);
    expect(posted.every((b) => typeof b.at === 'string' && !Number.isNaN(Date.parse(b.at as string)))).toBe(true);
  });

  it('lists the recent passages with decision and time at the booth', async () => {
    const released = aPassage({ decision: { action: 'release', by: 'o', at: '2026-11-25T14:30:43.000Z' }, timings: { ...aPassage().timings, decisionAt: '2026-11-25T14:30:43.000Z' } });
    mockApi({ [`GET ${LANE_PATH}`]: LANE, [`GET ${LANE_PATH}/passages`]: [aFlaggedPassage(), released] });
    renderBooth();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringMatching(/US-MI:ZX9981undecided—$/), expect.stringMatching(/CA-ON:AB12345Released0:42$/)]);
  });

  it('names an unknown lane and offers the lane picker', async () => {
    localStorage.setItem(LANE_KEY, LANE.id);
    mockApi({ [`GET ${LANE_PATH}`]: json({ code: 'LANE.NOT_FOUND', message: `no lane ${LANE.id}` }, 404) });
    renderBooth();
    expect((await screen.findByRole('alert')).textContent).toMatch(/Unknown lane.*There is no lane USDET-AMB-02/);
    expect(screen.getByRole('link', { name: 'Choose a lane' }).getAttribute('href')).toMatch(/\/lanes$/);
    expect(localStorage.getItem(LANE_KEY)).toBeNull();
  });

  it('falls back to polling when the stream fails, and says so', async () => {
    mockApi({ [`GET ${LANE_PATH}`]: LANE, [`GET ${LANE_PATH}/passages`]: [], [`GET ${LANE_PATH}/passages/current`]: aPassage() });
    renderBooth();
    await boothReady();
    act(() => FakeEventSource.last().fail());
    expect(await screen.findByText(/^Reconnecting/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect now' }));
    act(() => FakeEventSource.last().fail());
    expect(await screen.findByText('Polling every 3 s')).toBeTruthy();
    expect((await screen.findByTestId('carrier-name')).textContent).toBe('Great Lakes Haulage Ltd');
  });
});
