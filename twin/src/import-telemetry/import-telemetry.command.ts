import { Command } from '@nestjs/cqrs';

export interface ImportResult {
  /** Events in the file. */
  received: number;
  /** Events stored now (the rest were stored before: importing a file twice adds nothing). */
  imported: number;
  /** The file's first and last event time (null for a file of no events). */
  from: string | null;
  to: string | null;
}

/** Imports a JSON-lines telemetry file, all or nothing. */
export class ImportTelemetry extends Command<ImportResult> {
  constructor(readonly text: string) {
    super();
  }
}
