/**
 * A write that fails for the whole output folder (a full disk, a used-up
 * quota, a read-only file system) stops the batch: every notice after it
 * would fail the same way, and an overnight run would spend its night
 * converting them only to print the same error thousands of times. A
 * temporary file that cannot be removed only warns.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';

/**
 * The notices' writes fail with `code` once `after` notices have been written; the manifest's (made inside files.ts) never do. Removing a
 * temporary file fails with `removal`.
 */
const failure: { code: string | null; after: number; writes: number; removal: string | null } = { code: null, after: 0, writes: 0, removal: null };

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    rm: (...args: Parameters<typeof original.rm>) => {
      if (failure.removal !== null && String(args[0]).endsWith('.tmp')) return Promise.reject(Object.assign(new Error(`${failure.removal}: refused, unlink`), { code: failure.removal, syscall: 'unlink' }));
      return original.rm(...args);
    },
  };
});

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
beforeEach(() => Object.assign(failure, { code: null, after: 0, writes: 0, removal: null }));

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

describe('a temporary file that a killed run left in the output folder', () => {
  it('that cannot be removed is a warning saying to remove it by hand, and every notice is still converted', async () => {
    const { inputs, out } = noticesIn(NAMES);
    mkdirSync(out);
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const leftover = path.join(out, `.a.json.${ended.toString(16).padStart(8, '0')}a1b2.tmp`);
    writeFileSync(leftover, '{');
    failure.removal = 'EPERM';
    const { summary, lines } = await convert(inputs, out);

    expect(lines).toEqual([`${leftover}:1:1: warning: Unexpected failure removing a temporary file that a killed run left (EPERM), expected to remove it: remove it by hand [write-failed]`]);
    expect(summary).toMatchObject({ exitCode: 0, converted: 5, failed: 0, counts: { error: 0, warning: 1 } });
    expect(existsSync(leftover)).toBe(true);
    expect(readdirSync(out).filter((name) => name.endsWith('.json')).sort()).toEqual([...NAMES.map((name) => `${name}.json`), 'pubcom-manifest.json']);
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
