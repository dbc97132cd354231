import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** Lints code as if it stood at `file`, and returns the module-boundary complaints. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('the module-boundaries rule', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; make sure it exists and is current.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  }, 60_000);

  it('lets a context use the domain through its barrel', async () => {
    expect(await boundaryErrors('libs/ledger/src/violation.ts', "import { HsCode } from '@corridor/domain';\nexport const x = HsCode;\n")).toEqual([]);
  });

  it('stops the domain from importing the platform', async () => {
    const errors = await boundaryErrors('libs/domain/src/violation.ts', "import { loadConfig } from '@corridor/platform';\nexport const x = loadConfig;\n");
    expect(errors.join('\n')).toMatch(/"type:domain" can only depend on libs tagged with "type:domain"|Circular dependency between "domain" and "platform"/);
  });

  it('stops the platform from importing a context', async () => {
    const errors = await boundaryErrors('libs/platform/src/violation.ts', "import * as ledger from '@corridor/ledger';\nexport const x = ledger;\n");
    expect(errors.join('\n')).toMatch(/"type:platform" can only depend on libs tagged with|Circular dependency between "platform" and "ledger"/);
  });

  it("stops a context from reaching into another context's internals", async () => {
    const errors = await boundaryErrors('libs/ledger/src/violation.ts', "import { HsCode } from '../../domain/src/values/hs-code';\nexport const x = HsCode;\n");
    expect(errors.join('\n')).toMatch(/relative or absolute path/);
  });

  it('stops a context from importing an app', async () => {
    const errors = await boundaryErrors('libs/ledger/src/violation.ts', "import { CorridorModule } from '../../../apps/corridor/src/corridor.module';\nexport const x = CorridorModule;\n");
    expect(errors.length).toBeGreaterThan(0);
  });
});
