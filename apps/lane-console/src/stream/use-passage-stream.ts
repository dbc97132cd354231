import { useCallback, useEffect, useRef, useState } from 'react';
import { currentPassage, describeError, streamUrl } from '../api/lanes-api';
import type { Passage } from '../api/types';
import { PassageStream, type EventSourceFactory, type StreamStatus } from './passage-stream';

export interface LiveLane {
  /** undefined until the lane has answered once; null while it has never seen a truck. */
  passage: Passage | null | undefined;
  status: StreamStatus;
  /** Shows a passage the console already has (the answer to its own decision), unless a newer one is on screen. */
  show: (passage: Passage) => void;
  retryNow: () => void;
}

/** A passage replaces the one shown unless it is an older revision of the same passage. */
export function newer(shown: Passage | null | undefined, next: Passage | null): boolean {
  if (!next || !shown) return true;
  return shown.id !== next.id || next.revision >= shown.revision;
}

/** The lane's current passage, live (see PassageStream), for as long as the component is mounted. */
export function usePassageStream(laneId: string, eventSource?: EventSourceFactory): LiveLane {
  const [passage, setPassage] = useState<Passage | null | undefined>(undefined);
  const [status, setStatus] = useState<StreamStatus>({ kind: 'connecting' });
  const stream = useRef<PassageStream | null>(null);

  const show = useCallback((next: Passage | null) => setPassage((shown) => (newer(shown, next) ? next : shown)), []);

  useEffect(() => {
    setPassage(undefined);
    const s = new PassageStream({
      url: () => streamUrl(laneId),
      fetchCurrent: () => currentPassage(laneId),
      onPassage: show,
      onStatus: setStatus,
      describe: describeError,
      ...(eventSource ? { eventSource } : {}),
    });
    stream.current = s;
    s.start();
    return () => s.stop();
  }, [laneId, eventSource, show]);

  const retryNow = useCallback(() => stream.current?.retryNow(), []);
  return { passage, status, show, retryNow };
}
