import 'reflect-metadata';
import { runHttpHost } from '@corridor/platform';
import { DeclarationsApiModule } from './declarations-api.module';

void runHttpHost('DeclarationsApi', (config) => DeclarationsApiModule.forRoot(config));
