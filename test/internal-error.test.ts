/** An unexpected exception inside a stage or an emitter becomes a fatal diagnostic naming where; the batch goes on. */
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';
import type { Format } from '../src/emit/index.js';

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

// The CSV emitter, the last to run, fails on the notice called "emitcrash", after its JSON and JSON-LD are made.
vi.mock('../src/emit/csv.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emit/csv.js')>();
  return {
    ...original,
    csvTable: (...args: Parameters<typeof original.csvTable>) => {
      if (args[0].notice.id === 'emitcrash') throw new RangeError('Invalid string length');
      return original.csvTable(...args);
    },
  };
});

const { run } = await import('../src/run.js');
type RunSummary = Awaited<ReturnType<typeof run>>;
afterAll(removeTemporaryDirs);

describe('an unexpected exception', () => {
  it('in a stage is an internal-error on that file, naming the stage, and the other files are converted', async () => {
    const { out, lines, summary } = await convertBeside('crash', ['json']);
    expect(summary.exitCode).toBe(1);
    expect(summary.failed).toBe(1);
    expect(lines).toEqual([`${path.join(path.dirname(out), 'crash.txt')}:1:1: error: Unexpected failure in stage normalize: Cannot read properties of undefined (reading 'x') [internal-error]`]);
    expect(readdirSync(out).sort()).toEqual(['fine.json', 'pubcom-manifest.json']);
  });

  it('in an emitter is an internal-error too, and no output of that notice is written', async () => {
    const { out, lines, summary } = await convertBeside('emitcrash', ['json', 'jsonld', 'csv']);
    expect(summary.failed).toBe(1);
    expect(lines).toEqual([`${path.join(path.dirname(out), 'emitcrash.txt')}:1:1: error: Unexpected failure in emit: Invalid string length [internal-error]`]);
    // Its JSON and JSON-LD were written to temporary names before the CSV failed: they are gone, and no output of it is there.
    expect(readdirSync(out).sort()).toEqual(['fine.comments.csv', 'fine.json', 'fine.jsonld', 'fine.notice.csv', 'fine.opinions.csv', 'fine.refs.csv', 'fine.submitters.csv', 'pubcom-manifest.json']);
  });
});

/** A real notice as `NAME.txt` and as `fine.txt` in one folder, converted on this thread into its `out/` subfolder; the lines printed. */
async function convertBeside(name: string, formats: Format[]): Promise<{ out: string; lines: string[]; summary: RunSummary }> {
  const inputs = temporaryDir('pubcom-crash-');
  const out = path.join(inputs, 'out');
  const notice = new URL('../input/mic-denpa-tsv.txt', import.meta.url);
  copyFileSync(notice, path.join(inputs, `${name}.txt`));
  copyFileSync(notice, path.join(inputs, 'fine.txt'));
  const lines: string[] = [];
  const summary = await run(
    { paths: [path.join(inputs, `${name}.txt`), path.join(inputs, 'fine.txt')], outDir: out, formats, bom: false, check: false, verbose: false, jobs: 0 },
    { out: (line) => lines.push(line), err: (line) => lines.push(line) },
  );
  return { out, lines, summary };
}
