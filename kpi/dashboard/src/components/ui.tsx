import { useState, type ReactNode } from 'react';
import { describeError } from '../api/kpi-api';

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

/** An error with what to do about it: retry, or go somewhere else. */
export function ErrorPanel({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <div>
        <strong>Could not load {what}.</strong> {describeError(error)}
      </div>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What is missing and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children && <div className="empty__body">{children}</div>}
      {action && <div className="empty__action">{action}</div>}
    </div>
  );
}

export function Section({ id, title, actions, children, className = '', description }: { id: string; title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; description?: ReactNode }) {
  return (
    <section className={`panel ${className}`} aria-labelledby={`${id}-title`} id={id}>
      <header className="panel__header">
        <div>
          <h2 id={`${id}-title`} className="panel__title">
            {title}
          </h2>
          {description && <p className="panel__description">{description}</p>}
        </div>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** A labelled input with its error underneath, tied together for screen readers. */
export function Field({ id, label, error, hint, children, className = '' }: { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** aria attributes for an input rendered inside a Field. */
export function fieldAria(id: string, error?: string, hint?: boolean) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

/**
 * The numbers behind a chart: always in the accessibility tree (screen readers read the table
 * whether or not it is shown), on screen and on paper once opened.
 */
export function Figures({ id, children, show = 'Show the figures', hide = 'Hide the figures' }: { id: string; children: ReactNode; show?: string; hide?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="figures">
      <button type="button" className="button button--ghost button--small figures__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {open ? hide : show}
      </button>
      <div id={id} className={open ? 'figures__body table-wrap' : 'visually-hidden'}>
        {children}
      </div>
    </div>
  );
}
