import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../api/types';
import { gate, view } from '../testing/fixtures';
import { GateTimeline, groupDecisions } from './gate-timeline';

const history = view().phaseHistory; // poc until 1 Sep, prototype since
const decision = (overrides: Partial<Decision>): Decision => ({
  id: 'd', initiativeId: 'i-1', decision: 'no-go', override: false, stop: false, from: 'prototype', to: null, moved: false, phase: 'prototype',
  note: null, by: 'manager-1', at: '2026-10-15T09:30:00.000Z', evidence: gate({ met: 3, total: 5 }), ...overrides,
});

describe('GateTimeline', () => {
  it('puts each decision under the phase it was taken in; a moving go closes its phase', () => {
    const go = decision({ id: 'go', decision: 'go', from: 'poc', to: 'prototype', moved: true, at: '2026-09-01T00:00:00.000Z' });
    const noGo = decision({ id: 'no-go' });
    const groups = groupDecisions(history, [noGo, go]);
    expect(groups.map((g) => [g.spell.phase, g.decisions.map((d) => d.id)])).toEqual([['poc', ['go']], ['prototype', ['no-go']]]);
  });

  it('shows who decided, when, the note and an override flag', () => {
    render(
      <GateTimeline
        history={history}
        decisions={[decision({ id: 'o', decision: 'go', override: true, from: 'poc', to: 'prototype', moved: true, at: '2026-09-01T00:00:00.000Z', note: 'Minister asked for the pilot before the peak season' })]}
      />,
    );
    const entry = screen.getByText('Minister asked for the pilot before the peak season').closest('li') as HTMLElement;
    expect(within(entry).getByText('Go')).toBeTruthy();
    expect(within(entry).getByText('Override')).toBeTruthy();
    expect(entry.textContent).toContain('PoC \u2192 Prototype');
    expect(entry.textContent).toMatch(/manager-1 · 1 Sept 2026, \d\d:\d\d · gate 3\/5 met/);
  });

  it('marks the current phase and its days against plan', () => {
    render(<GateTimeline history={history} decisions={[]} />);
    const current = screen.getByText('current').closest('li') as HTMLElement;
    expect(current.textContent).toMatch(/Prototype.*now · 75 days \(plan 90–180\)/);
  });
});
