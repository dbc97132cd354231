import 'reflect-metadata';
import { runHttpHost } from '@corridor/platform';
import { CorridorModule } from './corridor.module';

void runHttpHost('Corridor', (config) => CorridorModule.forRoot(config));
