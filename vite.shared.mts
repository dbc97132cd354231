// One Vite configuration shape for the web apps: React, the workspace aliases, a base path
// under which apps/corridor serves the build, and a dev proxy to the API on :3000.
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const workspaceRoot = import.meta.dirname;

function aliases() {
  const paths: Record<string, string[]> = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
  return Object.entries(paths).sort(([a], [b]) => b.length - a.length)
    .map(([find, [target]]) => ({ find: new RegExp(`^${find.replace('/', '\\/')}$`), replacement: resolve(workspaceRoot, target) }));
}

export function webAppConfig(root: string, base: string, outDir: string) {
  return defineConfig({
    root,
    base,
    plugins: [react()],
    resolve: { alias: aliases() },
    build: { outDir: resolve(workspaceRoot, outDir), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
    server: { proxy: { '/api': 'http://localhost:3000' } },
  });
}
