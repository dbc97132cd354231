import type { ReactNode } from 'react';
import type { Principal } from '@corridor/web';
import { Link, pathOf } from '../router/router';

/** The console's one bar: the product, what the page adds (lane, connection), the officer. */
export function AppBar({ principal, signOut, children }: { principal: Principal; signOut: () => void; children?: ReactNode }) {
  return (
    <header className="app-bar">
      <h1 className="app-bar__brand">
        <Link to={pathOf({ page: 'lanes' })} className="app-bar__home">
          <span className="app-bar__logo" aria-hidden="true">◆</span>
          Corridor <span className="app-bar__product">Lane console</span>
        </Link>
      </h1>
      <div className="app-bar__middle">{children}</div>
      <div className="app-bar__user">
        <span className="app-bar__who" title={principal.roles.join(', ')}>
          <span className="app-bar__label">Officer</span>
          {principal.id}
        </span>
        <button type="button" className="btn btn--on-dark btn--small" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
