import { InvalidFieldsError, LicencePlate, RfidEpc, TraderId, FieldReader } from '@corridor/domain';
import { DECLARATION_STATUSES, type DeclarationStatus } from '../model/status';
import type { DeclarationFilter } from '../persistence/declaration.repository';

/** Turns query-string values into a filter, with a 400 naming any bad parameter. */
export function parseFilter(query: Record<string, unknown>): DeclarationFilter {
  const r = new FieldReader();
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return r.fail(name, 'must be given once');
    return value;
  };
  const plate = single('plate');
  const transponder = single('transponder');
  const carrierId = single('carrierId');
  const status = single('status');
  const page = single('page');
  const limit = single('limit');
  const filter: DeclarationFilter = {
    plate: plate === undefined ? undefined : r.value('plate', () => LicencePlate.fromKey(plate, 'plate').key()),
    transponder: transponder === undefined ? undefined : r.value('transponder', () => RfidEpc.parse(transponder, 'transponder').hex),
    carrierId: carrierId === undefined ? undefined : r.value('carrierId', () => TraderId.parse(carrierId, 'carrierId').value),
    status: status === undefined ? undefined : (r.oneOf(status, 'status', DECLARATION_STATUSES) as DeclarationStatus),
    from: single('from') === undefined ? undefined : r.dateTime(single('from'), 'from'),
    to: single('to') === undefined ? undefined : r.dateTime(single('to'), 'to'),
    page: page === undefined ? 1 : positive(r, page, 'page', 1_000_000),
    limit: limit === undefined ? 50 : positive(r, limit, 'limit', 200),
  };
  if (filter.from && filter.to && filter.from > filter.to) r.fail('from', 'must not be after to');
  if (r.errors.length > 0) throw new InvalidFieldsError('DECLARATION.INVALID_QUERY', r.errors);
  return filter;
}

function positive(r: FieldReader, text: string, field: string, max: number): number {
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1 || Number(text) > max) return r.fail(field, `must be a whole number from 1 to ${max}`) ?? 1;
  return Number(text);
}
