import type { Decision, PhaseSpell } from '../api/types';
import { Badge } from '../components/ui';
import { formatDate, formatDateTime, PHASE_LABELS, PHASE_SHORT, plural } from '../format/format';

/** Each decision under the phase it was taken in: a moving go closes its phase. */
export function groupDecisions(history: readonly PhaseSpell[], decisions: readonly Decision[]): Array<{ spell: PhaseSpell; decisions: Decision[] }> {
  const groups = history.map((spell) => ({ spell, decisions: [] as Decision[] }));
  for (const decision of [...decisions].sort((a, b) => a.at.localeCompare(b.at))) {
    const at = Date.parse(decision.at);
    const within = groups.find(({ spell }) => Date.parse(spell.startedAt) < at && (spell.endedAt === null || at <= Date.parse(spell.endedAt)));
    const group = within ?? groups.find(({ spell }) => spell.phase === decision.from) ?? groups[groups.length - 1];
    group?.decisions.push(decision);
  }
  return groups;
}

/** The initiative's path through the phases with every gate decision: who, when, the note, overrides. */
export function GateTimeline({ history, decisions }: { history: readonly PhaseSpell[]; decisions: readonly Decision[] }) {
  const groups = groupDecisions(history, decisions);
  return (
    <ol className="timeline">
      {groups.map(({ spell, decisions: taken }) => {
        const overrun = spell.plannedDays && spell.days > spell.plannedDays.max;
        return (
          <li key={`${spell.phase}-${spell.startedAt}`} className={`timeline__spell ${spell.endedAt ? '' : 'timeline__spell--current'}`}>
            <div className="timeline__phase">
              <span className={`phase-dot phase-dot--${spell.phase}`} aria-hidden="true" />
              <strong>{PHASE_LABELS[spell.phase]}</strong>
              {!spell.endedAt && <Badge tone="info">current</Badge>}
            </div>
            <div className="timeline__meta">
              {formatDate(spell.startedAt)} – {spell.endedAt ? formatDate(spell.endedAt) : 'now'} · {plural(spell.days, 'day')}
              {spell.plannedDays && (
                <span className={overrun ? 'tone-warn' : ''}>
                  {' '}
                  (plan {spell.plannedDays.min}–{spell.plannedDays.max})
                </span>
              )}
            </div>
            {taken.length > 0 && (
              <ul className="timeline__decisions">
                {taken.map((d) => (
                  <li key={d.id} className={`decision-item decision-item--${d.decision}`}>
                    <div className="decision-item__head">
                      <Badge tone={d.decision === 'go' ? 'good' : d.stop ? 'bad' : 'warn'}>{d.decision === 'go' ? 'Go' : d.stop ? 'No-go · stopped' : 'No-go'}</Badge>
                      {d.override && <Badge tone="bad" title="A go taken although the gate was not ready">Override</Badge>}
                      <span>
                        {d.moved && d.to ? `${PHASE_SHORT[d.from]} \u2192 ${PHASE_SHORT[d.to]}` : `stayed in ${PHASE_SHORT[d.phase].toLowerCase()}`}
                      </span>
                    </div>
                    <div className="decision-item__meta">
                      {d.by} · {formatDateTime(d.at)} · gate {d.evidence.met}/{d.evidence.total} met
                    </div>
                    {d.note && <blockquote className="decision-item__note">{d.note}</blockquote>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
