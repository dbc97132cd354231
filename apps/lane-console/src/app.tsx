import { SignInGate } from '@corridor/web';

/** The primary-inspection-line officer's console (the lanes context's live passages). */
export function App() {
  return (
    <SignInGate title="Corridor lane console" roleHint="officer">
      {(principal, signOut) => (
        <main>
          <header><h1>Lane console</h1><span>{principal.id}</span> <button onClick={signOut}>Sign out</button></header>
          <p className="muted">Choose a lane to see its current passage.</p>
        </main>
      )}
    </SignInGate>
  );
}
