import type { Schedule } from '../api/types';

/**
 * Days in phase against the plan: the bar fills to the plan's maximum, a tick marks its minimum;
 * past the maximum it turns amber, and red once the overrun is a quarter of the plan.
 */
export function ScheduleBar({ schedule }: { schedule: Schedule }) {
  const { daysInPhase, plannedDays, progress } = schedule;
  if (!plannedDays || progress === null) {
    return <div className="schedule schedule--open">Day {daysInPhase} · open-ended</div>;
  }
  const tone = scheduleTone(schedule);
  const over = daysInPhase - plannedDays.max;
  const label = `day ${daysInPhase} of ${plannedDays.min}\u2013${plannedDays.max} planned${over > 0 ? `, ${over} days over plan` : ''}`;
  return (
    <div className={`schedule schedule--${tone}`}>
      <div className="schedule__label">
        <span>
          Day {daysInPhase}
          <span className="muted"> of {plannedDays.min}–{plannedDays.max} planned</span>
        </span>
        {tone !== 'on-plan' && (
          <span className="schedule__flag" title={`${over} days over plan`}>
            +{over} days
          </span>
        )}
      </div>
      <div className="schedule__track" role="meter" aria-label="Days in phase against plan" aria-valuemin={0} aria-valuemax={plannedDays.max} aria-valuenow={Math.min(daysInPhase, plannedDays.max)} aria-valuetext={label}>
        <div className="schedule__fill" style={{ width: `${Math.min(100, progress * 100)}%` }} />
        <div className="schedule__min" style={{ left: `${(plannedDays.min / plannedDays.max) * 100}%` }} />
      </div>
    </div>
  );
}

export function scheduleTone(schedule: Schedule): 'on-plan' | 'overdue' | 'late' {
  if (schedule.status !== 'overdue' || schedule.progress === null) return 'on-plan';
  return schedule.progress > 1.25 ? 'late' : 'overdue';
}
