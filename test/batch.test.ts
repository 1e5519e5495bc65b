/** Archive-scale batches: parallel workers, the manifest of unchanged inputs, shards, the progress bar. */
import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';
import { generateLargeNotice } from '../src/bench/generate.js';
import { FORMATS } from '../src/emit/index.js';
import { sha256OfFile } from '../src/hash.js';
import { createProgress, renderProgress } from '../src/progress.js';
import { inShard, type RunOptions, type RunSummary } from '../src/run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const inputDir = path.join(root, 'input');

function pubcom(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = (): string => temporaryDir('pubcom-batch-');
afterAll(removeTemporaryDirs);

/** 30 notices: the five of input/ six times under other names. */
function batch(): string {
  const dir = tempDir();
  for (let copy = 0; copy < 6; copy++) {
    for (const name of readdirSync(inputDir)) copyFileSync(path.join(inputDir, name), path.join(dir, `c${copy}-${name}`));
  }
  return dir;
}

const contents = (dir: string): Map<string, string> => new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
const stat = (stderr: string, label: string): number => Number(new RegExp(`${label} +(\\d+)`).exec(stderr)?.[1] ?? NaN);

/** A copy of the build in which dist/`file` is `text`: a part of pubcom made to fail. */
function buildWith(file: string, text: string): string {
  const build = tempDir();
  for (const folder of ['dist', 'schemas']) cpSync(path.join(root, folder), path.join(build, folder), { recursive: true });
  copyFileSync(path.join(root, 'package.json'), path.join(build, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(build, 'node_modules'));
  writeFileSync(path.join(build, 'dist', file), text);
  return build;
}

/** A folder with large.txt, the real notice's rows repeated to `bytes`, and (`smallToo`) the .txt notices of input/, named in `small`. */
function withLargeNotice(bytes: number, { smallToo }: { smallToo: boolean }): { inputs: string; small: string[] } {
  const inputs = tempDir();
  const small = smallToo ? readdirSync(inputDir).filter((name) => name.endsWith('.txt')) : [];
  for (const name of small) copyFileSync(path.join(inputDir, name), path.join(inputs, name));
  const seed = readFileSync(path.join(inputDir, 'soumu-cloud-security-guideline-2018.txt'), 'utf8');
  writeFileSync(path.join(inputs, 'large.txt'), generateLargeNotice(seed, bytes));
  return { inputs, small };
}

/** The pid of a child process of this one whose command line names `script`, once there is one (Linux's /proc). */
async function childRunning(script: string): Promise<number> {
  for (;;) {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
        if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(script)) return Number(entry);
      } catch {
        // The process ended meanwhile.
      }
    }
    await sleep(20);
  }
}

/** The built batch (whose workers run dist/worker.js) with all formats, and the lines it printed on stderr. */
async function builtRun(options: Pick<RunOptions, 'paths' | 'outDir' | 'jobs' | 'workerHeapMb' | 'largeNoticeHeapMb' | 'shard' | 'checkpointMs'>): Promise<{ summary: RunSummary; errors: string[] }> {
  const { run } = (await import(path.join(root, 'dist', 'run.js'))) as typeof import('../src/run.js');
  const errors: string[] = [];
  const summary = await run({ formats: FORMATS, bom: false, check: false, verbose: false, ...options }, { out: () => {}, err: (line) => errors.push(line) });
  return { summary, errors };
}

describe('parallel batches', () => {
  it('give the same bytes with one worker, with two, and on the calling thread', async () => {
    const inputs = batch();
    const one = tempDir();
    const two = tempDir();
    expect(pubcom(['convert', inputs, '--out', one, '--jobs', '1']).status).toBe(0);
    const parallel = pubcom(['convert', inputs, '--out', two, '--jobs', '2']);
    expect(parallel.status).toBe(0);
    expect(stat(parallel.stderr, 'files converted')).toBe(30);
    expect(contents(two)).toEqual(contents(one));
    // jobs 0 (the API only) converts without worker threads.
    const { run } = (await import(path.join(root, 'dist', 'run.js'))) as typeof import('../src/run.js');
    const here = tempDir();
    const summary = await run({ paths: [inputs], outDir: here, formats: FORMATS, bom: false, check: false, verbose: false, jobs: 0 }, { out: () => {}, err: () => {} });
    expect(summary).toMatchObject({ exitCode: 0, converted: 30 });
    expect(contents(here)).toEqual(contents(one));
  });

  it('run on workers from a script node runs with --input-type=module, which a worker may not have', () => {
    const script = (out: string): string => `
      const { run } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'index.js')).href)});
      const summary = await run({ paths: [${JSON.stringify(path.join(root, 'input'))}], outDir: ${JSON.stringify(out)}, formats: ['json'], bom: false, check: false, verbose: false, jobs: 2 }, { out() {}, err: (line) => console.error(line) });
      console.log(JSON.stringify({ converted: summary.converted, failed: summary.failed }));`;
    for (const form of [['--input-type=module'], ['--input-type', 'module']]) {
      const result = spawnSync(process.execPath, [...form, '-e', script(tempDir())], { encoding: 'utf8' });
      expect(result.stderr, form.join(' ')).toBe('');
      expect(JSON.parse(result.stdout), form.join(' ')).toEqual({ converted: readdirSync(path.join(root, 'input')).length, failed: 0 });
    }
  });

  it('convert a notice too large for a worker\'s heap again in a process of its own', async () => {
    // A 5 MB notice needs far more than 48 MB of heap, the others fit.
    const { inputs } = withLargeNotice(5_000_000, { smallToo: true });
    const capped = tempDir();
    const { summary, errors } = await builtRun({ paths: [inputs], outDir: capped, jobs: 2, workerHeapMb: 48 });
    expect(errors).toEqual([]);
    expect(summary).toMatchObject({ exitCode: 0, converted: 4, failed: 0 });
    const one = tempDir();
    expect(pubcom(['convert', inputs, '--out', one, '--jobs', '1']).status).toBe(0);
    expect(contents(capped)).toEqual(contents(one));
  });

  it('fail a notice too large for the memory node may use with out-of-memory, convert the rest and write their manifest', async () => {
    const { inputs, small } = withLargeNotice(5_000_000, { smallToo: true });
    const out = tempDir();
    const { summary, errors } = await builtRun({ paths: [inputs], outDir: out, jobs: 2, workerHeapMb: 48, largeNoticeHeapMb: 48 });
    expect(errors).toEqual([
      `${path.join(inputs, 'large.txt')}:1:1: error: Unexpected notice that needs more memory than node may use here (a heap of 48 MB), expected it to fit: give node more (NODE_OPTIONS=--max-old-space-size=…) or split the notice [out-of-memory]`,
    ]);
    expect(summary).toMatchObject({ exitCode: 1, converted: small.length, failed: 1 });
    expect(Object.keys(manifestNotices(out)).sort()).toEqual(small.map((name) => name.replace(/\.txt$/, '')).sort());
  });

  it('convert a notice file of 16 MiB or more in a process of its own even alone, so that running out of memory fails it rather than the batch', async () => {
    const { inputs } = withLargeNotice(16 * 1024 * 1024, { smallToo: false });
    const { summary, errors } = await builtRun({ paths: [inputs], outDir: tempDir(), jobs: 1, largeNoticeHeapMb: 48 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/large\.txt:1:1: error: Unexpected notice that needs more memory than node may use here \(a heap of 48 MB\).*\[out-of-memory\]$/);
    expect(summary).toMatchObject({ exitCode: 1, converted: 0, failed: 1 });
  });

  it('fail only the large notice when the process converting it dies (as under the kernel\'s OOM killer), and convert the rest', async () => {
    const { inputs, small } = withLargeNotice(16 * 1024 * 1024, { smallToo: true });
    const out = tempDir();
    const running = builtRun({ paths: [inputs], outDir: out, jobs: 2 });
    process.kill(await childRunning('convert-child.js'), 'SIGKILL');
    const { summary, errors } = await running;
    expect(errors).toEqual([
      `${path.join(inputs, 'large.txt')}:1:1: error: Unexpected end of the process converting it (SIGKILL: the machine may have run out of memory), expected a converted notice [internal-error]`,
    ]);
    expect(summary).toMatchObject({ exitCode: 1, converted: small.length, failed: 1 });
    expect(Object.keys(manifestNotices(out)).sort()).toEqual(small.map((name) => name.replace(/\.txt$/, '')).sort());
  });

  it('fail every file with an internal-error, rather than hang or exit 0, when no worker can start', () => {
    const build = buildWith('worker.js', "throw new Error('broken worker');\n");
    // Several runs: a worker failing while the pool is destroyed (tinypool's destroy()) crashed about one run in fifteen.
    for (let run = 0; run < 8; run++) {
      const result = spawnSync(process.execPath, [path.join(build, 'dist', 'cli.js'), 'convert', inputDir, '--out', tempDir(), '--jobs', '2', '--quiet'], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines, result.stderr).toHaveLength(readdirSync(inputDir).length);
      for (const line of lines) expect(line).toMatch(/: error: Unexpected failure of a worker thread \(broken worker\), expected a converted notice \[internal-error\]$/);
    }
  });

  it('report a FIFO named like a notice or its overrides rather than wait on it for ever, and convert the rest', () => {
    const inputs = tempDir();
    for (const name of ['mic-denpa-tsv.txt', 'soumu-saiiken-tsv.txt']) copyFileSync(path.join(inputDir, name), path.join(inputs, name));
    for (const name of ['pipe.txt', 'soumu-saiiken-tsv.pubcom.json']) expect(spawnSync('mkfifo', [path.join(inputs, name)]).status).toBe(0);
    const out = tempDir();
    const result = spawnSync(process.execPath, [cli, 'convert', inputs, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `${path.join(inputs, 'pipe.txt')}:1:1: error: Unexpected special file (a FIFO, socket or device), expected a regular file [read-failed]`,
      `${path.join(inputs, 'soumu-saiiken-tsv.txt')}:1:1: error: Unexpected unreadable soumu-saiiken-tsv.pubcom.json (not a regular file), expected a readable JSON file [overrides-invalid]`,
    ]);
    expect(readdirSync(out)).toContain('mic-denpa-tsv.json');
  });

  it('report a folder it may not read, and convert the rest', () => {
    const inputs = tempDir();
    const locked = path.join(inputs, 'locked');
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'open.txt'));
    mkdirSync(locked);
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(locked, 'shut.txt'));
    // root may read any folder: as root, the CLI runs as nobody (util-linux setpriv), in folders everyone may use.
    const asRoot = process.getuid?.() === 0;
    for (const item of [inputs, path.join(inputs, 'open.txt')]) chmodSync(item, 0o777);
    chmodSync(locked, 0o000);
    const out = path.join(inputs, 'out');
    const command = [...(asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []), process.execPath, cli, 'convert', inputs, '--out', out];
    const result = spawnSync(command[0] as string, command.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
    chmodSync(locked, 0o755);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${locked}:1:1: error: Unexpected unreadable folder (EACCES), expected a folder of notices pubcom may read [read-failed]`);
    expect(readdirSync(out)).toContain('open.json');
  });

  it('report a notice or folder named in Shift_JIS (a Windows zip unpacked), with its name, and convert the rest', () => {
    const inputs = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'utf8.txt'));
    // 結果.txt, 別紙 and 図.png in Shift_JIS bytes (node encodes no Shift_JIS).
    const named = (hex: string, extension = ''): Buffer => Buffer.concat([Buffer.from(`${inputs}/`), Buffer.from(hex, 'hex'), Buffer.from(extension)]);
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), named('8c8b89ca', '.txt'));
    mkdirSync(named('95ca8e86'));
    writeFileSync(named('907d', '.png'), '');
    const { status, stderr } = pubcom(['convert', inputs, '--out', tempDir()]);
    expect(status).toBe(1);
    const fix = `expected a UTF-8 name: rename it (convmv -f cp932 -t utf8 -r --notest ${inputs}) [read-failed]`;
    expect(stderr).toContain(`error: Unexpected file name that is not UTF-8 (as Shift_JIS it reads 結果.txt), ${fix}`);
    expect(stderr).toContain(`error: Unexpected folder name that is not UTF-8 (as Shift_JIS it reads 別紙), ${fix}`);
    expect(stderr.match(/not UTF-8/g), 'no error for 図.png, which is no notice').toHaveLength(2);
    expect([stat(stderr, 'files converted'), stat(stderr, 'files failed')]).toEqual([1, 2]);
  });

  it('report a notice or folder whose name holds a line break, on one line of stderr, and convert the rest', () => {
    const inputs = tempDir();
    const notice = readFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'));
    writeFileSync(path.join(inputs, 'one-line.txt'), notice);
    writeFileSync(path.join(inputs, 'kekka\n.txt'), notice);
    mkdirSync(path.join(inputs, 'annex\r\n'));
    writeFileSync(path.join(inputs, 'annex\r\n', 'inside.txt'), notice);
    writeFileSync(path.join(inputs, 'figure\n.pdf'), '');
    const out = tempDir();
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(1);
    const lines = stderr.split('\n');
    expect(lines).toContain(`${inputs}/kekka\\n.txt:1:1: error: Unexpected line break in a file name, expected a name on one line: rename it [read-failed]`);
    expect(lines).toContain(`${inputs}/annex\\r\\n:1:1: error: Unexpected line break in a folder name, expected a name on one line: rename it [read-failed]`);
    expect(lines, 'a document is only named').toContain(`pubcom: not read: 1 document(s) in the folders given (${inputs}/figure\\n.pdf); pubcom reads notices as text (.txt .tsv .csv .md .html .htm): convert them first`);
    expect([stat(stderr, 'files converted'), stat(stderr, 'files failed')]).toEqual([1, 2]);
    expect(readdirSync(out).filter((name) => /[\r\n]/.test(name)), 'no output named over two lines').toEqual([]);
    const given = pubcom(['convert', path.join(inputs, 'kekka\n.txt'), '--out', out]);
    expect([given.status, given.stderr.split('\n')[0]]).toEqual([1, `${inputs}/kekka\\n.txt:1:1: error: Unexpected line break in a file name, expected a name on one line: rename it [read-failed]`]);
  });

  it('name the links to folders it does not follow, and follow a link to a notice', () => {
    const inputs = tempDir();
    const elsewhere = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(elsewhere, 'linked-notice.txt'));
    symlinkSync(elsewhere, path.join(inputs, 'linked'));
    symlinkSync(path.join(elsewhere, 'linked-notice.txt'), path.join(inputs, 'notice.txt'));
    const { status, stderr } = pubcom(['convert', inputs, '--out', tempDir()]);
    expect(status).toBe(0);
    expect(stderr).toContain(`pubcom: not followed: 1 link(s) to a folder (${path.join(inputs, 'linked')}): give what they lead to as a PATH to convert it`);
    expect(stat(stderr, 'files converted')).toBe(1);
  });

  it('name the hidden folders and notices and the macOS metadata it does not read, and read a hidden notice given as a PATH', () => {
    const inputs = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'notice.txt'));
    // A zip made on a Mac: AppleDouble files (binary, magic 00 05 16 07) beside each file and under __MACOSX/.
    const appleDouble = Buffer.concat([Buffer.from('0005160700020000', 'hex'), Buffer.from('Mac OS X        ')]);
    writeFileSync(path.join(inputs, '._notice.txt'), appleDouble);
    mkdirSync(path.join(inputs, '__MACOSX'));
    writeFileSync(path.join(inputs, '__MACOSX', '._notice.txt'), appleDouble);
    mkdirSync(path.join(inputs, '.git'));
    writeFileSync(path.join(inputs, '.DS_Store'), appleDouble);
    copyFileSync(path.join(inputDir, 'soumu-saiiken-tsv.txt'), path.join(inputs, '.draft.txt'));
    const out = tempDir();
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status, stderr).toBe(0);
    const named = ['._notice.txt', '.draft.txt', '.git'].map((name) => path.join(inputs, name)).join(', ');
    expect(stderr).toContain(`pubcom: not read: 4 hidden file(s) or folder(s) (${named}, and 1 more), as tools and macOS zips leave them: give one as a PATH to convert it`);
    expect(stderr, 'a hidden file that no notice would be is not named').not.toContain('.DS_Store');
    expect(stat(stderr, 'files converted')).toBe(1);
    const given = pubcom(['convert', path.join(inputs, '.draft.txt'), '--out', out, '--quiet']);
    expect(given.status, given.stderr).toBe(0);
    expect(existsSync(path.join(out, '.draft.json'))).toBe(true);
  });

  it('warn of a manifest with a merge conflict in it, on its line, then convert everything again and write it anew', () => {
    const inputs = batch();
    const out = tempDir();
    expect(pubcom(['convert', inputs, '--out', out, '--quiet']).status).toBe(0);
    const manifest = path.join(out, 'pubcom-manifest.json');
    const good = readFileSync(manifest, 'utf8');
    const lines = good.split('\n');
    const conflictLine = lines.findIndex((line) => line.startsWith('    "c1-'));
    lines.splice(conflictLine, 0, '<<<<<<< HEAD');
    writeFileSync(manifest, lines.join('\n'));
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(`${manifest}:${conflictLine + 1}:1: warning: Unexpected text that is not JSON (`);
    expect(stderr).toContain('expected the manifest a run of pubcom wrote: every input is converted again [manifest-invalid]');
    expect([stat(stderr, 'files converted'), stat(stderr, 'files skipped \\(unchanged\\)'), stat(stderr, 'warnings')]).toEqual([30, 0, 1]);
    expect(readFileSync(manifest, 'utf8')).toBe(good);
  });

  it('treat a FIFO in place of the manifest as no manifest rather than wait on it for ever', () => {
    const inputs = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'mic-denpa-tsv.txt'));
    const out = tempDir();
    const manifest = path.join(out, 'pubcom-manifest.json');
    expect(spawnSync('mkfifo', [manifest]).status).toBe(0);
    const check = spawnSync(process.execPath, [cli, 'convert', inputs, '--out', out, '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`differs: ${manifest}`);
    const convert = spawnSync(process.execPath, [cli, 'convert', inputs, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(convert.status, convert.stderr).toBe(0);
    // The FIFO is replaced by the manifest of this run, which the next run reads.
    expect(JSON.parse(readFileSync(manifest, 'utf8')).notices).toHaveProperty('mic-denpa-tsv');
    expect(pubcom(['convert', inputs, '--out', out]).stderr).toMatch(/files skipped \(unchanged\)\s+1/);
  });

  it('report an overrides file that became a FIFO since the last run rather than wait on it while checking what changed', () => {
    const inputs = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'mic-denpa-tsv.txt'));
    const overrides = path.join(inputs, 'mic-denpa-tsv.pubcom.json');
    writeFileSync(overrides, '{}\n');
    const out = tempDir();
    expect(pubcom(['convert', inputs, '--out', out, '--quiet']).status).toBe(0);
    rmSync(overrides);
    expect(spawnSync('mkfifo', [overrides]).status).toBe(0);
    const result = spawnSync(process.execPath, [cli, 'convert', inputs, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${path.join(inputs, 'mic-denpa-tsv.txt')}:1:1: error: Unexpected unreadable mic-denpa-tsv.pubcom.json (not a regular file), expected a readable JSON file [overrides-invalid]\n`);
  });

  it('refuse a file over 64 MiB at once, and convert the rest', () => {
    const inputs = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, 'mic-denpa-tsv.txt'));
    // A sparse file: its size is what is checked, before any byte is read.
    writeFileSync(path.join(inputs, 'dump.txt'), '');
    truncateSync(path.join(inputs, 'dump.txt'), 64 * 1024 * 1024 + 1);
    const out = tempDir();
    const result = spawnSync(process.execPath, [cli, 'convert', inputs, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${path.join(inputs, 'dump.txt')}:1:1: error: Unexpected file of 67,108,865 bytes, expected a notice of at most 67,108,864 (64 MiB): split it [file-too-large]\n`);
    expect(readdirSync(out)).toContain('mic-denpa-tsv.json');
  });

  it('print diagnostics in input order whatever the worker that finished first', () => {
    const inputs = batch();
    const runs = [1, 2].map((jobs) => pubcom(['convert', inputs, '--out', tempDir(), '--jobs', String(jobs), '--verbose', '--quiet']).stderr);
    expect(runs[1]).toBe(runs[0]);
    expect(runs[0]?.split('\n').filter(Boolean).length).toBeGreaterThan(30);
  });
});

describe('the manifest', () => {
  it('skips unchanged inputs, reconverts changed ones, and --force converts all', () => {
    const inputs = batch();
    const out = tempDir();
    expect(stat(pubcom(['convert', inputs, '--out', out]).stderr, 'files converted')).toBe(30);
    const manifest = readFileSync(path.join(out, 'pubcom-manifest.json'), 'utf8');
    expect(manifest).not.toMatch(/\d{4}-\d{2}-\d{2}T|\/tmp\//);

    const again = pubcom(['convert', inputs, '--out', out]);
    expect([stat(again.stderr, 'files converted'), stat(again.stderr, 'files skipped \\(unchanged\\)')]).toEqual([0, 30]);
    expect(readFileSync(path.join(out, 'pubcom-manifest.json'), 'utf8')).toBe(manifest);

    const changed = path.join(inputs, 'c0-mic-denpa-tsv.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('意見1-2 ', '意見1-2 (改) '));
    writeFileSync(path.join(inputs, 'c1-fsa-kantoku-gfm.pubcom.json'), '{"respondent": "金融庁監督局"}');
    const partly = pubcom(['convert', inputs, '--out', out]);
    expect([stat(partly.stderr, 'files converted'), stat(partly.stderr, 'files skipped \\(unchanged\\)')]).toEqual([2, 28]);
    expect(readFileSync(path.join(out, 'c0-mic-denpa-tsv.json'), 'utf8')).toContain('(改)');
    expect(readFileSync(path.join(out, 'c1-fsa-kantoku-gfm.json'), 'utf8')).toContain('金融庁監督局');

    const forced = pubcom(['convert', inputs, '--out', out, '--force']);
    expect(stat(forced.stderr, 'files converted')).toBe(30);
  });

  it('leaves untouched, dates and all, the outputs a notice converts to again (--force), and replaces only those that change', () => {
    const inputs = tempDir();
    for (const name of ['mic-denpa-tsv.txt', 'fsa-kantoku-gfm.md']) copyFileSync(path.join(inputDir, name), path.join(inputs, name));
    const out = tempDir();
    expect(pubcom(['convert', inputs, '--out', out]).status).toBe(0);
    const before = contents(out);
    // Dated 2000-01-01: a file written again is a new one, dated now.
    const old = new Date('2000-01-01T00:00:00Z');
    for (const name of before.keys()) utimesSync(path.join(out, name), old, old);
    const changed = path.join(inputs, 'mic-denpa-tsv.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('意見1-2 ', '意見1-2 (改) '));

    expect(pubcom(['convert', inputs, '--out', out, '--force']).status).toBe(0);
    const after = contents(out);
    const differing = [...after.keys()].filter((name) => after.get(name) !== before.get(name));
    const written = [...after.keys()].filter((name) => statSync(path.join(out, name)).mtimeMs !== old.getTime());
    expect(written).toEqual(differing);
    // The changed opinion's notice: its JSON, JSON-LD, opinions table and notice table (the input's sha256); and the manifest, which records the new input.
    expect(written).toEqual(['mic-denpa-tsv.json', 'mic-denpa-tsv.jsonld', 'mic-denpa-tsv.notice.csv', 'mic-denpa-tsv.opinions.csv', 'pubcom-manifest.json']);
  });

  it("lists as each notice's outputs exactly the files written, whatever --format", () => {
    for (const format of ['json', 'jsonld', 'csv', 'csv,json', 'json,jsonld,csv']) {
      const out = tempDir();
      pubcom(['convert', inputDir, '--out', out, '--format', format, '--quiet']);
      const listed = Object.values(manifestNotices(out)).flatMap(({ outputs }) => outputs);
      expect(listed.length, format).toBeGreaterThan(0);
      expect([...listed].sort(), format).toEqual(readdirSync(out).filter((name) => name !== 'pubcom-manifest.json').sort());
    }
  });

  it("leaves pubcom's own outputs out of the inputs: an output folder among them, an earlier run's, or outputs beside the notices", () => {
    const inputs = batch();
    const earlier = path.join(inputs, 'earlier');
    pubcom(['convert', inputDir, '--out', earlier, '--quiet']);
    for (const run of [1, 2]) {
      const { status, stderr } = pubcom(['convert', inputs, '--out', path.join(inputs, 'out')]);
      expect(status, `run ${run}`).toBe(0);
      expect(stderr).toContain(`pubcom: not read: ${earlier}, holding pubcom-manifest.json: pubcom's outputs, not notices`);
      expect([stat(stderr, 'files converted'), stat(stderr, 'files skipped \\(unchanged\\)')]).toEqual(run === 1 ? [30, 0] : [0, 30]);
    }
    const beside = batch();
    writeFileSync(path.join(beside, 'c0-fsa-kantoku-gfm.pubcom.json'), '{"respondent": "金融庁監督局"}');
    for (const run of [1, 2]) {
      const { status, stderr } = pubcom(['convert', beside, '--out', beside]);
      expect(status, `run ${run}`).toBe(0);
      expect([stat(stderr, 'files converted'), stat(stderr, 'files skipped \\(unchanged\\)')]).toEqual(run === 1 ? [30, 0] : [0, 30]);
    }
    // Nor is an overrides file there an output no input produces.
    expect(pubcom(['convert', beside, '--out', beside, '--check']).stdout).toBe('');
    // Under other settings nothing is skipped, but the outputs the manifest lists are still no inputs (their CSV files would read as notices).
    const { status, stderr } = pubcom(['convert', beside, '--out', beside, '--bom']);
    expect(status, stderr).toBe(0);
    expect([stat(stderr, 'files converted'), stat(stderr, 'files skipped \\(unchanged\\)')]).toEqual([30, 0]);
  });

  it('leaves the outputs beside the notices out of the inputs when the folder is given through a link and --out names it otherwise', () => {
    const archive = batch();
    const link = path.join(tempDir(), 'archive');
    symlinkSync(archive, link);
    // As `cd /srv/link && pubcom convert /srv/link --out .` runs, the working folder being the real one.
    for (const [run, out] of [[1, archive], [2, archive], [3, path.join(link, '.')]] as const) {
      const { status, stderr } = pubcom(['convert', link, '--out', out]);
      expect(status, `run ${run}: ${stderr}`).toBe(0);
      expect([stat(stderr, 'files converted'), stat(stderr, 'files skipped \\(unchanged\\)')], `run ${run}`).toEqual(run === 1 ? [30, 0] : [0, 30]);
    }
    // The inputs, seven outputs per notice (JSON, JSON-LD, five CSV tables) and the manifest.
    expect(readdirSync(archive)).toHaveLength(30 + 30 * 7 + 1);
  });

  it('with --prune removes the outputs and entries of notices no longer among the inputs, leaving what a conversion from scratch leaves', () => {
    const inputs = batch();
    const out = tempDir();
    pubcom(['convert', inputs, '--out', out, '--quiet']);
    rmSync(path.join(inputs, 'c0-mic-denpa-tsv.txt'));
    renameSync(path.join(inputs, 'c1-caa-hyoji-html.html'), path.join(inputs, 'c1-renamed.html'));
    writeFileSync(path.join(out, 'notes.json'), '{}\n'); // the archivist's own file

    // Without --prune the outputs of the notices gone stay, and --check (with --prune too) lists them, removing nothing.
    expect(stat(pubcom(['convert', inputs, '--out', out]).stderr, 'files converted')).toBe(1);
    const gone = ['c0-mic-denpa-tsv', 'c1-caa-hyoji-html'].flatMap((id) => manifestNotices(out)[id]?.outputs ?? []);
    expect(gone).toHaveLength(14);
    const check = pubcom(['convert', inputs, '--out', out, '--check', '--prune']);
    expect(check.status).toBe(1);
    for (const name of [...gone, 'pubcom-manifest.json']) expect(check.stdout).toContain(`differs: ${path.join(out, name)}\n`);
    expect(gone.every((name) => existsSync(path.join(out, name)))).toBe(true);

    const pruned = pubcom(['convert', inputs, '--out', out, '--prune']);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toContain('pubcom: removed the outputs of 2 notice(s) no longer among the inputs (--prune): c0-mic-denpa-tsv, c1-caa-hyoji-html\n');
    expect([stat(pruned.stderr, 'files skipped \\(unchanged\\)'), stat(pruned.stderr, 'notices removed \\(--prune\\)')]).toEqual([29, 2]);
    expect(gone.filter((name) => existsSync(path.join(out, name)))).toEqual([]);
    const fresh = tempDir();
    pubcom(['convert', inputs, '--out', fresh, '--quiet']);
    writeFileSync(path.join(fresh, 'notes.json'), '{}\n');
    expect(contents(out)).toEqual(contents(fresh));
    expect(pubcom(['convert', inputs, '--out', out, '--prune']).stderr).not.toContain('removed');
  });

  it('with --prune removes them whatever build wrote the manifest, only the files named as the notice\'s own, and warns of one it cannot remove', () => {
    const inputs = tempDir();
    for (const [name, as] of [['mic-denpa-tsv.txt', 'a.txt'], ['soumu-saiiken-tsv.txt', 'b.txt']] as const) copyFileSync(path.join(inputDir, name), path.join(inputs, as));
    const parent = tempDir();
    const out = path.join(parent, 'out');
    pubcom(['convert', inputs, '--out', out, '--quiet']);
    rmSync(path.join(inputs, 'b.txt'));
    // The manifest of another build, edited by hand: b's entry names files that are not b's.
    const manifestFile = path.join(out, 'pubcom-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { build: string; notices: Record<string, { outputs: string[] }> };
    manifest.build = 'an earlier build';
    manifest.notices['b']?.outputs.push('a.json', '../outside.json', 'b.json/../a.jsonld', 'pubcom-manifest.json', 'b.pubcom.json');
    writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
    writeFileSync(path.join(parent, 'outside.json'), '{}\n');
    writeFileSync(path.join(out, 'b.pubcom.json'), '{}\n');
    // A folder where b.jsonld was: no rm without --recursive removes it.
    rmSync(path.join(out, 'b.jsonld'));
    mkdirSync(path.join(out, 'b.jsonld'));
    writeFileSync(path.join(out, 'b.jsonld', 'kept.txt'), '');

    const { status, stderr } = pubcom(['convert', inputs, '--out', out, '--prune']);
    expect(status).toBe(0);
    expect(stderr).toContain('pubcom: removed the outputs of 1 notice(s) no longer among the inputs (--prune): b\n');
    expect(stderr).toMatch(new RegExp(`^${path.join(out, 'b.jsonld').replace(/[.]/g, '\\.')}:1:1: warning: Unexpected failure removing the output of a notice no longer among the inputs \\(\\w+\\), expected to remove it \\(--prune\\): remove it by hand \\[write-failed\\]$`, 'm'));
    expect(readdirSync(out).sort()).toEqual(['a.comments.csv', 'a.json', 'a.jsonld', 'a.notice.csv', 'a.opinions.csv', 'a.refs.csv', 'a.submitters.csv', 'b.jsonld', 'b.pubcom.json', 'pubcom-manifest.json']);
    expect(existsSync(path.join(parent, 'outside.json'))).toBe(true);
    expect(Object.keys(manifestNotices(out))).toEqual(['a']);
  });

  it('with --prune removes nothing where the batch may be incomplete: a PATH mistyped, or no notice found (a disk not mounted)', () => {
    const inputs = batch();
    const more = tempDir();
    copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(more, 'more.txt'));
    const out = tempDir();
    pubcom(['convert', inputs, more, '--out', out, '--quiet']);
    const before = contents(out);
    // The second folder mistyped: its notice is not gone from the archive.
    const mistyped = pubcom(['convert', inputs, `${more}-typo`, '--out', out, '--prune']);
    expect(mistyped.status).toBe(1);
    expect(mistyped.stderr).toContain('pubcom: not pruned (--prune): some PATH or file could not be read, so which notices are gone from the archive is not known; nothing was removed\n');
    const empty = pubcom(['convert', tempDir(), '--out', out, '--prune']);
    expect(empty.stderr).toContain('pubcom: not pruned (--prune): no notice was found, so which notices are gone from the archive is not known; nothing was removed\n');
    expect(contents(out)).toEqual(before);
  });

  it('of thousands of notices, read an entry at a time, skips, prunes and leaves its outputs out of the inputs as a small one does', () => {
    // Outputs beside the notices: their CSV files would be read as notices but for the manifest's list of them.
    const inputs = batch();
    pubcom(['convert', inputs, '--out', inputs, '--quiet']);
    const manifestFile = path.join(inputs, 'pubcom-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { notices: Record<string, unknown> };
    const [recorded] = Object.values(manifest.notices);
    const gone = Array.from({ length: 6000 }, (_, index) => `gone-${String(index).padStart(4, '0')}`);
    for (const id of gone) manifest.notices[id] = { ...(recorded as object), file: `${id}.txt`, outputs: [`${id}.json`] };
    writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
    expect(statSync(manifestFile).size, 'over 1 MiB').toBeGreaterThan(1024 * 1024);
    writeFileSync(path.join(inputs, 'gone-0001.json'), '{}\n');

    const again = pubcom(['convert', inputs, '--out', inputs]);
    expect(again.status).toBe(0);
    expect([stat(again.stderr, 'files converted'), stat(again.stderr, 'files skipped \\(unchanged\\)')]).toEqual([0, 30]);
    expect(Object.keys(manifestNotices(inputs))).toHaveLength(30 + gone.length);

    const pruned = pubcom(['convert', inputs, '--out', inputs, '--prune']);
    expect(pruned.stderr).toContain('pubcom: removed the outputs of 6000 notice(s) no longer among the inputs (--prune): gone-0000, gone-0001, gone-0002, and 5997 more\n');
    expect([stat(pruned.stderr, 'files converted'), stat(pruned.stderr, 'files skipped \\(unchanged\\)')]).toEqual([0, 30]);
    expect(existsSync(path.join(inputs, 'gone-0001.json'))).toBe(false);
    expect(Object.keys(manifestNotices(inputs))).toHaveLength(30);
  });

  it('of thousands of notices, read an entry at a time, is warned of as a small one is when an entry cannot be used', () => {
    const { inputs, out, manifestFile } = convertedWithLargeManifest((notices) => (notices['gone-9'] = { file: 'gone-9.txt', sha256: 9 }));
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(0);
    expect(stderr).toContain(`${manifestFile}:1:1: warning: Unexpected manifest field notices.gone-9.sha256: Invalid input: expected string, received number, expected the manifest a run of pubcom wrote: every input is converted again [manifest-invalid]\n`);
    expect(stat(stderr, 'files converted')).toBe(30);
    expect(Object.keys(manifestNotices(out))).toHaveLength(30);
  });

  it('written after every file, is the manifest a run that writes it once at the end leaves, a notice changed or failing since included', async () => {
    const inputs = batch();
    const [everyFile, atEnd] = [tempDir(), tempDir()];
    const manifestsAfterRuns = async (): Promise<Array<[number, string]>> =>
      Promise.all(
        ([[everyFile, 0], [atEnd, 3_600_000]] as const).map(async ([out, checkpointMs]): Promise<[number, string]> => {
          const { summary } = await builtRun({ paths: [inputs], outDir: out, jobs: 1, checkpointMs });
          return [summary.exitCode, readFileSync(path.join(out, 'pubcom-manifest.json'), 'utf8')];
        }),
      );
    const [first, firstAtEnd] = await manifestsAfterRuns();
    expect(first).toEqual(firstAtEnd);
    expect([first?.[0], Object.keys(JSON.parse(first?.[1] ?? '{}').notices)]).toEqual([0, readdirSync(inputs).map((name) => name.replace(/\.\w+$/, '')).sort()]);
    // Again, one notice changed and one emptied: an error, so that no entry vouches for its outputs.
    const changed = path.join(inputs, 'c0-mic-denpa-tsv.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('意見1-2 ', '意見1-2 (改) '));
    writeFileSync(path.join(inputs, 'c3-fsa-kantoku-gfm.md'), '');
    const [second, secondAtEnd] = await manifestsAfterRuns();
    expect(second).toEqual(secondAtEnd);
    const notices = JSON.parse(second?.[1] ?? '{}').notices as Record<string, { sha256: string }>;
    expect([second?.[0], Object.keys(notices).length, 'c3-fsa-kantoku-gfm' in notices]).toEqual([1, 29, false]);
    expect(notices['c0-mic-denpa-tsv']?.sha256).toBe(sha256OfFile(changed));
  });

  it('reconverts an input whose outputs were deleted', () => {
    const inputs = batch();
    const out = tempDir();
    pubcom(['convert', inputs, '--out', out]);
    writeFileSync(path.join(out, 'c2-caa-hyoji-html.json'), '');
    rmSync(path.join(out, 'c3-caa-hyoji-html.refs.csv'));
    const again = pubcom(['convert', inputs, '--out', out]);
    expect(stat(again.stderr, 'files converted')).toBe(1);
  });

  it('that cannot be written is a warning, counted in the summary, and the outputs are written all the same', () => {
    const inputs = batch();
    const out = tempDir();
    // A folder in its place: the rename onto it fails, as a write onto a full disk would.
    const manifest = path.join(out, 'pubcom-manifest.json');
    mkdirSync(path.join(manifest, 'in-the-way'), { recursive: true });
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(
      `${manifest}:1:1: warning: Unexpected failure writing the manifest (EISDIR), expected to write it: it is left as it was, and the next run converts again every notice whose entry there does not match [write-failed]\n`,
    );
    expect([stat(stderr, 'files converted'), stat(stderr, 'warnings')]).toEqual([30, 1]);
    expect(readdirSync(out).filter((name) => name.endsWith('.jsonld'))).toHaveLength(30);
    expect(readdirSync(manifest)).toEqual(['in-the-way']);
  });

  it('does not vouch for inputs that a run under other settings (or another build) left alone', () => {
    const inputs = batch();
    const out = tempDir();
    pubcom(['convert', inputs, '--out', out]);
    // One file alone with --bom: the manifest now speaks for that setting, and the 29 others were not converted with it.
    pubcom(['convert', path.join(inputs, 'c0-mic-denpa-tsv.txt'), '--out', out, '--bom']);
    expect(Object.keys(manifestNotices(out))).toEqual(['c0-mic-denpa-tsv']);
    const all = pubcom(['convert', inputs, '--out', out, '--bom']);
    expect([stat(all.stderr, 'files converted'), stat(all.stderr, 'files skipped \\(unchanged\\)')]).toEqual([29, 1]);
    expect(readFileSync(path.join(out, 'c5-soumu-saiiken-tsv.opinions.csv')).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  });

  it('leaves, when killed midway, the manifest of the notices it converted, which the next run skips', async () => {
    const inputs = manyNotices();
    const out = tempDir();
    // The batch in a process of its own (to be killed), writing its manifest after every file rather than every 30 s. The script is
    // CommonJS: its workers would inherit --input-type=module, and reject it.
    const options = { paths: [inputs], outDir: out, formats: FORMATS, bom: false, check: false, verbose: false, jobs: 1, checkpointMs: 0 };
    const script = `import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'run.js')).href)}).then(({ run }) => run(${JSON.stringify(options)}, { out() {}, err() {} }));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (!existsSync(path.join(out, 'pubcom-manifest.json')) && child.exitCode === null) await sleep(10);
    child.kill('SIGKILL');
    await exited;
    expectResumable(inputs, out);
  });

  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`stops on ${signal} once the notices in progress are done, with its manifest and summary, and exits ${status}`, async () => {
      const inputs = manyNotices();
      const out = tempDir();
      const { child, stderr, exited } = spawnBatch(inputs, out);
      await untilConverted(out, 5, child);
      child.kill(signal);
      expect(await exited).toBe(status);
      expect(stderr()).toContain(`pubcom: stopping once the notices in progress are done (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again stops at once)`);
      // Every notice that started was finished: the summary's counts add up, and the manifest vouches for all the converted ones.
      const [converted, stopped] = [stat(stderr(), 'files converted'), stat(stderr(), 'files not converted \\(stopped\\)')];
      expect(converted + stopped).toBe(200);
      expect(Object.keys(manifestNotices(out)).length).toBe(converted);
      expectResumable(inputs, out);
    });
  }

  it('converts the whole batch and writes its manifest when the reader of its diagnostics goes away (`2>&1 | head -1`)', async () => {
    const inputs = manyNotices();
    for (let n = 0; n < 50; n++) writeFileSync(path.join(inputs, `bad${n}.txt`), 'no opinion table here\n');
    const out = tempDir();
    const { child, exited } = spawnBatch(inputs, out, '--jobs', '1');
    // The first diagnostic read, the pipe is closed: the next write to it fails with EPIPE.
    await new Promise((resolve) => child.stderr.once('data', resolve));
    child.stderr.destroy();
    expect(await exited).toBe(1);
    expect(Object.keys(manifestNotices(out))).toHaveLength(200);
  });

  it('stops at once on a second signal, saving the manifest of the notices converted so far', async () => {
    const inputs = manyNotices();
    const out = tempDir();
    const { child, stderr, exited } = spawnBatch(inputs, out);
    // A worker writes a notice's outputs before the batch hears of it: wait until the batch has surely recorded some (on a loaded
    // machine, five outputs on disk once were none recorded yet, and a manifest of none is not written).
    await untilConverted(out, 20, child);
    // Two kinds of signal: two pending SIGINTs would be delivered as one.
    child.kill('SIGTERM');
    child.kill('SIGINT');
    expect([130, 143]).toContain(await exited);
    expect(stderr()).toMatch(/pubcom: stopping once the notices in progress are done .*\npubcom: interrupted; the manifest lists the notices converted so far, and the next run skips them\n$/);
    expectResumable(inputs, out);
  });
});

/** The CLI converting `inputs` into `out` in a process of its own: `stderr()` is what it has printed there so far, `exited` its exit status. */
/** The 30 notices of {@link batch} converted, their manifest then given 6,000 more entries (over 1 MiB, read in pieces of 64 KB), and `tamper` applied. */
function convertedWithLargeManifest(tamper: (notices: Record<string, unknown>) => void = () => {}): { inputs: string; out: string; manifestFile: string } {
  const inputs = batch();
  const out = tempDir();
  pubcom(['convert', inputs, '--out', out, '--quiet']);
  const manifestFile = path.join(out, 'pubcom-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { notices: Record<string, unknown> };
  for (let index = 0; index < 6000; index++) manifest.notices[`gone-${index}`] = { file: `gone-${index}.txt`, sha256: 'a'.repeat(64), overridesSha256: null, outputs: [] };
  tamper(manifest.notices);
  writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
  expect(statSync(manifestFile).size, 'over 1 MiB').toBeGreaterThan(1024 * 1024);
  return { inputs, out, manifestFile };
}

function spawnBatch(inputs: string, out: string, ...options: string[]): { child: ChildProcessByStdio<null, null, Readable>; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, 'convert', inputs, '--out', out, ...options], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return { child, stderr: () => stderr, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** Until `out` holds the JSON of `count` notices, or `child` has ended. */
async function untilConverted(out: string, count: number, child: ChildProcess): Promise<void> {
  while (readdirSync(out).filter((name) => name.endsWith('.json')).length < count && child.exitCode === null) await sleep(10);
}

function manifestNotices(out: string): Record<string, { outputs: string[] }> {
  return (JSON.parse(readFileSync(path.join(out, 'pubcom-manifest.json'), 'utf8')) as { notices: Record<string, { outputs: string[] }> }).notices;
}

/** 200 notices: the five of input/ forty times under other names. */
function manyNotices(): string {
  const inputs = tempDir();
  for (let copy = 0; copy < 40; copy++) {
    for (const name of readdirSync(inputDir)) copyFileSync(path.join(inputDir, name), path.join(inputs, `c${String(copy).padStart(2, '0')}-${name}`));
  }
  return inputs;
}

/** A batch of {@link manyNotices} stopped midway left a manifest that vouches only for outputs that exist, and the next run converts exactly the rest. */
function expectResumable(inputs: string, out: string): void {
  const notices = manifestNotices(out);
  const vouched = Object.keys(notices).length;
  expect(vouched).toBeGreaterThan(0);
  expect(vouched).toBeLessThan(200);
  for (const { outputs } of Object.values(notices)) for (const name of outputs) expect(existsSync(path.join(out, name)), name).toBe(true);
  const again = pubcom(['convert', inputs, '--out', out]);
  expect(again.status).toBe(0);
  expect([stat(again.stderr, 'files converted'), stat(again.stderr, 'files skipped \\(unchanged\\)')]).toEqual([200 - vouched, vouched]);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('shards', () => {
  it('are disjoint and their union is the whole batch', () => {
    const inputs = batch();
    const whole = tempDir();
    pubcom(['convert', inputs, '--out', whole, '--quiet']);
    const seen: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = tempDir();
      expect(pubcom(['convert', inputs, '--out', out, '--shard', shard, '--quiet']).status).toBe(0);
      const names = readdirSync(out).filter((name) => name !== 'pubcom-manifest.json');
      for (const name of names) expect(readFileSync(path.join(out, name), 'utf8'), name).toBe(readFileSync(path.join(whole, name), 'utf8'));
      seen.push(...names);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(readdirSync(whole).filter((name) => name !== 'pubcom-manifest.json').sort());
  });

  it('converting into one folder at once (GNU parallel) leave one manifest of them all, which a whole run then skips', async () => {
    const inputs = manyNotices();
    const out = tempDir();
    const shards = [1, 2, 3, 4].map((index) => spawnBatch(inputs, out, '--shard', `${index}/4`, '--jobs', '1'));
    expect(await Promise.all(shards.map(({ exited }) => exited))).toEqual([0, 0, 0, 0]);
    for (const { stderr } of shards) expect(stderr()).toMatch(/ errors +0\n/);
    expect(Object.keys(manifestNotices(out))).toHaveLength(200);
    const whole = pubcom(['convert', inputs, '--out', out]);
    expect([stat(whole.stderr, 'files converted'), stat(whole.stderr, 'files skipped \\(unchanged\\)')]).toEqual([0, 200]);
  });

  it('writing their manifest after every file, each keep what the other wrote between two of its writes', async () => {
    const inputs = batch();
    const out = tempDir();
    // Both in this process, their writes interleaved: each run reads the manifest again only when another has replaced it since its own last write.
    const shards = await Promise.all([1, 2].map((index) => builtRun({ paths: [inputs], outDir: out, jobs: 1, shard: { index, count: 2 }, checkpointMs: 0 })));
    for (const { summary, errors } of shards) expect([summary.exitCode, errors]).toEqual([0, []]);
    expect(shards.map(({ summary }) => summary.converted).every((converted) => converted > 0)).toBe(true);
    expect(Object.keys(manifestNotices(out))).toHaveLength(30);
  });

  it('writing after another writer left the manifest in a form of its own, keep what it lists', async () => {
    const inputs = batch();
    const out = tempDir();
    const file = path.join(out, 'pubcom-manifest.json');
    // Once the run has written its manifest, another writer replaces it: the same head, the entries out of order, one more of its own.
    // The run then reads it whole, as it cannot read it a piece at a time.
    let replaced = false;
    const replace = (): void => {
      if (!existsSync(file)) return void setTimeout(replace, 1);
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { notices: Record<string, unknown> };
      const other = { file: 'zz-other.txt', sha256: '0'.repeat(64), overridesSha256: null, outputs: ['zz-other.json'] };
      writeFileSync(file, JSON.stringify({ ...manifest, notices: Object.fromEntries([['zz-other', other], ...Object.entries(manifest.notices).reverse()]) }));
      replaced = true;
    };
    replace();
    const { summary, errors } = await builtRun({ paths: [inputs], outDir: out, jobs: 1, checkpointMs: 0 });
    expect([summary.exitCode, errors, replaced]).toEqual([0, [], true]);
    const text = readFileSync(file, 'utf8');
    expect(text, 'written as pubcom writes it').toBe(JSON.stringify(JSON.parse(text), undefined, 2) + '\n');
    const ids = Object.keys(manifestNotices(out));
    expect(ids).toHaveLength(31);
    expect(ids).toContain('zz-other');
    expect(ids).toEqual([...ids].sort());
  });

  it('take over the lock on the manifest that a killed run left', () => {
    const out = tempDir();
    const lock = path.join(out, '.pubcom-manifest.json.lock');
    writeFileSync(lock, '');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(pubcom(['convert', inputDir, '--out', out, '--shard', '1/2', '--quiet']).status).toBe(0);
    expect(Object.keys(manifestNotices(out)).length).toBeGreaterThan(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("leave the temporary files in the folder alone: they may be another shard's, being written", () => {
    const out = tempDir();
    const temporary = path.join(out, '.other.json.0123456789ab.tmp');
    writeFileSync(temporary, '{');
    expect(pubcom(['convert', inputDir, '--out', out, '--shard', '1/2', '--quiet']).status).toBe(0);
    expect(existsSync(temporary)).toBe(true);
    expect(pubcom(['convert', inputDir, '--out', out, '--quiet']).status).toBe(0);
    expect(existsSync(temporary), 'a run of the whole batch removes what runs before it left').toBe(false);
  });

  it("leave alone the temporary files of another run converting into the folder at this moment, and remove a killed run's", () => {
    const out = tempDir();
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const temporaryOf = (pid: number, target = 'n.json'): string => path.join(out, `.${target}.${pid.toString(16).padStart(8, '0')}a1b2.tmp`);
    // This test's process stands for the other run, still writing.
    for (const pid of [process.pid, ended]) writeFileSync(temporaryOf(pid), '{');
    // A folder of such a name is no file pubcom left: it stays, and the batch converts (it ended in an internal error).
    const folder = temporaryOf(ended, 'folder.json');
    mkdirSync(folder);
    const { status, stderr } = pubcom(['convert', inputDir, '--out', out, '--quiet']);
    expect(status, stderr).toBe(0);
    expect([existsSync(temporaryOf(process.pid)), existsSync(temporaryOf(ended)), existsSync(folder)]).toEqual([true, false, true]);
  });

  it('each find an up-to-date folder up to date with --check, though it holds the other shards\' outputs', () => {
    const out = tempDir();
    expect(pubcom(['convert', inputDir, '--out', out, '--quiet']).status).toBe(0);
    for (const shard of ['1/2', '2/2']) expect(pubcom(['convert', inputDir, '--out', out, '--check', '--shard', shard]).stdout, shard).toBe('');
  });

  it('name outputs as the whole batch does: two notices of one name in two shards are a duplicate-name, not one output written twice', () => {
    // Two folders whose kekka.txt fall in different shards of two.
    const [first, second] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((a, i, all) => all.slice(i + 1).map((b) => [a, b])).find(([a, b]) => inShard(`${a}/kekka.txt`, { index: 1, count: 2 }) !== inShard(`${b}/kekka.txt`, { index: 1, count: 2 })) as [string, string];
    const inputs = tempDir();
    for (const folder of [first, second]) {
      mkdirSync(path.join(inputs, folder));
      copyFileSync(path.join(inputDir, 'mic-denpa-tsv.txt'), path.join(inputs, folder, 'kekka.txt'));
    }
    const out = tempDir();
    const stderr = ['1/2', '2/2'].map((shard) => pubcom(['convert', inputs, '--out', out, '--shard', shard]).stderr).join('');
    expect(stderr).toContain(`${path.join(inputs, second, 'kekka.txt')}:1:1: error: Unexpected second input named kekka, expected one input per output name (first: ${path.join(inputs, first, 'kekka.txt')})`);
    expect(stderr.match(/files converted +1\n/g)).toHaveLength(1);
  });

  it('split by path hash, the same on every machine', () => {
    const paths = Array.from({ length: 200 }, (_, n) => `archive/2018/notice-${n}.txt`);
    const sizes = [1, 2, 3, 4].map((index) => paths.filter((p) => inShard(p, { index, count: 4 })).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(200);
    for (const size of sizes) expect(size).toBeGreaterThan(25);
    expect(inShard('archive/2018/notice-7.txt', { index: 1, count: 1 })).toBe(true);
  });

  it('hold the same notices wherever the archive is, given by an absolute or a relative path', () => {
    const archive = batch();
    const copy = path.join(tempDir(), 'mounted-elsewhere');
    cpSync(archive, copy, { recursive: true });
    const shardOf = (root: string, cwd: string): string[] => {
      const out = tempDir();
      const result = spawnSync(process.execPath, [cli, 'convert', root, '--out', out, '--shard', '2/3', '--quiet'], { cwd, encoding: 'utf8' });
      expect(result.status).toBe(0);
      return readdirSync(out).sort();
    };
    const here = shardOf(archive, root);
    expect(here.length).toBeGreaterThan(1);
    expect(shardOf(path.basename(copy), path.dirname(copy))).toEqual(here);
  });

  it('refuses a malformed --shard or --jobs as a usage error', () => {
    for (const args of [['--shard', '0/3'], ['--shard', '4/3'], ['--shard', 'x'], ['--jobs', '0'], ['--jobs', 'two']]) {
      expect(pubcom(['convert', inputDir, '--out', tempDir(), ...args]).status).toBe(2);
    }
  });
});

describe('progress and summary', () => {
  it('draws no progress bar when stderr is not a terminal, but prints the summary table', () => {
    const { stderr } = pubcom(['convert', inputDir, '--out', tempDir()]);
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('ETA');
    expect(stderr).toMatch(/^pubcom: 5 files\n  files converted +5\n  files skipped \(unchanged\) +0\n  files failed +0\n  opinions +55\n  comments +70\n/m);
  });

  it('draws no progress bar when stdout is redirected, even with stderr on a terminal', () => {
    const out = tempDir();
    const log = path.join(tempDir(), 'stdout.log');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} convert ${JSON.stringify(inputDir)} --out ${JSON.stringify(out)} --jobs 1 > ${JSON.stringify(log)}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('files converted');
    expect(result.stdout).not.toContain('ETA');
  });

  it('draws the progress bar on a terminal (util-linux `script` gives the CLI one)', () => {
    const out = tempDir();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} convert ${JSON.stringify(inputDir)} --out ${JSON.stringify(out)} --jobs 1`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\r\[=+ *\] 5\/5 files · 55 opinions · 0 warnings · 0 errors · ETA /);
    expect(result.stdout).toContain('files converted');
  });

  it('prints each diagnostic on a line of its own, not after the bar', () => {
    const inputs = tempDir();
    for (const name of readdirSync(inputDir)) copyFileSync(path.join(inputDir, name), path.join(inputs, name));
    writeFileSync(path.join(inputs, 'zz-bad.txt'), 'no opinion table here\n');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} convert ${JSON.stringify(inputs)} --out ${JSON.stringify(tempDir())} --jobs 1`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ETA /);
    // What the terminal shows of each line is what follows its last carriage return: the diagnostic alone.
    const shown = result.stdout.split('\n').map((line) => line.replace(/\r$/, '').split('\r').at(-1) ?? '');
    expect(shown.filter((line) => line.includes('zz-bad.txt:1:1: error:'))).toEqual([expect.stringMatching(/^\u001b\[K[^\u001b]*zz-bad\.txt:1:1: error: [^\u001b]*$/)]);
  });

  it('--quiet prints neither', () => {
    expect(pubcom(['convert', inputDir, '--out', tempDir(), '--quiet']).stderr).toBe('');
  });

  it('renders files, opinions, warnings, errors and an ETA', () => {
    const line = renderProgress({ done: 250, skipped: 0, total: 1000, opinions: 3000, warnings: 4, errors: 1 }, 30_000, 120);
    expect(line).toBe('[========                      ] 250/1000 files · 3000 opinions · 4 warnings · 1 errors · ETA 1:30');
    expect(renderProgress({ done: 0, skipped: 0, total: 10, opinions: 0, warnings: 0, errors: 0 }, 0, 80)).toContain('ETA --:--');
  });

  it('writes, in a log, the same counts on a line of their own once a minute, none once the batch is done', () => {
    let now = 0;
    const lines: string[] = [];
    const log = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const progress = createProgress(log, 'log', () => now);
    const state = { done: 0, skipped: 0, total: 1_000, opinions: 0, warnings: 2, errors: 0 };
    // A file every 150 ms from the start: 401 by the first minute, 801 by the second, 1,000 in two and a half.
    for (; state.done < state.total; now += 150) {
      state.done++;
      state.opinions += 10;
      progress.update(state);
      progress.clear();
    }
    expect(lines).toEqual(['pubcom: 401/1000 files · 4010 opinions · 2 warnings · 0 errors · ETA 1:30\n', 'pubcom: 801/1000 files · 8010 opinions · 2 warnings · 0 errors · ETA 0:30\n']);
  });

  it('leaves the files skipped as unchanged, and the time skipping them took, out of the ETA', () => {
    // A re-run after a fix: 9,000 files skipped in 2 s, then 100 converted in 10 s; the 900 left take 90 s more, not 1 s.
    let now = 0;
    let drawn = '';
    const stream = { columns: 120, write: (text: string) => (drawn = text) } as unknown as NodeJS.WriteStream;
    const progress = createProgress(stream, 'bar', () => now);
    const state = { done: 0, skipped: 0, total: 10_000, opinions: 0, warnings: 0, errors: 0 };
    for (; state.skipped < 9_000; now += 2_000 / 9_000) {
      state.done = ++state.skipped;
      progress.update(state);
    }
    expect(drawn).toContain('ETA --:--');
    for (let converted = 1; converted <= 100; converted++) {
      now += 100;
      progress.update({ ...state, done: state.skipped + converted });
    }
    expect(drawn).toContain('9100/10000 files');
    expect(drawn).toContain('ETA 1:30');
  });
});
