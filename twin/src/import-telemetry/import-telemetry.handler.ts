import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TelemetryRepository } from '../persistence/telemetry.repository';
import { ImportTelemetry, type ImportResult } from './import-telemetry.command';
import { readTelemetry } from './read-telemetry';

@CommandHandler(ImportTelemetry)
export class ImportTelemetryHandler implements ICommandHandler<ImportTelemetry> {
  private readonly logger = new Logger('TwinTelemetry');

  constructor(private readonly telemetry: TelemetryRepository) {}

  async execute({ text }: ImportTelemetry): Promise<ImportResult> {
    const events = readTelemetry(text);
    let first = Infinity;
    let last = -Infinity;
    for (const event of events) {
      const time = Date.parse(event.at);
      if (time < first) first = time;
      if (time > last) last = time;
    }
    const imported = await this.telemetry.insert(events, 'import', new Date().toISOString());
    const result: ImportResult = {
      received: events.length,
      imported,
      from: events.length ? new Date(first).toISOString() : null,
      to: events.length ? new Date(last).toISOString() : null,
    };
    this.logger.log(result, 'telemetry imported');
    return result;
  }
}
