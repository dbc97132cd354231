import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CarrierSnapshot, DecisionRequest, Flag, Lane, LaneDevice, LaneSettings, Passage, PassageDecision, PassageTimings, Reason, VoipEvent } from './types';

/** Every field of T, listed once: adding a field to a type without listing it fails to compile. */
const fields = <T,>(all: Record<keyof T, true>) => Object.keys(all);

const openapi = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../apps/corridor/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
const properties = (schema: string) => Object.keys(openapi.components.schemas[schema]?.properties ?? {});

describe('the console types against apps/corridor/openapi.json', () => {
  it.each([
    ['LaneDto', fields<Lane>({ id: true, portId: true, name: true, type: true, booth: true, status: true, position: true, devices: true, settings: true })],
    ['LaneDeviceDto', fields<LaneDevice>({ id: true, kind: true, label: true })],
    ['LaneSettingsDto', fields<LaneSettings>({ passageWindowSeconds: true, faceMatchThreshold: true, plateConfidenceThreshold: true })],
    ['PassageDto', fields<Passage>({ id: true, laneId: true, portId: true, status: true, reads: true, missing: true, transponder: true, plate: true, carrier: true, declarations: true, certificates: true, recommendation: true, reasons: true, flags: true, decision: true, timings: true, revision: true })],
    ['PassageReasonDto', fields<Reason>({ code: true, outcome: true, text: true })],
    ['FlagDto', fields<Flag>({ code: true, text: true })],
    ['CarrierSnapshotDto', fields<CarrierSnapshot>({ id: true, name: true, traderId: true, programme: true, status: true, matchedBy: true })],
    ['PassageTimingsDto', fields<PassageTimings>({ firstReadAt: true, openedAt: true, lastReadAt: true, lastReadReceivedAt: true, recommendationAt: true, decisionAt: true, exitAt: true })],
    ['PassageDecisionDto', fields<PassageDecision>({ action: true, note: true, by: true, at: true })],
    ['DecidePassageDto', fields<DecisionRequest>({ action: true, note: true })],
    ['DeviceEventDto', fields<Omit<VoipEvent, 'passageId'>>({ device: true, at: true, state: true, officerId: true })],
  ])('reads only fields %s documents', (schema, used) => {
    expect(properties(schema).length).toBeGreaterThan(0);
    expect(used.filter((f) => !properties(schema).includes(f))).toEqual([]);
  });
});
