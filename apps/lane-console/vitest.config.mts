import { projectConfig } from '../../vitest.shared.mts';
// Browser code: jsdom, and none of the Nest/TypeORM set-up the server projects need.
export default projectConfig(import.meta.dirname, { environment: 'jsdom', setupFiles: ['src/testing/setup.ts'] });
