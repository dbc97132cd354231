import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aFlaggedPassage, aLane, aPassage } from '../testing/fixtures';
import { PassageCard, verdictLead } from './passage-card';

const NOW = Date.parse('2026-11-25T14:30:19.000Z'); // 18 s after the fixture's first read

describe('the passage card', () => {
  it('puts the recommendation first, with the checks it rests on', () => {
    render(<PassageCard passage={aPassage()} lane={aLane()} now={NOW} />);
    const verdict = screen.getByRole('heading', { level: 2 });
    expect(verdict.textContent).toMatch(/Release$/);
    expect(verdict.closest('header')?.getAttribute('data-recommendation')).toBe('release');
    expect(screen.getByText('All 4 checks passed')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Needs attention' })).toBeNull();
    const checks = screen.getByRole('region', { name: /Checks passed/ });
    expect(within(checks).getAllByRole('listitem').map((li) => li.getAttribute('data-code'))).toEqual(['CARRIER_TRUSTED', 'PLATE_MATCHES', 'FACE_MATCH', 'RISK_GREEN']);
    expect(screen.getByTestId('elapsed').textContent).toBe('0:18');
  });

  it('is pre-filled: carrier and programme, plate and transponder with confidence, declarations with their risk channel', () => {
    render(<PassageCard passage={aPassage()} lane={aLane()} now={NOW} />);
    expect(screen.getByTestId('carrier-name').textContent).toBe('Great Lakes Haulage Ltd');
    expect(screen.getByText('FAST')).toBeTruthy();
    expect(screen.getByText('active')).toBeTruthy();
    expect(screen.getByLabelText('Plate CA-ON AB12345')).toBeTruthy();
    expect(screen.getByTestId('plate-confidence').textContent).toBe('97% · clear read');
    expect(screen.getByLabelText('3034257BF7194E4000001A85').textContent).toBe('3034257BF7194E4000001A85');
    const declaration = screen.getByTestId('declaration');
    expect(declaration.textContent).toMatch(/1a2b3c4d.*IM.*green · 0\.08.*2 items · risk-assessed/);
    expect(within(declaration).getByText('risk green, not selected (score 0.08)')).toBeTruthy();
    expect(declaration.querySelector('[data-channel]')?.getAttribute('data-channel')).toBe('green');
  });

  it('makes flags stand out above everything but the verdict, and says how many', () => {
    const passage = aFlaggedPassage();
    render(<PassageCard passage={passage} lane={aLane()} now={NOW} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/Refer\s*to secondary$/);
    const attention = screen.getByRole('region', { name: 'Needs attention' });
    const flag = within(attention).getByRole('listitem');
    expect(flag.getAttribute('data-flag')).toBe('true');
    expect(flag.textContent).toContain('Flag: Plate contradicts transponder');
    expect(flag.textContent).toContain(passage.flags[0].text);
    expect(verdictLead(passage)).toBe('1 flag below · 1 of 2 checks passed');
    // The flagged reason is not listed again among the checks.
    const checks = screen.getByRole('region', { name: /Checks passed/ });
    expect(within(checks).queryByText(passage.flags[0].text)).toBeNull();
  });

  it('lists doubtful reads as things to check: a low-confidence plate, a missing transponder, risk still pending', () => {
    const base = aPassage();
    const passage = aPassage({
      recommendation: 'manual',
      transponder: null,
      missing: ['rfid'],
      reads: base.reads.filter((r) => r.device !== 'rfid').map((r) => (r.device === 'lpr' ? { ...r, confidence: 0.62 } : r)),
      carrier: null,
      declarations: [{ ...base.declarations[0], status: 'lodged', risk: undefined }],
      reasons: [
        { code: 'NO_TRANSPONDER', outcome: 'manual', text: 'No RFID transponder read: identify the truck manually' },
        { code: 'PLATE_UNCERTAIN', outcome: 'manual', text: 'Plate CA-ON:AB12345 read at 62% confidence (lane needs 85%): confirm the plate' },
        { code: 'RISK_PENDING', outcome: 'manual', text: 'Declaration 1a2b3c4d (IM) is lodged; risk has not assessed it yet' },
        { code: 'FACE_MATCH', outcome: 'release', text: 'Driver face match 0.93 (lane needs 0.80)' },
      ],
    });
    render(<PassageCard passage={passage} lane={aLane()} now={NOW} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/Manual check$/);
    const items = within(screen.getByRole('region', { name: 'Needs attention' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-code'))).toEqual(['NO_TRANSPONDER', 'PLATE_UNCERTAIN', 'RISK_PENDING']);
    expect(items.every((li) => li.textContent?.startsWith('!Check'))).toBe(true);
    expect(screen.getByTestId('plate-confidence').getAttribute('data-tone')).toBe('bad');
    expect(screen.getByText('Not read')).toBeTruthy();
    expect(screen.getByText('Not a trusted carrier')).toBeTruthy();
    expect(screen.getByTestId('declaration').querySelector('[data-channel]')?.textContent).toBe('risk pending');
  });

  it.each([
    [0.93, 0.8, 'good', /0\.93Match/],
    [0.82, 0.8, 'warn', /0\.82Marginal/],
    [0.71, 0.8, 'bad', /0\.71Below threshold/],
    [0.88, 0.9, 'bad', /0\.88Below threshold.*threshold 0\.90/],
  ])('colours a face match of %s against a lane threshold of %s %s, with the number', (score, threshold, tone, text) => {
    render(<PassageCard passage={aPassage({}, score)} lane={aLane({ settings: { passageWindowSeconds: 20, faceMatchThreshold: threshold, plateConfidenceThreshold: 0.85 } })} now={NOW} />);
    const face = screen.getByTestId('face-match');
    expect(face.getAttribute('data-tone')).toBe(tone);
    expect(face.className).toContain(`face--${tone}`);
    expect(face.textContent).toMatch(text);
  });

  it('says when the lane is still gathering reads', () => {
    render(<PassageCard passage={aPassage({ recommendation: null, reasons: [], status: 'assembling', timings: { ...aPassage().timings, recommendationAt: null } })} lane={aLane()} now={NOW} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/Checking…$/);
    expect(screen.getByText(/Reads are still arriving/)).toBeTruthy();
  });

  it('shows certificate findings when the lane reports any', () => {
    render(<PassageCard passage={aPassage({ certificates: [{ code: 'ECOO_VALID', outcome: 'release', text: 'e-CoO 2026-778 verified: signature, ledger inclusion' }] })} lane={aLane()} now={NOW} />);
    expect(within(screen.getByRole('region', { name: 'Certificate checks' })).getByText(/e-CoO 2026-778 verified/)).toBeTruthy();
  });
});
