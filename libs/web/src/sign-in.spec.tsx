import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInGate } from './sign-in';
import { TOKEN_KEY } from './api';

describe('SignInGate', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('asks for a token and says how to get one when none is stored', () => {
    render(<SignInGate title="Lane console" roleHint="officer">{() => <p>inside</p>}</SignInGate>);
    expect(screen.getByText(/npm run token -- --role officer/)).toBeTruthy();
    expect(screen.queryByText('inside')).toBeNull();
  });

  it('keeps a token the server accepts and shows the app', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ id: 'o-1', roles: ['officer'] }), { status: 200 })));
    render(<SignInGate title="Lane console" roleHint="officer">{(p) => <p>hello {p.id}</p>}</SignInGate>);
    fireEvent.change(screen.getByLabelText('Token'), { target: { value: 'abc.def.ghi' } });
    fireEvent.click(screen.getByText('Sign in'));
    expect(await screen.findByText('hello o-1')).toBeTruthy();
    expect(localStorage.getItem(TOKEN_KEY)).toBe('abc.def.ghi');
  });

  it('drops a token the server refuses and shows why', async () => {
    localStorage.setItem(TOKEN_KEY, 'expired');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 'AUTH.INVALID_TOKEN', message: 'the bearer token is invalid or expired' }), { status: 401 })));
    render(<SignInGate title="KPI" roleHint="manager">{() => <p>inside</p>}</SignInGate>);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });
});
