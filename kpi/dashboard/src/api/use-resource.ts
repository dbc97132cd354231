import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined; reload: () => void }
  | { status: 'error'; data?: T; error: unknown; reload: () => void }
  | { status: 'ready'; data: T; error?: undefined; reload: () => void };

/**
 * Loads `load()` when `key` changes and on `reload()`. A reload keeps the data on screen while it
 * runs (no flash of "Loading…"); answers to superseded requests are dropped.
 */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; status: 'loading' | 'error' | 'ready'; data?: T; error?: unknown }>({ key, status: 'loading' });
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => (s.key === key ? s : { key, status: 'loading' }));
    loadRef.current().then(
      (data) => current && setState({ key, status: 'ready', data }),
      (error: unknown) => current && setState((s) => ({ key, status: 'error', error, data: s.key === key ? s.data : undefined })),
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  if (state.key !== key || state.status === 'loading') return { status: 'loading', reload };
  if (state.status === 'error') return { status: 'error', error: state.error, data: state.data, reload };
  return { status: 'ready', data: state.data as T, reload };
}
