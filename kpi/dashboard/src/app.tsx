import { SignInGate } from '@corridor/web';

/** Program managers' view of initiatives, KPIs and phase gates. */
export function App() {
  return (
    <SignInGate title="Corridor KPI dashboard" roleHint="manager">
      {(principal, signOut) => (
        <main>
          <header><h1>Initiatives</h1><span>{principal.id}</span> <button onClick={signOut}>Sign out</button></header>
        </main>
      )}
    </SignInGate>
  );
}
