import { useEffect, useState } from 'react';
import { kpiApi } from '../api/kpi-api';
import type { InitiativeSummary, Phase } from '../api/types';
import { useResource } from '../api/use-resource';
import { EmptyState, ErrorPanel, Loading } from '../components/ui';
import { PHASE_LABELS } from '../format/format';
import { navigate, pathOf } from '../router/router';
import { useSession } from '../session';
import { InitiativeCard } from './initiative-card';
import { NewInitiativeForm } from './new-initiative-form';

const LANES: Array<{ phase: Phase; plan: string }> = [
  { phase: 'poc', plan: '1–3 months' },
  { phase: 'prototype', plan: '3–6 months' },
  { phase: 'pilot', plan: '1–2 years' },
  { phase: 'production', plan: 'in service' },
];

/** Every initiative in its phase lane, stopped ones aside, and the form to register a new one. */
export function PortfolioPage() {
  const list = useResource('initiatives', kpiApi.initiatives);
  const { isManager } = useSession();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    document.title = 'Initiatives · Corridor KPI';
  }, []);

  const items = list.data ?? [];
  const stopped = items.filter((i) => i.phase === 'stopped');
  const ready = items.filter((i) => i.phase !== 'stopped' && i.gate.ready).length;
  const overdue = items.filter((i) => i.phase !== 'stopped' && i.schedule.status === 'overdue').length;

  return (
    <div className="portfolio">
      <header className="page-header page-header--simple">
        <div className="page-header__main">
          <h1 className="page-title">Initiatives</h1>
          <p className="page-lede">Proof of concept → prototype → pilot → production: each moves only when its gate criteria hold.</p>
        </div>
        {isManager && (
          <div className="page-actions">
            <button type="button" className="button button--primary" aria-expanded={creating} aria-controls="new-initiative" onClick={() => setCreating((c) => !c)}>
              {creating ? 'Close form' : 'New initiative'}
            </button>
          </div>
        )}
      </header>

      {creating && (
        <section className="panel" id="new-initiative" aria-labelledby="new-initiative-title">
          <header className="panel__header">
            <div>
              <h2 className="panel__title" id="new-initiative-title">
                New initiative
              </h2>
              <p className="panel__description">Set the KPIs at the onset, with their baselines and the target for each gate.</p>
            </div>
          </header>
          <NewInitiativeForm
            onCancel={() => setCreating(false)}
            onCreated={(created) => {
              setCreating(false);
              list.reload();
              navigate(pathOf({ page: 'initiative', id: created.id }));
            }}
          />
        </section>
      )}

      {list.status === 'loading' && <Loading what="the portfolio" />}
      {list.status === 'error' && <ErrorPanel error={list.error} what="the portfolio" onRetry={list.reload} />}
      {list.data && items.length === 0 && !creating && (
        <EmptyState
          title="No initiatives yet"
          action={
            isManager ? (
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                Create the first initiative
              </button>
            ) : undefined
          }
        >
          {isManager ? 'Register an idea with its KPIs to start tracking it from proof of concept.' : 'A programme manager registers initiatives; they will appear here by phase.'}
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <dl className="stats" aria-label="Portfolio summary">
            <div className="stat">
              <dt>Active</dt>
              <dd>{items.length - stopped.length}</dd>
            </div>
            <div className="stat stat--good">
              <dt>Ready for a gate</dt>
              <dd>{ready}</dd>
            </div>
            <div className={`stat ${overdue ? 'stat--warn' : ''}`}>
              <dt>Over plan</dt>
              <dd>{overdue}</dd>
            </div>
            <div className="stat">
              <dt>Stopped</dt>
              <dd>{stopped.length}</dd>
            </div>
          </dl>
          <div className="lanes">
            {LANES.map(({ phase, plan }) => (
              <Lane key={phase} phase={phase} plan={plan} items={items.filter((i) => i.phase === phase)} />
            ))}
          </div>
          {stopped.length > 0 && (
            <section className="stopped" aria-labelledby="stopped-title">
              <h2 id="stopped-title" className="lane__title">
                Stopped <span className="lane__count">{stopped.length}</span>
              </h2>
              <div className="stopped__list">
                {stopped.map((i) => (
                  <InitiativeCard key={i.id} initiative={i} />
                ))}
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function Lane({ phase, plan, items }: { phase: Phase; plan: string; items: InitiativeSummary[] }) {
  return (
    <section className={`lane lane--${phase}`} aria-labelledby={`lane-${phase}`}>
      <header className="lane__header">
        <h2 id={`lane-${phase}`} className="lane__title">
          {PHASE_LABELS[phase]} <span className="lane__count">{items.length}</span>
        </h2>
        <span className="lane__plan">{plan}</span>
      </header>
      <div className="lane__cards">
        {items.length === 0 ? <p className="lane__empty">None in {PHASE_LABELS[phase].toLowerCase()}</p> : items.map((i) => <InitiativeCard key={i.id} initiative={i} />)}
      </div>
    </section>
  );
}
