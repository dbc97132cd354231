import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Passage } from '../api/types';
import { aPassage, FakeEventSource } from '../testing/fixtures';
import { PassageStream, type StreamStatus } from './passage-stream';
import { newer } from './use-passage-stream';

describe('PassageStream', () => {
  let passages: Array<Passage | null>;
  let statuses: StreamStatus[];
  let fetchCurrent: ReturnType<typeof vi.fn<() => Promise<Passage | null>>>;
  let stream: PassageStream;
  const kinds = () => statuses.map((s) => s.kind);

  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    passages = [];
    statuses = [];
    fetchCurrent = vi.fn(async () => aPassage({ revision: 9 }));
    stream = new PassageStream({
      url: () => '/api/lanes/USDET-AMB-02/passages/stream?token=t',
      fetchCurrent,
      onPassage: (p) => passages.push(p),
      onStatus: (s) => statuses.push(s),
      describe: (e) => `described: ${(e as Error).message}`,
      eventSource: FakeEventSource.factory,
      random: () => 0.5, // no jitter: delays are exactly 1 s, 2 s, 4 s...
    });
  });
  afterEach(() => stream.stop());

  it('goes live when the stream opens and hands over each passage event', () => {
    stream.start();
    expect(kinds()).toEqual(['connecting']);
    const source = FakeEventSource.last();
    expect(source.url).toBe('/api/lanes/USDET-AMB-02/passages/stream?token=t');
    source.open();
    source.send('passage', aPassage());
    source.send('passage', 'not json'); // skipped, not thrown
    expect(kinds()).toEqual(['connecting', 'live']);
    expect(passages.map((p) => p?.id)).toEqual([aPassage().id]);
    expect(fetchCurrent).not.toHaveBeenCalled();
  });

  it('re-reads the current passage now and then while live, in case a change reached another process', async () => {
    stream.start();
    FakeEventSource.last().open();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fetchCurrent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchCurrent).toHaveBeenCalledTimes(1);
    expect(passages.map((p) => p?.revision)).toEqual([9]);
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchCurrent).toHaveBeenCalledTimes(1);
  });

  it('reconnects with exponential backoff after the stream drops', async () => {
    stream.start();
    FakeEventSource.last().open();
    FakeEventSource.last().fail();
    expect(FakeEventSource.instances[0].closed).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    // It comes back: live again, the failure count starts over.
    FakeEventSource.last().open();
    expect(statuses.at(-1)?.kind).toBe('live');
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(fetchCurrent).not.toHaveBeenCalled();
  });

  it('falls back to polling the current passage when the stream keeps failing, and stops once it is back', async () => {
    stream.start();
    FakeEventSource.last().fail(); // 1st failure: retry in 1 s
    await vi.advanceTimersByTimeAsync(1000);
    FakeEventSource.last().fail(); // 2nd: poll now, retry the stream in 2 s
    expect(statuses.at(-1)).toMatchObject({ kind: 'polling', everyMs: 3000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchCurrent).toHaveBeenCalledTimes(1);
    expect(passages.map((p) => p?.revision)).toEqual([9]);

    await vi.advanceTimersByTimeAsync(2000); // the stream is tried again...
    expect(FakeEventSource.instances).toHaveLength(3);
    FakeEventSource.last().fail(); // ...and fails: next try in 4 s, polling goes on
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchCurrent).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(fetchCurrent).toHaveBeenCalledTimes(3);
    expect(FakeEventSource.instances).toHaveLength(4);

    FakeEventSource.last().open();
    expect(statuses.at(-1)?.kind).toBe('live');
    await vi.advanceTimersByTimeAsync(29_000); // ten polls' worth: none happen
    expect(fetchCurrent).toHaveBeenCalledTimes(3);
  });

  it('says why when polling fails too, and recovers when a poll succeeds', async () => {
    fetchCurrent.mockRejectedValueOnce(new Error('network down'));
    stream.start();
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toMatchObject({ kind: 'offline', error: 'described: network down' });
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses.at(-1)?.kind).toBe('polling');
    expect(passages).toHaveLength(1);
  });

  it('passes on "no passage yet" from polling as null', async () => {
    fetchCurrent.mockResolvedValue(null);
    stream.start();
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    FakeEventSource.last().fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(passages).toEqual([null]);
  });

  it('counts a stream that never opens as failed', async () => {
    stream.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeEventSource.instances[0].closed).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 });
  });

  it('caps the backoff at 30 s', async () => {
    stream.start();
    for (let i = 0; i < 8; i++) {
      FakeEventSource.last().fail();
      await vi.advanceTimersByTimeAsync(30_000);
    }
    const last = statuses.filter((s): s is Extract<StreamStatus, { retryAt: number }> => 'retryAt' in s).at(-1);
    expect(last && last.retryAt - Date.now()).toBeLessThanOrEqual(30_000);
  });

  it('retries at once on request, and closes everything on stop', async () => {
    stream.start();
    FakeEventSource.last().fail();
    stream.retryNow();
    expect(FakeEventSource.instances).toHaveLength(2);
    stream.stop();
    expect(FakeEventSource.last().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(fetchCurrent).not.toHaveBeenCalled();
  });
});

describe('which passage the console shows', () => {
  it('takes a new passage or a later revision, never an older revision of the one shown', () => {
    const shown = aPassage({ revision: 5 });
    expect(newer(shown, aPassage({ revision: 6 }))).toBe(true);
    expect(newer(shown, aPassage({ revision: 4 }))).toBe(false);
    expect(newer(shown, aPassage({ id: 'other', revision: 1 }))).toBe(true);
    expect(newer(undefined, aPassage())).toBe(true);
  });
});
