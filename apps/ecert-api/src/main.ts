import 'reflect-metadata';
import { runHttpHost } from '@corridor/platform';
import { EcertApiModule } from './ecert-api.module';

void runHttpHost('EcertApi', (config) => EcertApiModule.forRoot(config));
