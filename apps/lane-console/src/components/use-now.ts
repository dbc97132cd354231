import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` while `running` (elapsed timers at the booth). */
export function useNow(running = true, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}
