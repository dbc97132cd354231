import { useEffect } from 'react';
import { SignInGate, type Principal } from '@corridor/web';
import { AppBar } from './components/app-bar';
import { LanePage } from './console/lane-page';
import { LanePicker } from './lanes/lane-picker';
import { rememberedLane } from './lanes/remembered-lane';
import { Link, navigate, pathOf, useRoute } from './router/router';

/** The primary-inspection-line officer's console (the lanes context's live passages). */
export function App() {
  return (
    <SignInGate title="Corridor lane console" roleHint="officer">
      {(principal, signOut) => <Console principal={principal} signOut={signOut} />}
    </SignInGate>
  );
}

export function Console({ principal, signOut }: { principal: Principal; signOut: () => void }) {
  const route = useRoute();
  const resume = route.page === 'home' ? rememberedLane() : null;

  // The booth's screen reopens its lane; the picker stays one click away ("Change lane").
  useEffect(() => {
    if (resume) navigate(pathOf({ page: 'lane', laneId: resume }), { replace: true });
  }, [resume]);

  switch (route.page) {
    case 'home':
    case 'lanes':
      if (resume) return null;
      return (
        <>
          <AppBar principal={principal} signOut={signOut} />
          <LanePicker />
        </>
      );
    case 'lane':
      return <LanePage key={route.laneId} laneId={route.laneId} principal={principal} signOut={signOut} />;
    case 'not-found':
      return (
        <>
          <AppBar principal={principal} signOut={signOut} />
          <main className="page-message" id="content">
            <div className="notice">
              <h2>There is no page here</h2>
              <p>
                <code>{route.path}</code> is not a console page.
              </p>
              <Link to={pathOf({ page: 'lanes' })} className="btn">
                Choose a lane
              </Link>
            </div>
          </main>
        </>
      );
  }
}
