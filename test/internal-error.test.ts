/** An unexpected exception inside a stage becomes a fatal diagnostic naming the stage; the batch goes on. */
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';

// The normalize stage fails on the notice called "crash" only, as a bug in a stage would.
vi.mock('../src/stages/normalize.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/stages/normalize.js')>();
  return {
    ...original,
    normalize: (...args: Parameters<typeof original.normalize>) => {
      if (args[0].id === 'crash') throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return original.normalize(...args);
    },
  };
});

const { run } = await import('../src/run.js');
afterAll(removeTemporaryDirs);

describe('an exception in a stage', () => {
  it('is an internal-error on that file, naming the stage, and the other files are converted', async () => {
    const inputs = temporaryDir('pubcom-crash-');
    const out = temporaryDir('pubcom-crash-out-');
    const notice = new URL('../input/mic-denpa-tsv.txt', import.meta.url);
    copyFileSync(notice, path.join(inputs, 'crash.txt'));
    copyFileSync(notice, path.join(inputs, 'fine.txt'));
    const lines: string[] = [];
    const summary = await run(
      { paths: [inputs], outDir: out, formats: ['json'], bom: false, check: false, verbose: false, jobs: 0 },
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(summary.exitCode).toBe(1);
    expect(summary.failed).toBe(1);
    expect(lines).toEqual([
      `${path.join(inputs, 'crash.txt')}:1:1: error: Unexpected failure in stage normalize: Cannot read properties of undefined (reading 'x') [internal-error]`,
    ]);
    expect(readdirSync(out).sort()).toEqual(['fine.json', 'pubcom-manifest.json']);
  });
});
