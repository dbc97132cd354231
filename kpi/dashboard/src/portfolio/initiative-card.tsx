import type { InitiativeSummary } from '../api/types';
import { ScheduleBar } from '../components/schedule-bar';
import { Badge } from '../components/ui';
import { PHASE_SHORT, plural } from '../format/format';
import { Link, pathOf } from '../router/router';

export function gateBadge(gate: InitiativeSummary['gate'], phase: InitiativeSummary['phase']): { tone: 'good' | 'warn' | 'neutral' | 'bad'; text: string } {
  if (phase === 'stopped') return { tone: 'bad', text: 'Stopped' };
  if (!gate.next) return { tone: 'neutral', text: 'No further gate' };
  if (gate.total === 0) return { tone: 'neutral', text: `No ${PHASE_SHORT[gate.next].toLowerCase()} criteria` };
  if (gate.ready) return { tone: 'good', text: `Ready for ${PHASE_SHORT[gate.next].toLowerCase()}` };
  return { tone: 'warn', text: `${gate.met} of ${gate.total} ${gate.total === 1 ? 'criterion' : 'criteria'} met` };
}

/** One initiative in its lane: gate status, days in phase against plan, owner. */
export function InitiativeCard({ initiative }: { initiative: InitiativeSummary }) {
  const badge = gateBadge(initiative.gate, initiative.phase);
  const { gate } = initiative;
  return (
    <article className={`card initiative-card ${gate.ready ? 'initiative-card--ready' : ''}`}>
      <h3 className="initiative-card__title">
        <Link to={pathOf({ page: 'initiative', id: initiative.id })}>{initiative.name}</Link>
      </h3>
      <div className="initiative-card__owner">{initiative.owner}</div>
      <div className="initiative-card__gate">
        <Badge tone={badge.tone}>{badge.text}</Badge>
        {gate.next && gate.total > 0 && (
          <span className="gate__meter" aria-hidden="true">
            {Array.from({ length: gate.total }, (_, i) => (
              <span key={i} className={i < gate.met ? 'gate__pip gate__pip--met' : 'gate__pip'} />
            ))}
          </span>
        )}
      </div>
      {initiative.phase !== 'stopped' && <ScheduleBar schedule={initiative.schedule} />}
      <div className="initiative-card__footer">{plural(initiative.kpiCount, 'KPI')}</div>
    </article>
  );
}
