import 'reflect-metadata';
import { runHttpHost } from '@corridor/platform';
import { RiskApiModule } from './risk-api.module';

void runHttpHost('RiskApi', (config) => RiskApiModule.forRoot(config));
