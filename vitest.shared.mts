// One vitest configuration shape for every project: swc keeps decorator metadata
// (Nest DI and TypeORM need it) and the tsconfig paths become Vite aliases.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const workspaceRoot = import.meta.dirname;

function tsconfigAliases() {
  const base = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const paths: Record<string, string[]> = base.compilerOptions.paths;
  // Longest first so '@corridor/platform/testing' wins over '@corridor/platform'.
  return Object.entries(paths)
    .sort(([a], [b]) => b.length - a.length)
    .map(([find, [target]]) => ({ find: new RegExp(`^${find.replace('/', '\\/')}$`), replacement: resolve(workspaceRoot, target) }));
}

export function projectConfig(root: string, overrides: ViteUserConfig['test'] = {}) {
  return defineConfig({
    root,
    plugins: [swc.vite({ tsconfigFile: resolve(workspaceRoot, 'tsconfig.base.json') })],
    resolve: { alias: tsconfigAliases() },
    test: {
      environment: 'node',
      setupFiles: [resolve(workspaceRoot, 'vitest.setup.ts')],
      include: ['src/**/*.spec.ts', 'src/**/*.e2e.ts', 'src/**/*.spec.tsx'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
