import { projectConfig } from '../vitest.shared.mts';
export default projectConfig(import.meta.dirname, { include: ['**/*.spec.ts', '**/*.e2e.ts'] });
