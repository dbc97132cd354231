import { useId, useState, type FormEvent } from 'react';
import { describeError, fieldMessage, FormError, twinApi } from '../api/kpi-api';
import type { TwinWhatIfResult } from '../api/types';
import { Badge, Field, fieldAria } from '../components/ui';
import { formatNumber, formatSeconds, formatSecondsRange, formatTime, plural } from '../format/format';

type Errors = Partial<Record<'hours' | 'target_wait_s', string>>;

export const DEFAULT_TARGET_WAIT_S = 600;

const MINUS = '\u2212';

/** Officers an action takes: "+1", "−1", "0". */
export function officers(cost: number): string {
  return cost > 0 ? `+${cost}` : cost < 0 ? `${MINUS}${-cost}` : '0';
}

/**
 * What-if from now: every action an officer in charge could take, simulated on the latest calibration,
 * and the one that keeps the PIL wait under the target. The server checks the ranges; its 400 lands
 * next to the field it names.
 */
export function WhatIfPanel({ defaultHours }: { defaultHours: number }) {
  const id = useId();
  const [hours, setHours] = useState(String(defaultHours));
  const [target, setTarget] = useState(String(DEFAULT_TARGET_WAIT_S));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TwinWhatIfResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local: Errors = {};
    const h = Number(hours);
    const w = Number(target);
    if (hours.trim() === '' || !Number.isFinite(h)) local.hours = 'Enter the hours ahead as a number.';
    if (target.trim() === '' || !Number.isFinite(w)) local.target_wait_s = 'Enter the target wait in seconds.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      setResult(await twinApi.whatIf({ hours: h, target_wait_s: w }));
    } catch (e) {
      const mapped: Errors = {};
      if (e instanceof FormError && e.status === 400) {
        for (const f of e.fields) if (f.field === 'hours' || f.field === 'target_wait_s') mapped[f.field] = mapped[f.field] ?? fieldMessage(f);
      }
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form className="form what-if__form" onSubmit={submit} noValidate aria-label="What-if">
        <div className="form-grid form-grid--4">
          <Field id={`${id}-hours`} label="Hours ahead" error={errors.hours} hint="0.25 to 24 h">
            <input {...fieldAria(`${id}-hours`, errors.hours, true)} inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} autoComplete="off" />
          </Field>
          <Field id={`${id}-target`} label="Target wait (s)" error={errors.target_wait_s} hint={formatSeconds(Number(target)) === '\u2014' ? 'seconds' : `= ${formatSeconds(Number(target))}`}>
            <input {...fieldAria(`${id}-target`, errors.target_wait_s, true)} inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value)} autoComplete="off" />
          </Field>
          <div className="form-actions what-if__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Simulating…' : 'Compare actions'}
            </button>
          </div>
        </div>
      </form>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div aria-live="polite">{result && <WhatIfResultView result={result} />}</div>
    </>
  );
}

function WhatIfResultView({ result }: { result: TwinWhatIfResult }) {
  const best = result.options.find((o) => o.action === result.recommended);
  const meets = best?.meets_target ?? false;
  return (
    <div className="what-if__result">
      <div className={`recommendation recommendation--${meets ? 'meets' : 'misses'}`}>
        <div className="recommendation__eyebrow">Recommended for the next {formatNumber(result.hours)} h from {formatTime(result.state_at)}</div>
        <p className="recommendation__action">{best?.label ?? result.recommended}</p>
        <p className="recommendation__reason">{result.reason}</p>
      </div>
      <table className="table table--compact">
        <caption className="what-if__caption">
          Each action over the next {formatNumber(result.hours)} h, {plural(result.replications, 'replication')} on the same random numbers; target wait {formatSeconds(result.target_wait_s)} (the upper end of the 80% range must be within it).
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col" className="num">Mean wait</th>
            <th scope="col" className="num">80% range</th>
            <th scope="col">Meets target</th>
            <th scope="col" className="num">Officers</th>
          </tr>
        </thead>
        <tbody>
          {result.options.map((o) => (
            <tr key={o.action} className={o.action === result.recommended ? 'is-recommended' : undefined}>
              <th scope="row">
                <div className="cell-title">
                  {o.label}
                  {o.action === result.recommended && (
                    <>
                      {' '}
                      <Badge tone="info">Recommended</Badge>
                    </>
                  )}
                </div>
                <div className="cell-sub mono">{o.action}</div>
              </th>
              <td className="num strong">{formatSeconds(o.summary.wait_s?.mean)}</td>
              <td className="num">{formatSecondsRange(o.summary.wait_s?.pi80)}</td>
              <td>{o.meets_target ? <Badge tone="good">Yes</Badge> : <Badge tone="bad">No</Badge>}</td>
              <td className="num" title={o.cost === 0 ? 'No change in officers' : o.cost > 0 ? `Takes ${plural(o.cost, 'more officer')}` : `Frees ${plural(-o.cost, 'officer')}`}>
                {officers(o.cost)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
