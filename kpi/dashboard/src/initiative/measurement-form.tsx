import { useId, useState, type FormEvent } from 'react';
import { describeError, fieldMessage, FormError, kpiApi } from '../api/kpi-api';
import type { KpiView, Measurement, NewMeasurement } from '../api/types';
import { Field, fieldAria } from '../components/ui';
import { formatValue } from '../format/format';

type Errors = Partial<Record<'kpi' | 'value' | 'ci95' | 'n' | 'iteration' | 'at' | 'note', string>>;

/** "2026-11-20T17:05" in local time, for a datetime-local input. */
function localNow(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const number = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** Records one manual measurement; server field errors ("ci95", "value") land next to their inputs. */
export function MeasurementForm({ initiativeId, kpis, onRecorded }: { initiativeId: string; kpis: readonly KpiView[]; onRecorded: (m: Measurement) => void }) {
  const id = useId();
  const [kpi, setKpi] = useState(kpis[0]?.key ?? '');
  const [value, setValue] = useState('');
  const [lo, setLo] = useState('');
  const [hi, setHi] = useState('');
  const [n, setN] = useState('');
  const [iteration, setIteration] = useState('');
  const [at, setAt] = useState(localNow);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const selected = kpis.find((k) => k.key === kpi);

  const validate = (): Errors => {
    const e: Errors = {};
    if (!kpi) e.kpi = 'Choose a KPI.';
    const v = number(value);
    if (v === undefined) e.value = 'Enter the measured value.';
    else if (!Number.isFinite(v)) e.value = 'Must be a number.';
    const l = number(lo);
    const h = number(hi);
    if ((l === undefined) !== (h === undefined)) e.ci95 = 'Give both ends of the 95% CI, or neither.';
    else if (l !== undefined && h !== undefined && (!Number.isFinite(l) || !Number.isFinite(h))) e.ci95 = 'Both ends must be numbers.';
    const count = number(n);
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) e.n = 'Must be a whole number of at least 1.';
    if (at && Number.isNaN(new Date(at).getTime())) e.at = 'Not a valid date and time.';
    return e;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    const local = validate();
    setErrors(local);
    if (Object.keys(local).length) return;
    const body: NewMeasurement = {
      kpi,
      value: Number(value),
      source: 'manual',
      ...(lo.trim() ? { ci95: [Number(lo), Number(hi)] as [number, number] } : {}),
      ...(n.trim() ? { n: Number(n) } : {}),
      ...(iteration.trim() ? { iteration: iteration.trim() } : {}),
      ...(at ? { at: new Date(at).toISOString() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setBusy(true);
    try {
      const recorded = await kpiApi.recordMeasurement(initiativeId, body);
      setDone(`Recorded ${formatValue(recorded.value, recorded.unit)} for ${selected?.name ?? kpi}.`);
      setValue('');
      setLo('');
      setHi('');
      setN('');
      setNote('');
      onRecorded(recorded);
    } catch (e) {
      if (e instanceof FormError && e.fields.length) {
        const mapped: Errors = {};
        for (const f of e.fields) {
          const key = f.field.replace(/\[\d+\]$/, '') as keyof Errors;
          if (['kpi', 'value', 'ci95', 'n', 'iteration', 'at', 'note'].includes(key)) mapped[key] = mapped[key] ?? fieldMessage(f);
          else setFailure(`${f.field} ${f.message}`);
        }
        setErrors(mapped);
      } else setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form measurement-form" onSubmit={submit} noValidate aria-label="Record a measurement">
      <div className="form-grid">
        <Field id={`${id}-kpi`} label="KPI" error={errors.kpi} className="span-2">
          <select {...fieldAria(`${id}-kpi`, errors.kpi)} value={kpi} onChange={(e) => setKpi(e.target.value)}>
            {kpis.map((k) => (
              <option key={k.key} value={k.key}>
                {k.name} ({k.unit})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-value`} label={`Value${selected ? ` (${selected.unit})` : ''}`} error={errors.value}>
          <input {...fieldAria(`${id}-value`, errors.value)} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
        </Field>
        <Field id={`${id}-n`} label="Sample size n" error={errors.n}>
          <input {...fieldAria(`${id}-n`, errors.n)} inputMode="numeric" value={n} onChange={(e) => setN(e.target.value)} autoComplete="off" />
        </Field>
        <fieldset className={`field fieldset span-2 ${errors.ci95 ? 'field--invalid' : ''}`} aria-describedby={errors.ci95 ? `${id}-ci-error` : undefined}>
          <legend>95% CI (optional)</legend>
          <div className="ci-inputs">
            <input aria-label="CI low" aria-invalid={errors.ci95 ? true : undefined} inputMode="decimal" value={lo} onChange={(e) => setLo(e.target.value)} placeholder="low" autoComplete="off" />
            <span aria-hidden="true">–</span>
            <input aria-label="CI high" aria-invalid={errors.ci95 ? true : undefined} inputMode="decimal" value={hi} onChange={(e) => setHi(e.target.value)} placeholder="high" autoComplete="off" />
          </div>
          {errors.ci95 && (
            <span className="field__error" id={`${id}-ci-error`} role="alert">
              {errors.ci95}
            </span>
          )}
        </fieldset>
        <Field id={`${id}-iteration`} label="Iteration" error={errors.iteration}>
          <input {...fieldAria(`${id}-iteration`, errors.iteration)} value={iteration} onChange={(e) => setIteration(e.target.value)} placeholder="prototype iteration 3" maxLength={128} />
        </Field>
        <Field id={`${id}-at`} label="Measured at" error={errors.at}>
          <input {...fieldAria(`${id}-at`, errors.at)} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </Field>
        <Field id={`${id}-note`} label="Note" error={errors.note} className="span-2">
          <input {...fieldAria(`${id}-note`, errors.note)} value={note} onChange={(e) => setNote(e.target.value)} placeholder="How it was measured" />
        </Field>
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || kpis.length === 0}>
          {busy ? 'Recording…' : 'Record measurement'}
        </button>
      </div>
    </form>
  );
}

