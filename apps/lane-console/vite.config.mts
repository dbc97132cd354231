import { webAppConfig } from '../../vite.shared.mts';
export default webAppConfig(import.meta.dirname, '/console/', 'dist/apps/lane-console');
