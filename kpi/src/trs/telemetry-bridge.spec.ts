import { DeclarationLodged, DeclarationRiskAssessed } from '@corridor/declarations';
import { PassageDecided, PassageOpened, PassageRecommended } from '@corridor/lanes';
import { describe, expect, it } from 'vitest';
import { segmentSamples } from './trs-aggregator';
import { trsEventsOf } from './telemetry-bridge';

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 9, 0, s)).toISOString();

describe('the telemetry bridge', () => {
  it('turns a passage and its declaration into TRS segments', () => {
    const events = [
      new DeclarationLodged('d-1', 1, at(0)),
      new DeclarationRiskAssessed('d-1', 1, 'green', false, at(3)),
      new PassageOpened('p-1', 'lane-1', 'port-1', at(10), at(10)),
      new PassageRecommended('p-1', 'lane-1', 'release', ['trusted carrier'], 'deadline', 1, at(12)),
      new PassageRecommended('p-1', 'lane-1', 'refer', ['late risk'], 'refresh', 2, at(15)),
      new PassageDecided('p-1', 'lane-1', 'refer', 'refer', true, 'officer-1', at(20)),
    ].flatMap(trsEventsOf);
    expect(events.map((e) => e.type)).toEqual(['lodged', 'risk-result', 'read', 'recommendation', 'decision', 'referral']);
    const seconds = Object.fromEntries(segmentSamples(events).samples.map((s) => [s.segment, s.seconds]));
    expect(seconds['first-read-to-recommendation']).toBe(2);
    expect(seconds['recommendation-to-decision']).toBe(8);
    expect(seconds['lodging-to-risk-result']).toBe(3);
  });
});
