import { InvalidFieldsError, LicencePlate, RfidEpc, TraderId, FieldReader } from '@corridor/domain';

export const PROGRAMMES = ['FAST', 'AEO', 'PIP'] as const;
/** FAST (US/CA/MX Free and Secure Trade), AEO (WCO Authorised Economic Operator), PIP (CA Partners in Protection). */
export type Programme = (typeof PROGRAMMES)[number];

export const TRUST_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type TrustStatus = (typeof TRUST_STATUSES)[number];

export interface Driver {
  id: string;
  name: string;
  /** The programme card number (e.g. a FAST commercial driver card). */
  cardNumber?: string;
  status: TrustStatus;
}

/** A carrier as the lane sees it: who it is, whether it is trusted now, and its trucks and drivers. */
export interface TrustedCarrier {
  id: string;
  name: string;
  /** EORI-style id the carrier uses on declarations (conveyance.carrierId). */
  traderId?: string;
  programme: Programme;
  status: TrustStatus;
  statusReason?: string;
  transponders: string[];
  /** Plates in JUR:NUMBER form. */
  plates: string[];
  drivers: Driver[];
}

export interface CarrierRegistration {
  name: string;
  traderId?: string;
  programme: Programme;
  status: TrustStatus;
  transponders: string[];
  plates: Array<{ jurisdiction: string; number: string; key: string }>;
  drivers: Array<Omit<Driver, 'id'> & { id?: string }>;
}

const MAX_TRUCKS = 500;

/** Validates POST /api/trusted-traders/carriers; every bad field is named with its path. */
export function parseCarrierRegistration(input: unknown): CarrierRegistration {
  const r = new FieldReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['name', 'traderId', 'programme', 'status', 'transponders', 'plates', 'drivers']);
  const name = r.string(body.name, 'name', { max: 200 });
  const traderId = body.traderId === undefined || body.traderId === null ? undefined : r.value('traderId', () => TraderId.parse(body.traderId, 'traderId').value);
  const programme = r.oneOf(body.programme, 'programme', PROGRAMMES);
  const status = r.oneOf(body.status, 'status', TRUST_STATUSES, false) ?? 'active';

  const transponders: string[] = [];
  (r.array(body.transponders, 'transponders', { max: MAX_TRUCKS, required: false }) ?? []).forEach((raw, n) => {
    const epc = r.value(`transponders[${n}]`, () => RfidEpc.parse(raw, `transponders[${n}]`).hex);
    if (epc === undefined) return;
    if (transponders.includes(epc)) r.fail(`transponders[${n}]`, `${epc} is listed twice`);
    else transponders.push(epc);
  });

  const plates: CarrierRegistration['plates'] = [];
  (r.array(body.plates, 'plates', { max: MAX_TRUCKS, required: false }) ?? []).forEach((raw, n) => {
    const plate = r.value(`plates[${n}]`, () => LicencePlate.parse(raw, `plates[${n}]`));
    if (!plate) return;
    if (plates.some((p) => p.key === plate.key())) r.fail(`plates[${n}]`, `${plate.key()} is listed twice`);
    else plates.push({ ...plate.toJSON(), key: plate.key() });
  });
  if (transponders.length === 0 && plates.length === 0 && r.errors.length === 0) r.fail('transponders', 'a carrier needs at least one transponder or plate');

  const drivers: CarrierRegistration['drivers'] = [];
  (r.array(body.drivers, 'drivers', { max: 1000, required: false }) ?? []).forEach((raw, n) => {
    const field = `drivers[${n}]`;
    // A bare string is the driver's name.
    const driver = typeof raw === 'string' ? { name: raw } : r.object(raw, field);
    if (!driver) return;
    r.known(driver, field, ['id', 'name', 'cardNumber', 'status']);
    const id = r.string(driver.id, `${field}.id`, { max: 64, required: false, pattern: /^[A-Za-z0-9._:-]+$/, patternHint: 'must be letters, digits, dots, dashes, colons or underscores' });
    const driverName = r.string(driver.name, `${field}.name`, { max: 200 });
    const cardNumber = r.string(driver.cardNumber, `${field}.cardNumber`, { max: 32, required: false });
    const driverStatus = r.oneOf(driver.status, `${field}.status`, TRUST_STATUSES, false) ?? 'active';
    if (id && drivers.some((d) => d.id === id)) r.fail(`${field}.id`, `"${id}" is listed twice`);
    if (driverName) drivers.push({ ...(id ? { id } : {}), name: driverName, ...(cardNumber ? { cardNumber } : {}), status: driverStatus });
  });

  if (r.errors.length > 0) throw new InvalidFieldsError('TRUSTED_TRADER.INVALID', r.errors);
  return { name: name as string, ...(traderId ? { traderId } : {}), programme: programme as Programme, status, transponders, plates, drivers };
}

/** Validates POST /api/trusted-traders/carriers/:id/status. */
export function parseStatusChange(input: unknown): { status: TrustStatus; reason?: string } {
  const r = new FieldReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['status', 'reason']);
  const status = r.oneOf(body.status, 'status', TRUST_STATUSES);
  const reason = r.string(body.reason, 'reason', { max: 1000, required: false });
  if (r.errors.length > 0 || !status) throw new InvalidFieldsError('TRUSTED_TRADER.INVALID', r.errors);
  return { status, ...(reason ? { reason } : {}) };
}
