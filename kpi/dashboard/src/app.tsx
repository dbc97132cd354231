import { SignInGate, type Principal } from '@corridor/web';
import { useEffect, useRef } from 'react';
import { InitiativePage } from './initiative/initiative-page';
import { PortfolioPage } from './portfolio/portfolio-page';
import { RunPage } from './run/run-page';
import { TwinPage } from './twin/twin-page';
import { EmptyState } from './components/ui';
import { Link, pathOf, useRoute, type Route } from './router/router';
import { SessionContext } from './session';

/** Program managers' view of initiatives, KPIs and phase gates. */
export function App() {
  return (
    <SignInGate title="Corridor KPI dashboard" roleHint="manager">
      {(principal, signOut) => <Shell principal={principal} signOut={signOut} />}
    </SignInGate>
  );
}

export function Shell({ principal, signOut }: { principal: Principal; signOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const where = JSON.stringify(route);
  const first = useRef(true);
  useEffect(() => {
    // After an in-app navigation, keyboard and screen-reader users continue at the new page's content.
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [where]);
  return (
    <SessionContext.Provider value={principal}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-bar no-print">
        <div className="app-bar__inner">
          <Link to={pathOf({ page: 'portfolio' })} className="app-bar__brand">
            <span className="app-bar__logo" aria-hidden="true">
              ◆
            </span>
            Corridor <span className="app-bar__product">KPI &amp; phase gates</span>
          </Link>
          <nav aria-label="Main" className="app-bar__nav">
            <Link to={pathOf({ page: 'portfolio' })} aria-current={route.page === 'portfolio' ? 'page' : undefined}>
              Portfolio
            </Link>
            <Link to={pathOf({ page: 'twin' })} aria-current={route.page === 'twin' ? 'page' : undefined}>
              Twin
            </Link>
          </nav>
          <div className="app-bar__user">
            <span className="app-bar__who" title={principal.roles.join(', ')}>
              {principal.id}
              <span className="app-bar__roles">{principal.roles.join(' · ')}</span>
            </span>
            <button type="button" className="button button--on-dark button--small" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="content" className="content" tabIndex={-1} ref={main}>
        <Page route={route} />
      </main>
    </SessionContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'portfolio':
      return <PortfolioPage />;
    case 'initiative':
      return <InitiativePage key={route.id} id={route.id} />;
    case 'run':
      return <RunPage key={route.runId} runId={route.runId} />;
    case 'twin':
      return <TwinPage />;
    case 'not-found':
      return (
        <EmptyState title="There is no page here" action={<Link to={pathOf({ page: 'portfolio' })} className="button">Go to the portfolio</Link>}>
          <code>{route.path}</code> is not a dashboard page.
        </EmptyState>
      );
  }
}
