// What every Corridor CLI does with its arguments: strict parsing, whole numbers in a range,
// and usage errors that exit 2 with one line on stderr.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export function args(options: ParseArgsConfig['options'], argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function integer(raw: string | boolean | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${String(raw)}"`);
  return Number(raw);
}

export function decimal(raw: string | boolean | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const x = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(x > min && x <= max)) throw new UsageError(`--${name} must be a number above ${min} and at most ${max}, got "${String(raw)}"`);
  return x;
}

/** A required file-name option. */
export function fileOption(raw: string | boolean | undefined, name: string, what: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${name} ${what} is required`);
  return raw;
}
