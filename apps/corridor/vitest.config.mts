import { projectConfig } from '../../vitest.shared.mts';
// The host's e2e files each boot the whole app (and one drives chromium): one at a time.
export default projectConfig(import.meta.dirname, { fileParallelism: false });
