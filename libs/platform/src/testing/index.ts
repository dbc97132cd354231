export { requireServiceUrl } from './services';
export { startTestApp, testModes } from './test-app';
export type { TestApp, TestMode } from './test-app';
export { browserAvailable, launchBrowser, screenshot } from './browser';
