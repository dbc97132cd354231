// Loaded before every spec: Nest and TypeORM need decorator metadata, and the Nest logger stays
// quiet unless LOG_LEVEL asks for it, so test output shows results rather than log noise.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';

if (!process.env.LOG_LEVEL || process.env.LOG_LEVEL === 'silent') Logger.overrideLogger(false);
