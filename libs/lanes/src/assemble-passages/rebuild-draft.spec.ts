import { describe, expect, it } from 'vitest';
import { PassageAssembler } from '../model/assembler';
import { parseDeviceRead } from '../model/device-read';
import { draftReads, toPassageRead } from '../model/passage';
import type { PassageRow } from '../persistence/lanes.entities';
import { rebuildDraft } from './rebuild-draft';

const T0 = Date.parse('2026-11-25T14:30:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('rebuildDraft', () => {
  it('gives back, from the stored rows, the passage the assembler had before a restart', () => {
    const assembler = new PassageAssembler({ windowMs: 20_000, expects: ['rfid', 'lpr', 'cctv'] }, () => '00000000-0000-4000-8000-000000000001', 'LANE-1');
    const reads = [
      parseDeviceRead('rfid', { at: at(0), epc: '3034257BF7194E4000001A85', antenna: 1 }),
      parseDeviceRead('lpr', { at: at(400), plate: { jurisdiction: 'CA-ON', number: 'AB12345' }, confidence: 0.97 }),
      parseDeviceRead('voip', { at: at(900), state: 'ringing', officerId: 'officer-1' }),
    ];
    reads.forEach((read, n) => assembler.accept(read, T0 + 100 + n, n === 1 ? 'http' : 'mqtt'));
    const [original] = assembler.all();
    const stored = draftReads(original).map(toPassageRead);
    const row = {
      id: original.id, laneId: 'LANE-1', openedAt: at(100), firstReadAt: at(0), lastReadAt: at(400), lastReadReceivedAt: at(102),
      recommendationAt: null, decision: null,
    } as PassageRow;
    const rebuilt = rebuildDraft(row, JSON.parse(JSON.stringify(stored)));
    expect(rebuilt).toMatchObject({ id: original.id, openedAt: T0 + 100, firstAtMs: T0, lastAtMs: T0 + 400, decided: false, recommendations: 0 });
    expect(rebuilt.rfid).toEqual(original.rfid);
    expect(rebuilt.lpr).toEqual(original.lpr);
    expect(rebuilt.voip).toEqual(original.voip);
    expect(rebuilt.cctv).toBeUndefined();
  });
});
