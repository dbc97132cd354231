import type { PassageDraft, ReceivedRead, ReadSource } from '../model/assembler';
import { parseDeviceRead, type CctvRead, type LprRead, type RfidRead, type VoipRead } from '../model/device-read';
import type { PassageRead } from '../model/passage';
import type { PassageRow } from '../persistence/lanes.entities';

/** A stored passage back into the assembler's shape (after a restart, or to re-evaluate it). */
export function rebuildDraft(row: PassageRow, reads: PassageRead[]): PassageDraft {
  const draft: PassageDraft = {
    id: row.id,
    laneId: row.laneId,
    openedAt: Date.parse(row.openedAt),
    firstAtMs: Date.parse(row.firstReadAt),
    lastAtMs: Date.parse(row.lastReadAt),
    lastReceivedAt: Date.parse(row.lastReadReceivedAt),
    touchedAt: Date.parse(row.lastReadReceivedAt),
    voip: [],
    ...(row.recommendationAt ? { recommendedAt: Date.parse(row.recommendationAt) } : {}),
    recommendations: row.recommendationAt ? 1 : 0,
    decided: row.decision !== null,
  };
  for (const stored of reads) {
    const { device, receivedAt, source, ...fields } = stored;
    let read;
    try {
      read = parseDeviceRead(device, fields);
    } catch {
      continue; // stored reads were valid when kept; a rule tightened since must not block a restart
    }
    const received = { read, receivedAt: Date.parse(receivedAt), source: source as ReadSource };
    if (read.device === 'rfid') draft.rfid = received as ReceivedRead<RfidRead>;
    else if (read.device === 'lpr') draft.lpr = received as ReceivedRead<LprRead>;
    else if (read.device === 'cctv') draft.cctv = received as ReceivedRead<CctvRead>;
    else draft.voip.push(received as ReceivedRead<VoipRead>);
  }
  if (draft.rfid) draft.rfidSeenAtMs = draft.rfid.read.atMs;
  if (draft.lpr) draft.lprSeenAtMs = draft.lpr.read.atMs;
  return draft;
}
