import { useId, useState, type FormEvent } from 'react';
import { describeError, fieldMessage, FormError, kpiApi } from '../api/kpi-api';
import type { Direction, InitiativeView, NewInitiative, NewKpi, TargetPhase } from '../api/types';
import { Field, fieldAria } from '../components/ui';

interface KpiDraft {
  uid: number;
  key: string;
  name: string;
  unit: string;
  direction: Direction;
  baseline: string;
  targets: Record<TargetPhase, string>;
}

const TARGET_PHASES: TargetPhase[] = ['prototype', 'pilot', 'production'];
let uids = 0;
const blankKpi = (): KpiDraft => ({ uid: ++uids, key: '', name: '', unit: '', direction: 'lower', baseline: '', targets: { prototype: '', pilot: '', production: '' } });

/** Paths as the API names them: `name`, `kpis[0].targets.pilot`. */
type Errors = Record<string, string>;

const toNumber = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** Reads the drafts into the request, collecting the errors that need no server to find. */
export function buildRequest(draft: { name: string; owner: string; description: string; phase: NewInitiative['phase']; phaseStartedAt: string; kpis: KpiDraft[] }): { body: NewInitiative; errors: Errors; rows: number[] } {
  const errors: Errors = {};
  if (!draft.name.trim()) errors.name = 'Give the initiative a name.';
  // A row left entirely blank is not sent; `rows` maps the request's kpis[j] back to the form's row.
  const blank = (k: KpiDraft) => !k.key.trim() && !k.name.trim() && !k.unit.trim() && !k.baseline.trim() && TARGET_PHASES.every((p) => !k.targets[p].trim());
  const rows = draft.kpis.flatMap((k, i) => (blank(k) ? [] : [i]));
  const kpis: NewKpi[] = rows.map((i) => {
    const k = draft.kpis[i];
    const at = `kpis[${i}]`;
    const baseline = toNumber(k.baseline);
    if (baseline !== undefined && !Number.isFinite(baseline)) errors[`${at}.baseline.value`] = 'Must be a number.';
    const targets: NewKpi['targets'] = {};
    for (const phase of TARGET_PHASES) {
      const value = toNumber(k.targets[phase]);
      if (value === undefined) continue;
      if (!Number.isFinite(value)) errors[`${at}.targets.${phase}`] = 'Must be a number.';
      else targets[phase] = value;
    }
    return {
      key: k.key.trim(),
      ...(k.name.trim() ? { name: k.name.trim() } : {}),
      unit: k.unit.trim(),
      direction: k.direction,
      ...(baseline !== undefined && Number.isFinite(baseline) ? { baseline: { value: baseline } } : {}),
      ...(Object.keys(targets).length ? { targets } : {}),
    };
  });
  const body: NewInitiative = {
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(draft.owner.trim() ? { owner: draft.owner.trim() } : {}),
    phase: draft.phase,
    ...(draft.phaseStartedAt ? { phaseStartedAt: new Date(`${draft.phaseStartedAt}T00:00:00`).toISOString() } : {}),
    ...(kpis.length ? { kpis } : {}),
  };
  return { body, errors, rows };
}


/** Registers an initiative with its KPIs; every error the API reports sits next to its input. */
export function NewInitiativeForm({ onCreated, onCancel }: { onCreated: (created: InitiativeView) => void; onCancel: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [phase, setPhase] = useState<NonNullable<NewInitiative['phase']>>('poc');
  const [phaseStartedAt, setPhaseStartedAt] = useState('');
  const [kpis, setKpis] = useState<KpiDraft[]>([blankKpi()]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** An edited input's error goes away: it no longer describes what is there. */
  const clear = (path: string) => setErrors((e) => (path in e ? Object.fromEntries(Object.entries(e).filter(([p]) => p !== path)) : e));
  const update = (uid: number, path: string, change: Partial<KpiDraft>) => {
    clear(path);
    setKpis((list) => list.map((k) => (k.uid === uid ? { ...k, ...change } : k)));
  };
  const err = (path: string) => errors[path];
  const shown = (path: string) => ['name', 'owner', 'description', 'phase', 'phaseStartedAt'].includes(path) || /^kpis\[\d+\]\.(key|name|unit|direction|baseline\.value|targets\.(prototype|pilot|production))$/.test(path);
  const unplaced = Object.entries(errors).filter(([path]) => !shown(path));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const { body, errors: local, rows } = buildRequest({ name, owner, description, phase, phaseStartedAt, kpis });
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      onCreated(await kpiApi.createInitiative(body));
    } catch (e) {
      if (e instanceof FormError && e.fields.length) {
        const mapped: Errors = {};
        for (const f of e.fields) {
          // "kpis[0].baseline" (not an object) belongs to the baseline input; "kpis[1]" to the row's key.
          const path = f.field.replace(/^kpis\[(\d+)\]/, (_, j: string) => `kpis[${rows[Number(j)] ?? j}]`).replace(/^(kpis\[\d+\]\.baseline)$/, '$1.value').replace(/^(kpis\[\d+\])$/, '$1.key').replace(/^(kpis\[\d+\]\.targets)$/, '$1.pilot');
          mapped[path] = mapped[path] ?? fieldMessage(f);
        }
        setErrors(mapped);
      } else setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form new-initiative" onSubmit={submit} noValidate aria-label="New initiative">
      <div className="form-grid form-grid--4">
        <Field id={`${id}-name`} label="Name" error={err('name')} className="span-2">
          <input {...fieldAria(`${id}-name`, err('name'))} value={name} onChange={(e) => { clear('name'); setName(e.target.value); }} maxLength={200} placeholder="e.g. Remote PIL processing" />
        </Field>
        <Field id={`${id}-owner`} label="Owner" error={err('owner')} hint="Defaults to you">
          <input {...fieldAria(`${id}-owner`, err('owner'), true)} value={owner} onChange={(e) => { clear('owner'); setOwner(e.target.value); }} maxLength={128} />
        </Field>
        <Field id={`${id}-phase`} label="Starts in phase" error={err('phase')}>
          <select {...fieldAria(`${id}-phase`, err('phase'))} value={phase} onChange={(e) => setPhase(e.target.value as typeof phase)}>
            <option value="poc">Proof of concept</option>
            <option value="prototype">Prototype</option>
            <option value="pilot">Pilot</option>
            <option value="production">Production</option>
          </select>
        </Field>
        <Field id={`${id}-description`} label="Description" error={err('description')} className="span-3">
          <textarea {...fieldAria(`${id}-description`, err('description'))} rows={2} value={description} onChange={(e) => { clear('description'); setDescription(e.target.value); }} maxLength={5000} placeholder="What changes, for whom, and what it should achieve" />
        </Field>
        <Field id={`${id}-started`} label="Phase started on" error={err('phaseStartedAt')} hint="Defaults to today">
          <input {...fieldAria(`${id}-started`, err('phaseStartedAt'), true)} type="date" value={phaseStartedAt} onChange={(e) => { clear('phaseStartedAt'); setPhaseStartedAt(e.target.value); }} />
        </Field>
      </div>

      <fieldset className="kpi-drafts">
        <legend>KPIs, set at the onset</legend>
        {kpis.length === 0 && <p className="muted small">No KPIs: the gates cannot be judged until some are defined.</p>}
        {kpis.map((k, i) => {
          const at = `kpis[${i}]`;
          const fid = (f: string) => `${id}-k${k.uid}-${f}`;
          return (
            <div key={k.uid} className="kpi-draft" role="group" aria-label={`KPI ${i + 1}`}>
              <Field id={fid('key')} label="Key" error={err(`${at}.key`)}>
                <input {...fieldAria(fid('key'), err(`${at}.key`))} value={k.key} onChange={(e) => update(k.uid, `${at}.key`, { key: e.target.value })} placeholder="pil-processing-time" />
              </Field>
              <Field id={fid('name')} label="Name" error={err(`${at}.name`)} className="span-2">
                <input {...fieldAria(fid('name'), err(`${at}.name`))} value={k.name} onChange={(e) => update(k.uid, `${at}.name`, { name: e.target.value })} placeholder="PIL processing time" />
              </Field>
              <Field id={fid('unit')} label="Unit" error={err(`${at}.unit`)}>
                <input {...fieldAria(fid('unit'), err(`${at}.unit`))} value={k.unit} onChange={(e) => update(k.uid, `${at}.unit`, { unit: e.target.value })} placeholder="s" />
              </Field>
              <Field id={fid('direction')} label="Better when" error={err(`${at}.direction`)}>
                <select {...fieldAria(fid('direction'), err(`${at}.direction`))} value={k.direction} onChange={(e) => update(k.uid, `${at}.direction`, { direction: e.target.value as Direction })}>
                  <option value="lower">lower</option>
                  <option value="higher">higher</option>
                </select>
              </Field>
              <Field id={fid('baseline')} label="Baseline" error={err(`${at}.baseline.value`)}>
                <input {...fieldAria(fid('baseline'), err(`${at}.baseline.value`))} inputMode="decimal" value={k.baseline} onChange={(e) => update(k.uid, `${at}.baseline.value`, { baseline: e.target.value })} />
              </Field>
              {TARGET_PHASES.map((p) => (
                <Field key={p} id={fid(p)} label={`${p.charAt(0).toUpperCase()}${p.slice(1)} target`} error={err(`${at}.targets.${p}`)}>
                  <input {...fieldAria(fid(p), err(`${at}.targets.${p}`))} inputMode="decimal" value={k.targets[p]} onChange={(e) => update(k.uid, `${at}.targets.${p}`, { targets: { ...k.targets, [p]: e.target.value } })} />
                </Field>
              ))}
              <div className="kpi-draft__remove">
                <button type="button" className="button button--ghost button--small" onClick={() => setKpis((list) => list.filter((x) => x.uid !== k.uid))} aria-label={`Remove KPI ${i + 1}`}>
                  Remove
                </button>
              </div>
            </div>
          );
        })}
        <button type="button" className="button button--small" onClick={() => setKpis((list) => [...list, blankKpi()])}>
          Add a KPI
        </button>
      </fieldset>

      {unplaced.length > 0 && (
        <div className="notice notice--error" role="alert">
          <ul className="reasons">
            {unplaced.map(([path, message]) => (
              <li key={path}>
                <code>{path}</code> {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create initiative'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
