import 'reflect-metadata';
import { runHttpHost } from '@corridor/platform';
import { LanesApiModule } from './lanes-api.module';

void runHttpHost('LanesApi', (config) => LanesApiModule.forRoot(config));
