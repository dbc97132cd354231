import type { Driver, Programme, TrustStatus } from '../model/carrier';
import type { CarrierRecord } from '../persistence/carrier.repository';

export interface CarrierView {
  id: string;
  name: string;
  traderId?: string;
  programme: Programme;
  status: TrustStatus;
  statusReason?: string;
  transponders: string[];
  plates: Array<{ jurisdiction: string; number: string }>;
  drivers: Driver[];
  registeredAt: string;
  updatedAt: string;
}

/** Plates go out in the shape they came in ({jurisdiction, number}). */
export function toCarrierView(record: CarrierRecord): CarrierView {
  return {
    ...record,
    plates: record.plates.map((key) => {
      const at = key.indexOf(':');
      return { jurisdiction: key.slice(0, at), number: key.slice(at + 1) };
    }),
  };
}
