import { DEFAULT_SETTINGS, standardDevices, type Lane, type LaneType, type NewPort } from './lane';

const PORT_ID = 'USDET-AMB';

/**
 * The Secure Corridor demo: the Ambassador Bridge commercial crossing into Detroit, eight primary
 * lanes. Three FAST lanes carry the pilot's full kit; mixed lanes add RFID to the usual plate
 * reader and camera; standard lanes have no RFID reader, as at most crossings today. The ids
 * are fixed so that two processes seeding at once insert the same rows and one simply loses.
 */
export function demoPort(): NewPort {
  const lanes: Array<[LaneType, string]> = [
    ['trusted', 'FAST 1'], ['trusted', 'FAST 2'], ['trusted', 'FAST 3'],
    ['mixed', 'Mixed 4'], ['mixed', 'Mixed 5'],
    ['standard', 'Commercial 6'], ['standard', 'Commercial 7'], ['standard', 'Commercial 8'],
  ];
  return {
    port: { id: PORT_ID, name: 'Ambassador Bridge, Detroit', locode: 'USDET' },
    lanes: lanes.map(([type, name], n): Lane => {
      const id = `${PORT_ID}-${String(n + 1).padStart(2, '0')}`;
      return {
        id,
        portId: PORT_ID,
        name,
        type,
        booth: `Booth ${n + 1}`,
        status: 'open',
        position: n,
        devices: standardDevices(id, type === 'standard' ? ['lpr', 'cctv', 'voip'] : ['rfid', 'lpr', 'cctv', 'voip']),
        settings: type === 'trusted' ? { ...DEFAULT_SETTINGS } : { ...DEFAULT_SETTINGS, passageWindowSeconds: 30 },
      };
    }),
  };
}
