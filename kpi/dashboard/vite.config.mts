import { webAppConfig } from '../../vite.shared.mts';
export default webAppConfig(import.meta.dirname, '/kpi/', 'dist/kpi/dashboard');
