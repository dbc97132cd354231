import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, createHttpApp, loadConfig } from '@corridor/platform';
import { CorridorModule } from './corridor.module';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createHttpApp(CorridorModule.forRoot(config));
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  new Logger('Corridor').log(`listening on http://${shown}:${config.port} (API docs at /api/docs, ${config.embedded ? 'embedded SQLite' : 'PostgreSQL'}, jobs ${config.redisUrl ? 'on Redis' : 'in process'})`);
}

void main();
