import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(dto|controller)\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * @nestjs/swagger keys schemas by class name: two contexts declaring `DecisionDto` silently
 * replace one another in the published document. Every documented class name must be unique.
 */
describe('OpenAPI schema classes', () => {
  it('have names unique across the contexts', () => {
    const seen = new Map<string, string[]>();
    for (const file of [...sources(join(root, 'libs')), ...sources(join(root, 'kpi', 'src'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^(?:export )?class (\w+)/gm)) {
        seen.set(match[1], [...(seen.get(match[1]) ?? []), relative(root, file)]);
      }
    }
    const clashes = [...seen].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(clashes).toEqual([]);
  });
});
