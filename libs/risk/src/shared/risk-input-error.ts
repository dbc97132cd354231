import { DomainError } from '@corridor/domain';

/**
 * Input that the risk engine cannot learn from or score: a malformed CSV, a missing column, a
 * label that is not 0/1, a training set with a single class. The message names the file, row
 * and value so a person can fix the data; the CLI prints it without a stack trace.
 */
export class RiskInputError extends DomainError {
  constructor(message: string, code = 'RISK.INVALID_INPUT', field?: string) {
    super(code, message, 'invalid', field);
  }
}
