import { DynamicModule, Logger } from '@nestjs/common';
import { ConfigError, CorridorConfig, loadConfig } from '../config/config';
import { createHttpApp } from './create-http-app';

/**
 * The whole `main.ts` of a host app: validate configuration (exit 1 naming the variable),
 * build the app, listen, say where.
 */
export async function runHttpHost(name: string, hostModule: (config: CorridorConfig) => DynamicModule): Promise<void> {
  let config: CorridorConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createHttpApp(hostModule(config));
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  new Logger(name).log(`listening on http://${shown}:${config.port} (API docs at /api/docs, ${config.embedded ? 'embedded SQLite' : 'PostgreSQL'}, jobs ${config.redisUrl ? 'on Redis' : 'in process'})`);
}
