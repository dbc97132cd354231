import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, storedToken, storeToken } from './api';

export interface Principal {
  id: string;
  roles: string[];
}

/**
 * Shows `children` once a valid token is present (from localStorage "corridor.token" or pasted
 * here); otherwise a sign-in screen that explains how to get one.
 */
export function SignInGate({ title, roleHint, children }: { title: string; roleHint: string; children: (principal: Principal, signOut: () => void) => ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [checking, setChecking] = useState(Boolean(storedToken()));
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');

  const check = async () => {
    try {
      setPrincipal(await api<Principal>('/api/auth/me'));
      setError(null);
    } catch (e) {
      storeToken(null);
      setPrincipal(null);
      setError(e instanceof ApiError ? e.message : 'the server could not be reached');
    } finally {
      setChecking(false);
    }
  };

  useEffect(() => {
    if (storedToken()) void check();
  }, []);

  if (principal) return <>{children(principal, () => { storeToken(null); setPrincipal(null); })}</>;
  if (checking) return <p className="muted" role="status">Checking your token…</p>;
  return (
    <main className="sign-in">
      <h1>{title}</h1>
      <p>Paste a bearer token to sign in. For local use, run <code>npm run token -- --role {roleHint}</code> and copy its last line.</p>
      <form onSubmit={(e) => { e.preventDefault(); storeToken(draft.trim()); setChecking(true); void check(); }}>
        <label htmlFor="token">Token</label>
        <textarea id="token" value={draft} onChange={(e) => setDraft(e.target.value)} rows={4} placeholder="eyJhbGciOi…" />
        <button type="submit" disabled={!draft.trim()}>Sign in</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  );
}
