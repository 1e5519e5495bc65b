/**
 * A write that fails for the whole output folder (a full disk, a used-up
 * quota, a read-only file system) stops the batch: every notice after it
 * would fail the same way, and an overnight run would spend its night
 * converting them only to print the same error thousands of times.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';

/** The notices' writes fail with `code` once `after` notices have been written; the manifest's (made inside files.ts) never do. */
const failure: { code: string | null; after: number; writes: number } = { code: null, after: 0, writes: 0 };

vi.mock('../src/files.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/files.js')>();
  return {
    ...original,
    writeAllAtomically: (...args: Parameters<typeof original.writeAllAtomically>) => {
      if (failure.code !== null && failure.writes++ >= failure.after) {
        throw Object.assign(new Error(`${failure.code}: refused, write`), { code: failure.code, syscall: 'write' });
      }
      return original.writeAllAtomically(...args);
    },
  };
});

const { run } = await import('../src/run.js');
afterAll(removeTemporaryDirs);
beforeEach(() => Object.assign(failure, { code: null, after: 0, writes: 0 }));

const NAMES = ['a', 'b', 'c', 'd', 'e'];

describe('a batch whose output folder cannot be written any more', () => {
  it.each([
    ['ENOSPC', (out: string) => `the disk of ${out} is full (ENOSPC)`],
    ['EDQUOT', (out: string) => `the disk quota for ${out} is used up (EDQUOT)`],
    ['EROFS', (out: string) => `${out} is on a read-only file system (EROFS)`],
  ])('stops after the first notice that fails with %s, and says why and what to do', async (code, reason) => {
    const { inputs, out } = noticesIn(NAMES);
    failure.code = code;
    failure.after = 1;
    const { summary, lines } = await convert(inputs, out);

    expect(summary).toMatchObject({ exitCode: 1, files: 5, converted: 1, failed: 1, stopped: 3 });
    expect(lines).toEqual([
      `${path.join(inputs, 'b.txt')}:1:1: error: Unexpected failure writing to ${out} (${code}), expected ${code === 'ENOSPC' ? 'free space in the output folder' : 'a writable output folder'} [write-failed]`,
      `pubcom: stopped: ${reason(out)}, so the 3 notice(s) not yet converted were not tried. Make room (or choose another --out) and run the same command again: it skips the notices the manifest records as converted`,
    ]);
    expect(readdirSync(out).sort()).toEqual(['a.json', 'pubcom-manifest.json']);
  });

  it('is converted the rest of the way by the same command, once there is room, which skips the notice written before', async () => {
    const { inputs, out } = noticesIn(NAMES);
    Object.assign(failure, { code: 'ENOSPC', after: 2 });
    expect((await convert(inputs, out)).summary).toMatchObject({ converted: 2, failed: 1, stopped: 2 });

    failure.code = null;
    const { summary, lines } = await convert(inputs, out);
    expect(lines).toEqual([]);
    expect(summary).toMatchObject({ exitCode: 0, converted: 3, skipped: 2, failed: 0, stopped: 0 });
    expect(readdirSync(out).sort()).toEqual([...NAMES.map((name) => `${name}.json`), 'pubcom-manifest.json']);
  });

  it('goes on where the failure may be the notice\'s own (a name too long): the other notices are written', async () => {
    const { inputs, out } = noticesIn(NAMES);
    Object.assign(failure, { code: 'ENAMETOOLONG', after: 1 });
    const { summary, lines } = await convert(inputs, out);
    expect(summary).toMatchObject({ exitCode: 1, converted: 1, failed: 4, stopped: 0 });
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.endsWith('[write-failed]'))).toBe(true);
    // The summary counts the opinions and comments of the one notice written, none of the four whose outputs are not there.
    const written = JSON.parse(readFileSync(path.join(out, 'a.json'), 'utf8')) as { opinions: { comments: unknown[] }[] };
    expect(written.opinions.length).toBeGreaterThan(0);
    expect(summary.opinions).toBe(written.opinions.length);
    expect(summary.comments).toBe(written.opinions.reduce((sum, opinion) => sum + opinion.comments.length, 0));
  });
});

/** Copies of a real notice, as NAME.txt, in a folder of their own. */
function noticesIn(names: readonly string[]): { inputs: string; out: string } {
  const inputs = temporaryDir('pubcom-folder-failure-');
  for (const name of names) copyFileSync(new URL('../input/mic-denpa-tsv.txt', import.meta.url), path.join(inputs, `${name}.txt`));
  return { inputs, out: path.join(inputs, 'out') };
}

/** The folder's notices converted on this thread, as JSON, into `out`; every line printed. */
async function convert(inputs: string, out: string): Promise<{ summary: Awaited<ReturnType<typeof run>>; lines: string[] }> {
  const lines: string[] = [];
  const summary = await run(
    { paths: [inputs], outDir: out, formats: ['json'], bom: false, check: false, verbose: false, jobs: 0 },
    { out: (line) => lines.push(line), err: (line) => lines.push(line) },
  );
  return { summary, lines };
}
