import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Passage } from '../api/types';
import { aPassage, json, mockApi } from '../testing/fixtures';
import { decisionForKey } from './decision-keys';
import { DecisionPanel, type DecisionOutcome } from './decision-panel';

const ID = aPassage().id;
const DECISION = `POST /api/passages/${ID}/decision`;
const decided = (action: string, note?: string): Passage => aPassage({ decision: { action: action as 'release', by: 'officer-17', at: '2026-11-25T14:30:30.000Z', ...(note ? { note } : {}) }, revision: 4 });

function setUp(passage = aPassage()) {
  const outcomes: DecisionOutcome[] = [];
  const view = render(<DecisionPanel passage={passage} onOutcome={(o) => outcomes.push(o)} />);
  return { outcomes, view };
}

describe('the decision panel', () => {
  it.each([
    ['r', 'release'],
    ['R', 'release'],
    ['f', 'refer'],
    ['h', 'hold'],
  ])('decides with one key: %s is %s, without clicking first', async (key, action) => {
    const { calls } = mockApi({ [DECISION]: (init: RequestInit) => decided(JSON.parse(String(init.body)).action) });
    const { outcomes } = setUp();
    fireEvent.keyDown(document.body, { key });
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(calls).toEqual([{ method: 'POST', path: `/api/passages/${ID}/decision`, body: { action } }]);
    expect(outcomes[0]).toMatchObject({ kind: 'decided', passage: { decision: { action } } });
  });

  it('shows each key on its button and marks the recommended one', () => {
    setUp();
    const release = screen.getByRole('button', { name: /Release/ });
    expect(release.getAttribute('aria-keyshortcuts')).toBe('R');
    expect(release.textContent).toMatch(/^RRelease.*Recommended$/);
    expect(screen.getByRole('button', { name: /Refer/ }).getAttribute('aria-keyshortcuts')).toBe('F');
    expect(screen.getByRole('button', { name: /Hold/ }).getAttribute('aria-keyshortcuts')).toBe('H');
  });

  it('sends the note with a click, and keeps letters typed into the note as text', async () => {
    const { calls } = mockApi({ [DECISION]: decided('hold', 'driver card checked by hand') });
    const { outcomes } = setUp();
    const note = screen.getByRole('textbox', { name: /Note/ });
    fireEvent.keyDown(note, { key: 'r' });
    fireEvent.change(note, { target: { value: 'driver card checked by hand' } });
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /Hold/ }));
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(calls[0].body).toEqual({ action: 'hold', note: 'driver card checked by hand' });
  });

  it('decides from inside the note with Alt and the key', async () => {
    const { calls } = mockApi({ [DECISION]: decided('refer') });
    const { outcomes } = setUp();
    fireEvent.keyDown(screen.getByRole('textbox', { name: /Note/ }), { key: '†', code: 'KeyF', altKey: true });
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(calls[0].body).toEqual({ action: 'refer' });
  });

  it('disables the buttons while posting and sends one decision however often the key is pressed', async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = mockApi({ [DECISION]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { outcomes } = setUp();
    fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(screen.getByRole('button', { name: /Release…/ })).toBeTruthy());
    expect(screen.getAllByRole('button').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    fireEvent.keyDown(document.body, { key: 'r' });
    fireEvent.keyDown(document.body, { key: 'f' });
    fireEvent.click(screen.getByRole('button', { name: /Hold/ }));
    await act(async () => answer(json(decided('release'))));
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(calls).toHaveLength(1);
  });

  it('explains a 409 (decided elsewhere first) and shows the passage as it now is, without an error', async () => {
    mockApi({
      [DECISION]: json({ code: 'PASSAGE.ALREADY_DECIDED', message: `passage ${ID} was already decided (refer by officer-9 at 2026-11-25T14:30:25.000Z)`, field: 'action' }, 409),
      [`GET /api/passages/${ID}`]: decided('refer'),
    });
    const { outcomes } = setUp();
    fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/already decided \(refer by officer-9/), passage: { decision: { action: 'refer' } } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other failures in the panel and lets the officer try again', async () => {
    let fail = true;
    mockApi({ [DECISION]: () => (fail ? json({ code: 'INTERNAL', message: 'database unavailable' }, 503) : decided('refer')) });
    const { outcomes } = setUp();
    fireEvent.keyDown(document.body, { key: 'f' });
    expect((await screen.findByRole('alert')).textContent).toBe('The decision was not recorded: database unavailable');
    expect((screen.getByRole('button', { name: /Refer/ }) as HTMLButtonElement).disabled).toBe(false);
    fail = false;
    fireEvent.keyDown(document.body, { key: 'f' });
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps Release for after the lane’s checks; refer and hold are always possible', () => {
    const { calls } = mockApi({});
    setUp(aPassage({ recommendation: null, reasons: [], status: 'assembling' }));
    expect((screen.getByRole('button', { name: /Release/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /Refer/ }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(calls).toEqual([]);
  });

  it('ignores the keys once the passage is decided', () => {
    const { calls } = mockApi({});
    setUp(decided('release'));
    fireEvent.keyDown(document.body, { key: 'f' });
    expect(calls).toEqual([]);
  });
});

describe('decisionForKey', () => {
  const key = (over: Partial<KeyboardEvent>) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, repeat: false, target: document.body, ...over }) as KeyboardEvent;
  it('leaves browser shortcuts, held keys and capital letters typed with Shift alone', () => {
    expect(decisionForKey(key({ key: 'r', ctrlKey: true }))).toBeUndefined(); // reload
    expect(decisionForKey(key({ key: 'r', metaKey: true }))).toBeUndefined();
    expect(decisionForKey(key({ key: 'r', repeat: true }))).toBeUndefined();
    expect(decisionForKey(key({ key: 'R', shiftKey: true }))).toBeUndefined();
    expect(decisionForKey(key({ key: 'x' }))).toBeUndefined();
    expect(decisionForKey(key({ key: 'h' }))).toBe('hold');
  });

  it('is not fooled by a focused button', () => {
    const button = document.createElement('button');
    expect(decisionForKey(key({ key: 'f', target: button }))).toBe('refer');
  });
});
