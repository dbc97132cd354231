import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidValueError } from '@corridor/domain';

/** A path id that is not a UUID is a 400 naming the parameter, never a database error. */
export const uuidParam = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('RISK.INVALID_ID', name, 'must be a UUID') });
