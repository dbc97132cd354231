import { InvalidFieldsError, LicencePlate, RfidEpc, FieldReader } from '@corridor/domain';
import { PROGRAMMES, TRUST_STATUSES } from '../model/carrier';
import type { CarrierFilter } from '../persistence/carrier.repository';

/** Query-string values into a filter, with a 400 naming any bad parameter. */
export function parseCarrierFilter(query: Record<string, unknown>): CarrierFilter {
  const r = new FieldReader();
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return r.fail(name, 'must be given once');
    return value;
  };
  const transponder = single('transponder');
  const plate = single('plate');
  const status = single('status');
  const programme = single('programme');
  const page = single('page');
  const limit = single('limit');
  const filter: CarrierFilter = {
    transponder: transponder === undefined ? undefined : r.value('transponder', () => RfidEpc.parse(transponder, 'transponder').hex),
    plate: plate === undefined ? undefined : r.value('plate', () => LicencePlate.fromKey(plate, 'plate').key()),
    status: status === undefined ? undefined : r.oneOf(status, 'status', TRUST_STATUSES),
    programme: programme === undefined ? undefined : r.oneOf(programme, 'programme', PROGRAMMES),
    page: page === undefined ? 1 : whole(r, page, 'page', 1_000_000),
    limit: limit === undefined ? 50 : whole(r, limit, 'limit', 200),
  };
  if (r.errors.length > 0) throw new InvalidFieldsError('TRUSTED_TRADER.INVALID_QUERY', r.errors);
  return filter;
}

function whole(r: FieldReader, text: string, field: string, max: number): number {
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1 || Number(text) > max) return r.fail(field, `must be a whole number from 1 to ${max}`) ?? 1;
  return Number(text);
}
