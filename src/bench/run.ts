/**
 * `npm run bench`: the throughput of the real CLI against a floor.
 *
 * 1. generates (deterministically, from input/) a folder of seed-layout
 *    notices and a folder of mixed-layout notices under os.tmpdir();
 * 2. floor: in this process, hast-util-from-html parsing the same files and
 *    nothing else (each TAB cell of a TAB-row file, the whole text of a .md or
 *    .html file), read into memory beforehand;
 * 3. pubcom: `node dist/cli.js convert DIR --out OUT` (all three formats), wall
 *    time and peak RSS of the child process;
 * 4. one notice end to end against `node -e ""`;
 * 5. a 50 MiB notice through the CLI;
 * 6. prints a table and writes BENCHMARKS.md (not with --quick).
 *
 * Timed parts are repeated (default 3) and reported as medians: the machine is noisy.
 *
 *   node dist/bench/run.js [--quick] [--notices N] [--mixed N] [--large-mb N]
 *                          [--repeats N] [--one-runs N] [--no-write] [--keep]
 *                          [--profile | --no-profile] [--rss-via gnu-time|resource-usage]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeAtomically } from '../files.js';
import { floorJobs, timeFloor } from './floor.js';
import { timeOnThreads, type PassTimes, type ThreadWork } from './threads.js';
import { generateCorpus, generateLargeNotice, LONG_RUNS, withLongRun, type SeedNotice } from './generate.js';
import { formatSummary, summariseProfiles, type CpuProfile, type ProfileSummary } from './profile.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const INPUT = path.join(ROOT, 'input');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');
/** The real notice: TAB rows whose cells hold HTML (the 総務省 converter style). */
const SEED_LAYOUT = 'soumu-cloud-security-guideline-2018.txt';
const OUTPUT_SUFFIXES = ['.json', '.jsonld', '.opinions.csv', '.comments.csv', '.refs.csv', '.submitters.csv', '.notice.csv'];
const MARK = 'PUBCOM_BENCH_MAXRSS_KB=';
const MIB = 1024 * 1024;
const GOALS = { ratio: 4, ratioStretch: 2, oneNoticeMs: 300, largeMiB: 50, benchSeconds: 300, parallelSpeedup: 1.6, parallelNotices: 1000, archiveNotices: 10_000, rssMB: 250 };

interface Options {
  quick: boolean;
  notices: number;
  mixed: number;
  largeMiB: number;
  repeats: number;
  oneRuns: number;
  write: boolean;
  keep: boolean;
  profile: 'auto' | 'yes' | 'no';
  largeTimeoutMs: number;
  /** Characters of each long run put in one cell (the "Long runs in one cell" table). */
  longRun: number;
  /** Force how peak RSS and CPU time are read; null: /usr/bin/time where it works. */
  rssVia: RssMethod | null;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      notices: { type: 'string' },
      mixed: { type: 'string' },
      'large-mb': { type: 'string' },
      repeats: { type: 'string' },
      'one-runs': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'no-profile': { type: 'boolean', default: false },
      'rss-via': { type: 'string' },
    },
  });
  const rssVia = values['rss-via'];
  if (rssVia !== undefined && rssVia !== 'gnu-time' && rssVia !== 'resource-usage') throw new Error(`--rss-via ${rssVia}: expected gnu-time or resource-usage`);
  const quick = values.quick;
  const number = (raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a number: ${raw}`);
    return parsed;
  };
  return {
    quick,
    notices: Math.round(number(values.notices, quick ? 30 : 500)),
    mixed: Math.round(number(values.mixed, quick ? 15 : 250)),
    largeMiB: number(values['large-mb'], quick ? 2 : GOALS.largeMiB),
    repeats: Math.max(1, Math.round(number(values.repeats, quick ? 1 : 3))),
    oneRuns: Math.max(1, Math.round(number(values['one-runs'], quick ? 3 : 10))),
    // A quick run is a smoke test: its figures never replace the committed ones.
    write: !values['no-write'] && !quick,
    keep: values.keep,
    profile: values['no-profile'] ? 'no' : values.profile ? 'yes' : 'auto',
    largeTimeoutMs: 240_000,
    longRun: quick ? 50_000 : 500_000,
    rssVia: rssVia ?? null,
  };
}

// ---------------------------------------------------------------------------
// Child processes: wall time and peak RSS.

type RssMethod = 'gnu-time' | 'resource-usage';

interface ProcessResult {
  wallMs: number;
  maxRssKb: number | null;
  /** User + system CPU time of the process, all its threads (worker threads included). */
  cpuMs: number | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderrTail: string;
}

/** `/usr/bin/time -f %M` where it works; else the process reports its own maxRSS on exit (CLI unchanged, imported by a wrapper). */
function detectRssMethod(): RssMethod {
  const probe = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, process.execPath, '-e', ''], { encoding: 'utf8' });
  if (probe.status === 0 && parseUsage(probe.stderr ?? '') !== null) return 'gnu-time';
  return 'resource-usage';
}

/** GNU time: peak RSS in KiB, user and system CPU seconds. */
const TIME_FORMAT = `${MARK}%M %U %S`;
const USAGE = new RegExp(`${MARK}(\\d+) ([\\d.]+) ([\\d.]+)`, 'g');

function parseUsage(stderr: string): { maxRssKb: number; cpuMs: number } | null {
  const last = [...stderr.matchAll(USAGE)].at(-1);
  if (!last) return null;
  return { maxRssKb: Number(last[1]), cpuMs: (Number(last[2]) + Number(last[3])) * 1000 };
}

/** `script` null: `node -e ""`. Otherwise `node script ...args`. */
function commandFor(method: RssMethod, script: string | null, args: readonly string[]): [string, string[]] {
  if (method === 'gnu-time') {
    return ['/usr/bin/time', ['-f', TIME_FORMAT, process.execPath, ...(script === null ? ['-e', ''] : [script, ...args])]];
  }
  const report = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('${MARK}' + u.maxRSS + ' ' + (u.userCPUTime / 1e6) + ' ' + (u.systemCPUTime / 1e6) + '\\n'); });`;
  if (script === null) return [process.execPath, ['-e', report]];
  // With -e, process.argv is [node, ...rest]: rest starts with the script, so the CLI's argv.slice(2) is unchanged.
  // CommonJS -e with a dynamic import: no --input-type flag, which worker threads would inherit and reject.
  const code = `${report} import(require('node:url').pathToFileURL(process.argv[1]).href);`;
  return [process.execPath, ['-e', code, script, ...args]];
}

/**
 * Flush the file system before a timed run. The kernel writes files back and
 * frees the blocks of deleted ones after the fact, so without it a run could
 * pay for the outputs of the round before, which the bench itself deleted.
 * (On this VM's ext4, which has no journal, creating files still takes from
 * one to ten times as long from one run to the next: see BENCHMARKS.md.)
 */
function settleDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
}

/**
 * The folder under `temp` of every output a timed run writes, deleted only
 * once all timed sets are done. On this VM's ext4 (no journal), the run that
 * follows a deletion of thousands of files paid about 3 s more system time,
 * creating its files among the recently freed inodes: deleting a round's
 * outputs before the next round charged that to whichever run came next.
 */
function timedOutputs(temp: string, name: string): string {
  return path.join(temp, 'timed', name);
}

function runProcess(method: RssMethod, script: string | null, args: readonly string[], timeoutMs = 600_000): Promise<ProcessResult> {
  const [command, argv] = commandFor(method, script, args);
  settleDisk();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let tail = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-16_384);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // Our own child's process group (it was started detached, with its own group).
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      const usage = parseUsage(tail);
      resolve({ wallMs, maxRssKb: usage?.maxRssKb ?? null, cpuMs: usage?.cpuMs ?? null, code, signal, timedOut, stderrTail: tail.replace(USAGE, '') });
    });
  });
}

// ---------------------------------------------------------------------------
// Helpers.

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function bytesOf(notices: readonly SeedNotice[]): number {
  return notices.reduce((sum, notice) => sum + Buffer.byteLength(notice.text), 0);
}

async function writeNotices(folder: string, notices: readonly SeedNotice[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const notice of notices) await writeFile(path.join(folder, notice.name), notice.text);
}

interface OutputCheck {
  opinions: number;
  complete: number;
  missing: string[];
}

/** Count opinions from the produced JSON files and check that every notice got all five outputs. */
async function checkOutputs(outDir: string, inputNames: readonly string[]): Promise<OutputCheck> {
  const present = new Set(await readdir(outDir).catch(() => [] as string[]));
  let opinions = 0;
  let complete = 0;
  const missing: string[] = [];
  for (const name of inputNames) {
    const id = name.slice(0, name.length - path.extname(name).length);
    const absent = OUTPUT_SUFFIXES.filter((suffix) => !present.has(id + suffix));
    if (absent.length === 0) complete++;
    else missing.push(`${id}: ${absent.join(' ')}`);
    if (present.has(`${id}.json`)) {
      const document = JSON.parse(await readFile(path.join(outDir, `${id}.json`), 'utf8')) as { opinions?: unknown[] };
      opinions += document.opinions?.length ?? 0;
    }
  }
  return { opinions, complete, missing };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const fmt = {
  ms: (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`),
  mb: (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`,
  rss: (kb: number | null): string => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(0)} MiB`),
  n: (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a'),
};

// ---------------------------------------------------------------------------
// Measurements.

interface SetResult {
  label: string;
  description: string;
  notices: number;
  bytes: number;
  opinions: number;
  complete: number;
  missing: string[];
  exitCodes: (number | null)[];
  pubcomMs: number[];
  cpuMs: (number | null)[];
  rssKb: (number | null)[];
  floorMs: number[];
  floorJobs: number;
  stderrTail: string;
  /** What pubcom wrote (round 1), and the time to write the same files again, alone. */
  outputs: WriteResult;
}

interface WriteResult {
  files: number;
  bytes: number;
  ms: number;
}

/**
 * Write every file of `outDir` again into a fresh folder, from memory, the
 * way pubcom writes them (src/files.ts: a temporary name, then a rename):
 * what the file system alone costs for a set's outputs.
 */
async function timeWrites(outDir: string, temp: string, label: string): Promise<WriteResult> {
  const names = (await readdir(outDir)).filter((name) => !name.startsWith('.') && name !== 'pubcom-manifest.json').sort();
  const contents = await Promise.all(names.map((name) => readFile(path.join(outDir, name), 'utf8')));
  const copy = timedOutputs(temp, `out-writes-${label}`);
  await mkdir(copy, { recursive: true });
  settleDisk();
  const started = performance.now();
  names.forEach((name, index) => writeAtomically(path.join(copy, name), contents[index] as string));
  const ms = performance.now() - started;
  return { files: names.length, bytes: contents.reduce((sum, text) => sum + Buffer.byteLength(text), 0), ms };
}

async function measureSet(label: string, description: string, folder: string, notices: readonly SeedNotice[], options: Options, method: RssMethod, temp: string): Promise<SetResult> {
  const jobs = floorJobs(notices);
  const result: SetResult = {
    label,
    description,
    notices: notices.length,
    bytes: bytesOf(notices),
    opinions: 0,
    complete: 0,
    missing: [],
    exitCodes: [],
    pubcomMs: [],
    cpuMs: [],
    rssKb: [],
    floorMs: [],
    floorJobs: jobs.length,
    stderrTail: '',
    outputs: { files: 0, bytes: 0, ms: Number.NaN },
  };
  for (let round = 1; round <= options.repeats; round++) {
    const floor = timeFloor(jobs);
    result.floorMs.push(floor.ms);
    const outDir = timedOutputs(temp, `out-${label}-${round}`);
    const run = await runProcess(method, CLI, ['convert', folder, '--out', outDir]);
    result.pubcomMs.push(run.wallMs);
    result.cpuMs.push(run.cpuMs);
    result.rssKb.push(run.maxRssKb);
    result.exitCodes.push(run.code);
    if (round === 1) {
      const check = await checkOutputs(outDir, notices.map((notice) => notice.name));
      result.opinions = check.opinions;
      result.complete = check.complete;
      result.missing = check.missing;
      result.stderrTail = run.stderrTail.split('\n').slice(-6).join('\n');
      result.outputs = await timeWrites(outDir, temp, label);
      log(`  ${label}: writing its ${result.outputs.files} output files (${fmt.mb(result.outputs.bytes)}) again alone: ${fmt.ms(result.outputs.ms)}`);
    }
    log(`  ${label} round ${round}: floor ${fmt.ms(floor.ms)}, pubcom ${fmt.ms(run.wallMs)} wall, ${run.cpuMs === null ? 'n/a' : fmt.ms(run.cpuMs)} CPU (exit ${run.code}), peak RSS ${fmt.rss(run.maxRssKb)}`);
  }
  return result;
}

interface ParallelResult {
  notices: number;
  /** The floor, and pubcom's pipeline in memory, on one worker thread and on two, same files: what a second thread can gain on this machine. */
  onThreads: Record<ThreadWork, { one: PassTimes[]; two: PassTimes[] }>;
  oneWorkerMs: number[];
  twoWorkersMs: number[];
  oneWorkerRssKb: (number | null)[];
  twoWorkersRssKb: (number | null)[];
  /** CPU time (user + system, every thread) of the --jobs runs: how many cores each kept busy. */
  oneWorkerCpuMs: (number | null)[];
  twoWorkersCpuMs: (number | null)[];
  identical: boolean;
  /** A second run into the same folder, every input unchanged: the manifest skips them all. */
  rerunMs: number[];
}

/** The same batch with one worker and with two, alternating, on fresh output folders; also checks the bytes are the same. */
async function measureParallel(folder: string, notices: number, options: Options, method: RssMethod, temp: string): Promise<ParallelResult> {
  const result: ParallelResult = {
    notices,
    onThreads: { floor: { one: [], two: [] }, pipeline: { one: [], two: [] } },
    oneWorkerMs: [],
    twoWorkersMs: [],
    oneWorkerRssKb: [],
    twoWorkersRssKb: [],
    oneWorkerCpuMs: [],
    twoWorkersCpuMs: [],
    identical: true,
    rerunMs: [],
  };
  const files = (await readdir(folder)).sort().map((name) => path.join(folder, name));
  for (let round = 1; round <= Math.max(1, options.repeats); round++) {
    // A diagnostic beside the goal, not the goal itself: measured once, which keeps the bench under its 5 minutes on a slow day.
    for (const work of round === 1 ? (['floor', 'pipeline'] as const) : []) {
      const one = await timeOnThreads(files, 1, work);
      const two = await timeOnThreads(files, 2, work);
      result.onThreads[work].one.push(one);
      result.onThreads[work].two.push(two);
      log(`  parallel round ${round}: ${work} on 1 thread ${fmt.ms(one.coldMs)} cold, ${fmt.ms(one.warmMs)} warm; on 2 threads ${fmt.ms(two.coldMs)} cold, ${fmt.ms(two.warmMs)} warm`);
    }
    const outs: string[] = [];
    // Alternate which goes first, so that neither run always follows the same work.
    for (const jobs of round % 2 === 1 ? [1, 2] : [2, 1]) {
      const outDir = timedOutputs(temp, `out-parallel-${jobs}-${round}`);
      const run = await runProcess(method, CLI, ['convert', folder, '--out', outDir, '--jobs', String(jobs), '--quiet']);
      (jobs === 1 ? result.oneWorkerMs : result.twoWorkersMs).push(run.wallMs);
      (jobs === 1 ? result.oneWorkerRssKb : result.twoWorkersRssKb).push(run.maxRssKb);
      (jobs === 1 ? result.oneWorkerCpuMs : result.twoWorkersCpuMs).push(run.cpuMs);
      outs.push(outDir);
      log(`  parallel round ${round}: --jobs ${jobs} ${fmt.ms(run.wallMs)} wall, ${run.cpuMs === null ? 'n/a' : fmt.ms(run.cpuMs)} CPU (exit ${run.code}), peak RSS ${fmt.rss(run.maxRssKb)}`);
      if (jobs === 2) {
        const rerun = await runProcess(method, CLI, ['convert', folder, '--out', outDir, '--jobs', String(jobs), '--quiet']);
        result.rerunMs.push(rerun.wallMs);
        log(`  parallel round ${round}: re-run of the unchanged batch ${fmt.ms(rerun.wallMs)} wall`);
      }
    }
    if (round === 1) result.identical = await sameFiles(outs[0] as string, outs[1] as string);
  }
  return result;
}

async function sameFiles(a: string, b: string): Promise<boolean> {
  const names = (await readdir(a)).sort();
  if (names.join('\n') !== (await readdir(b)).sort().join('\n')) return false;
  for (const name of names) {
    if (!(await readFile(path.join(a, name))).equals(await readFile(path.join(b, name)))) return false;
  }
  return true;
}

interface OneNoticeResult {
  notice: string;
  bytes: number;
  cliMs: number[];
  nodeMs: number[];
  cliRssKb: (number | null)[];
  nodeRssKb: (number | null)[];
  exitCodes: (number | null)[];
}

async function measureOneNotice(options: Options, method: RssMethod, temp: string): Promise<OneNoticeResult> {
  const input = path.join(INPUT, SEED_LAYOUT);
  const result: OneNoticeResult = { notice: `input/${SEED_LAYOUT}`, bytes: (await readFile(input)).length, cliMs: [], nodeMs: [], cliRssKb: [], nodeRssKb: [], exitCodes: [] };
  const outDir = path.join(temp, 'out-one');
  // One untimed run of each: the file cache, not the first spawn, is what we want out of the figures.
  await runProcess(method, null, []);
  await runProcess(method, CLI, ['convert', input, '--out', outDir]);
  for (let round = 0; round < options.oneRuns; round++) {
    const node = await runProcess(method, null, []);
    result.nodeMs.push(node.wallMs);
    result.nodeRssKb.push(node.maxRssKb);
    await rm(outDir, { recursive: true, force: true });
    const cli = await runProcess(method, CLI, ['convert', input, '--out', outDir]);
    result.cliMs.push(cli.wallMs);
    result.cliRssKb.push(cli.maxRssKb);
    result.exitCodes.push(cli.code);
  }
  await rm(outDir, { recursive: true, force: true });
  log(`  one notice: CLI median ${fmt.ms(median(result.cliMs))}, node -e "" median ${fmt.ms(median(result.nodeMs))}`);
  return result;
}

interface LargeResult {
  bytes: number;
  opinions: number;
  complete: boolean;
  wallMs: number;
  cpuMs: number | null;
  rssKb: number | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  floorMs: number;
  stderrTail: string;
}

interface ArchiveResult {
  notices: number;
  bytes: number;
  wallMs: number;
  rssKb: number | null;
  code: number | null;
}

/** One run of the CLI's defaults over a batch ten times the parallel set's: does memory stay bounded as the batch grows? */
async function measureArchive(seeds: readonly SeedNotice[], method: RssMethod, temp: string): Promise<ArchiveResult> {
  const notices = generateCorpus(seeds, GOALS.archiveNotices, 4);
  const folder = path.join(temp, 'archive');
  await writeNotices(folder, notices);
  const bytes = bytesOf(notices);
  const outDir = path.join(temp, 'out-archive');
  const run = await runProcess(method, CLI, ['convert', folder, '--out', outDir, '--quiet']);
  log(`  archive: ${notices.length} notices (${fmt.mb(bytes)}) in ${fmt.ms(run.wallMs)} (exit ${run.code}), peak RSS ${fmt.rss(run.maxRssKb)}`);
  await rm(outDir, { recursive: true, force: true });
  await rm(folder, { recursive: true, force: true });
  return { notices: notices.length, bytes, wallMs: run.wallMs, rssKb: run.maxRssKb, code: run.code };
}

async function measureLarge(seed: SeedNotice, options: Options, method: RssMethod, temp: string): Promise<LargeResult> {
  const text = generateLargeNotice(seed.text, Math.round(options.largeMiB * MIB), seed.name);
  const notice: SeedNotice = { name: 'large-notice.txt', text };
  const folder = path.join(temp, 'large');
  await writeNotices(folder, [notice]);
  const floor = timeFloor(floorJobs([notice]));
  const outDir = path.join(temp, 'out-large');
  log(`  large notice: ${fmt.mb(Buffer.byteLength(text))} written, floor ${fmt.ms(floor.ms)}; converting…`);
  const run = await runProcess(method, CLI, ['convert', path.join(folder, notice.name), '--out', outDir], options.largeTimeoutMs);
  const check = await checkOutputs(outDir, [notice.name]).catch(() => ({ opinions: 0, complete: 0, missing: ['unreadable'] }));
  await rm(outDir, { recursive: true, force: true });
  log(`  large notice: pubcom ${fmt.ms(run.wallMs)} (exit ${run.code}${run.signal ? `, ${run.signal}` : ''}${run.timedOut ? ', timed out' : ''}), peak RSS ${fmt.rss(run.maxRssKb)}, ${check.opinions} opinions`);
  return {
    bytes: Buffer.byteLength(text),
    opinions: check.opinions,
    complete: check.complete === 1,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    rssKb: run.maxRssKb,
    code: run.code,
    signal: run.signal,
    timedOut: run.timedOut,
    floorMs: floor.ms,
    stderrTail: run.stderrTail.split('\n').slice(-8).join('\n'),
  };
}

interface LongRunResult {
  label: string;
  wallMs: number;
  code: number | null;
  timedOut: boolean;
}

/**
 * The seed notice with one long run of each kind in a cell, each converted by
 * the CLI once: whether some shape of cell still costs more than plain text
 * of the same length.
 */
async function measureLongRuns(seed: SeedNotice, options: Options, method: RssMethod, temp: string): Promise<LongRunResult[]> {
  const folder = path.join(temp, 'long-runs');
  const notices = LONG_RUNS.map((run) => ({ name: `${run.name}.txt`, text: withLongRun(seed.text, run.text(options.longRun)) }));
  await writeNotices(folder, notices);
  const results: LongRunResult[] = [];
  for (const [index, run] of LONG_RUNS.entries()) {
    const outDir = path.join(temp, `out-long-${run.name}`);
    const result = await runProcess(method, CLI, ['convert', path.join(folder, notices[index]?.name ?? ''), '--out', outDir], 120_000);
    await rm(outDir, { recursive: true, force: true });
    results.push({ label: run.label, wallMs: result.wallMs, code: result.code, timedOut: result.timedOut });
    log(`  long run of ${run.label}: ${fmt.ms(result.wallMs)} (exit ${result.code}${result.timedOut ? ', timed out' : ''})`);
  }
  return results;
}

function longRunsTable(report: Report): string[] {
  const reference = report.longRuns[0];
  if (!reference) return ['Not measured.'];
  return [
    `The notice input/${SEED_LAYOUT} with one more paragraph of ${report.options.longRun.toLocaleString('en-US')} characters in its first comment cell, converted once by the CLI (time limit 120 s).`,
    '',
    row(['the paragraph', 'pubcom wall', '× the plain text', 'exit']),
    row(['---', '---:', '---:', '---:']),
    ...report.longRuns.map((run) => row([run.label, run.timedOut ? 'timed out' : fmt.ms(run.wallMs), `${fmt.n(run.wallMs / reference.wallMs, 2)}×`, String(run.code)])),
  ];
}

interface ProfileResult {
  what: string;
  file: string;
  summary: ProfileSummary;
}

/**
 * One extra CLI run under `node --cpu-prof` (every thread writes its own
 * profile: the main thread and each worker). The profiles are kept in
 * os.tmpdir()/pubcom-bench-NAME/ (outside the repository) for DevTools.
 */
async function profileRun(what: string, inputPath: string, temp: string, keptName: string, intervalUs: number): Promise<ProfileResult | null> {
  const outDir = path.join(temp, `out-profile-${keptName}`);
  const kept = path.join(os.tmpdir(), `pubcom-bench-${keptName}`);
  await rm(kept, { recursive: true, force: true });
  await mkdir(kept, { recursive: true });
  const result = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${kept}`, `--cpu-prof-interval=${intervalUs}`, CLI, 'convert', inputPath, '--out', outDir], { stdio: ['ignore', 'ignore', 'ignore'] });
  await rm(outDir, { recursive: true, force: true });
  const names = (await readdir(kept)).filter((entry) => entry.endsWith('.cpuprofile')).sort();
  if (result.error || names.length === 0) return null;
  const profiles = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(kept, name), 'utf8')) as CpuProfile));
  return { what, file: `${kept}/*.cpuprofile`, summary: summariseProfiles(profiles, ROOT, 20) };
}

// ---------------------------------------------------------------------------
// Report.

interface SetFigures {
  wallMs: number;
  cpuMs: number;
  cpuRatio: number;
  noticesPerS: number;
  mbPerS: number;
  msPerOpinion: number;
  rssKb: number | null;
  floorMs: number;
  floorMbPerS: number;
  ratio: number;
}

function figures(set: SetResult): SetFigures {
  const wallMs = median(set.pubcomMs);
  const floorMs = median(set.floorMs);
  const rss = set.rssKb.filter((value): value is number => value !== null);
  const cpuMs = median(set.cpuMs.filter((value): value is number => value !== null));
  return {
    wallMs,
    cpuMs,
    cpuRatio: cpuMs / floorMs,
    noticesPerS: set.notices / (wallMs / 1000),
    mbPerS: set.bytes / 1e6 / (wallMs / 1000),
    msPerOpinion: set.opinions > 0 ? wallMs / set.opinions : Number.NaN,
    rssKb: rss.length > 0 ? Math.max(...rss) : null,
    floorMs,
    floorMbPerS: set.bytes / 1e6 / (floorMs / 1000),
    ratio: wallMs / floorMs,
  };
}

function machine(method: RssMethod, load: { start: number[]; end: number[] }): string[] {
  const loadText = (values: number[]): string => values.map((value) => value.toFixed(2)).join(' / ');
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(', ');
  return [
    `- CPU: ${models || 'unknown'}, ${cpus.length} logical cores (os.cpus())`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB total`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node.js: ${process.version}`,
    `- Peak RSS measured with: ${method === 'gnu-time' ? '`/usr/bin/time -f %M` around the CLI process' : "`process.resourceUsage().maxRSS` reported on exit by a wrapper that imports dist/cli.js unchanged"}`,
    `- Load average (1 / 5 / 15 min, os.loadavg()): ${loadText(load.start)} at the start, ${loadText(load.end)} at the end of the bench`,
    '- A shared machine: other work runs beside the bench (a load above the core count means the bench shared the cores), so each timed part is repeated and the median is shown.',
  ];
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function pass(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}

interface Report {
  options: Options;
  method: RssMethod;
  sets: SetResult[];
  parallel: ParallelResult | null;
  archive: ArchiveResult | null;
  one: OneNoticeResult;
  large: LargeResult;
  longRuns: LongRunResult[];
  profiles: ProfileResult[];
  benchSeconds: number;
  load: { start: number[]; end: number[] };
}

function resultTable(report: Report): string[] {
  const lines = [
    row(['set', 'notices', 'input', 'opinions', 'pubcom wall', 'notices/s', 'MB/s', 'ms/opinion', 'peak RSS', 'floor (from-html)', 'floor MB/s', 'pubcom / floor (wall)', 'pubcom CPU', 'CPU / floor']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const set of report.sets) {
    const f = figures(set);
    lines.push(row([set.label, String(set.notices), fmt.mb(set.bytes), String(set.opinions), fmt.ms(f.wallMs), fmt.n(f.noticesPerS), fmt.n(f.mbPerS, 2), fmt.n(f.msPerOpinion, 2), fmt.rss(f.rssKb), fmt.ms(f.floorMs), fmt.n(f.floorMbPerS, 2), `**${fmt.n(f.ratio, 2)}×**`, fmt.ms(f.cpuMs), `${fmt.n(f.cpuRatio, 2)}×`]));
  }
  const large = report.large;
  lines.push(
    row([
      `large (${fmt.n(report.options.largeMiB, 0)} MiB)`,
      '1',
      fmt.mb(large.bytes),
      String(large.opinions),
      fmt.ms(large.wallMs),
      fmt.n(1000 / large.wallMs, 3),
      fmt.n(large.bytes / 1e6 / (large.wallMs / 1000), 2),
      large.opinions > 0 ? fmt.n(large.wallMs / large.opinions, 2) : 'n/a',
      fmt.rss(large.rssKb),
      fmt.ms(large.floorMs),
      fmt.n(large.bytes / 1e6 / (large.floorMs / 1000), 2),
      `**${fmt.n(large.wallMs / large.floorMs, 2)}×**`,
      large.cpuMs === null ? 'n/a' : fmt.ms(large.cpuMs),
      large.cpuMs === null ? 'n/a' : `${fmt.n(large.cpuMs / large.floorMs, 2)}×`,
    ]),
  );
  return lines;
}

/** The file system's share: each set's outputs written again alone, against the same set's floor. */
function writesTable(report: Report): string[] {
  return [
    row(['set', 'output files', 'output', 'output / input', 'writing them alone', '× the floor']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...report.sets.map((set) => {
      const floorMs = median(set.floorMs);
      return row([set.label, String(set.outputs.files), fmt.mb(set.outputs.bytes), `${fmt.n(set.outputs.bytes / set.bytes, 1)}×`, fmt.ms(set.outputs.ms), `${fmt.n(set.outputs.ms / floorMs, 2)}×`]);
    }),
  ];
}

function oneTable(report: Report): string[] {
  const one = report.one;
  const cli = median(one.cliMs);
  const node = median(one.nodeMs);
  return [
    row(['run', 'median wall', 'min', 'max', 'peak RSS (median)']),
    row(['---', '---:', '---:', '---:', '---:']),
    row([`pubcom convert ${one.notice} (${fmt.mb(one.bytes)}, all formats)`, fmt.ms(cli), fmt.ms(Math.min(...one.cliMs)), fmt.ms(Math.max(...one.cliMs)), fmt.rss(median(one.cliRssKb.filter((v): v is number => v !== null)))]),
    row(['`node -e ""` (process start)', fmt.ms(node), fmt.ms(Math.min(...one.nodeMs)), fmt.ms(Math.max(...one.nodeMs)), fmt.rss(median(one.nodeRssKb.filter((v): v is number => v !== null)))]),
    row(['pubcom minus process start', fmt.ms(cli - node), '', '', '']),
  ];
}

interface GoalRow {
  goal: string;
  measured: string;
  ok: boolean;
}

function goals(report: Report): GoalRow[] {
  const seed = report.sets[0];
  const seedFigures = seed ? figures(seed) : null;
  const allSetsComplete = report.sets.every((set) => set.complete === set.notices && set.exitCodes.every((code) => code === 0));
  const large = report.large;
  const largeOk = large.code === 0 && large.signal === null && !large.timedOut && large.complete;
  const oneMs = median(report.one.cliMs);
  return [
    {
      goal: 'Whole pipeline, all three formats written (json, jsonld, 5 csv per notice), exit 0',
      measured: report.sets.map((set) => `${set.label}: ${set.complete}/${set.notices} complete, exit ${[...new Set(set.exitCodes)].join('/')}`).join('; '),
      ok: allSetsComplete,
    },
    {
      goal: `Seed layout: pubcom at most ${GOALS.ratio}× the floor's time (wall)`,
      measured: seedFigures ? `${fmt.n(seedFigures.ratio, 2)}×` : 'n/a',
      ok: seedFigures !== null && seedFigures.ratio <= GOALS.ratio,
    },
    {
      goal: `Stretch: seed layout at most ${GOALS.ratioStretch}× the floor`,
      measured: seedFigures ? `${fmt.n(seedFigures.ratio, 2)}×` : 'n/a',
      ok: seedFigures !== null && seedFigures.ratio <= GOALS.ratioStretch,
    },
    ...parallelGoals(report.parallel, report.archive),
    {
      goal: `One notice end to end under ${GOALS.oneNoticeMs} ms wall`,
      measured: `${fmt.ms(oneMs)} (median of ${report.one.cliMs.length}; node start ${fmt.ms(median(report.one.nodeMs))})`,
      ok: oneMs < GOALS.oneNoticeMs,
    },
    {
      goal: `A ${GOALS.largeMiB} MB notice converts without running out of memory`,
      measured: `${fmt.mb(large.bytes)}: exit ${large.code}${large.signal ? ` (${large.signal})` : ''}${large.timedOut ? ', timed out' : ''}, ${fmt.ms(large.wallMs)}, peak RSS ${fmt.rss(large.rssKb)}${report.options.largeMiB < GOALS.largeMiB ? ` (only ${report.options.largeMiB} MiB in this run)` : ''}`,
      ok: largeOk && report.options.largeMiB >= GOALS.largeMiB,
    },
    {
      goal: `The bench runs in under ${GOALS.benchSeconds / 60} minutes`,
      measured: `${report.benchSeconds.toFixed(0)} s (node dist/bench/run.js; npm run build adds its own few seconds)`,
      ok: report.benchSeconds < GOALS.benchSeconds,
    },
  ];
}

const NOTES = /<!-- bench:notes:start -->[\s\S]*?<!-- bench:notes:end -->/;

/** The hand-written reading of the figures (between the bench:notes markers) survives a re-run; the figures are replaced. */
function withNotes(generated: string, previous: string): string {
  const notes = NOTES.exec(previous)?.[0];
  return notes ? `${generated.trimEnd()}\n\n## Reading of the figures\n\n${notes}\n` : generated;
}

function markdown(report: Report): string {
  const options = report.options;
  const sets = report.sets;
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (src/bench/run.ts): the figures below are from one run of it and are replaced by the next.',
    `Run on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm run bench             # npm run build && node dist/bench/run.js: rewrites this file',
    'node dist/bench/run.js --quick      # smoke run with small N; prints, writes nothing',
    'node dist/bench/run.js --notices 1000 --mixed 500 --large-mb 50 --repeats 5 --no-write',
    '```',
    '',
    'Options: `--notices N` (seed-layout notices), `--mixed N`, `--large-mb N`, `--repeats N`, `--one-runs N`, `--no-write`, `--keep` (keep the generated folders), `--rss-via gnu-time|resource-usage`, `--profile` / `--no-profile` (by default a CPU profile of the seed-layout set is taken when the 4× goal is missed, and of the one-notice run when the 300 ms goal is missed; both are summarised below).',
    '',
    '## Machine',
    '',
    ...machine(report.method, report.load),
    '',
    '## What is measured',
    '',
    `- **Corpus**: generated deterministically (mulberry32, seeds 1 and 2) by src/bench/generate.ts from the files in input/, under ${'`os.tmpdir()`'}, never in the repository. Each notice is a seed notice whose opinion rows are repeated or trimmed per table (a quarter to four times the seed's rows, log-uniform, jittered per table) and renumbered (意見N, 意見N-M, the No./番号 column), with cross-references (意見 11 に対する…, No.2の考え方…) rewritten to the opinion's new key.`,
    `- **seed**: ${sets[0]?.notices ?? 0} notices of the seed layout (input/${SEED_LAYOUT}: TAB rows whose cells hold HTML). **mixed**: ${sets[1]?.notices ?? 0} notices, round-robin over all ${'input/'} layouts (TAB rows, GFM pipe table, HTML document, re-consultation TSV).`,
    `- **pubcom**: wall time of \`node dist/cli.js convert DIR --out OUT\` with the CLI's default options (a fresh OUT each time, so nothing is skipped as unchanged; all three formats: .json, .jsonld and five .csv per notice), from spawn to exit, so process start and module loading are included. Opinions are counted from the produced JSON files. **pubcom CPU** is the user + system CPU time of that process over all its threads: where the CLI converts on worker threads (os.availableParallelism() = ${os.availableParallelism()} here), wall time can be less than CPU time, while the floor runs on one thread.`,
    '- **floor**: in the bench process, `fromHtml` (hast-util-from-html) parsing the same files and nothing else: each TAB cell of a TAB-row file (as a fragment), the whole text of a .md file (as a fragment) and of an .html file (as a document). Files are read into memory first; no process start, no I/O; the parser is warmed on input/ first (the first round is still the coldest, the median is a warm figure). The floor is the cost of merely parsing the HTML that pubcom has to parse.',
    `- **MB** = 10^6 bytes of input (UTF-8). **ratio** (the goal's measure) = pubcom wall / floor time, on the same bytes in the same run; **CPU / floor** = pubcom CPU / floor time. Sets are measured ${options.repeats} times, floor and pubcom alternating; the table shows medians (peak RSS: the largest).`,
    '- **disk**: before each timed process and before the writes-alone copy, the bench runs `sync`, so that no run pays for the write-back of the round before. The outputs of the timed runs of the seed, mixed and parallel sets are deleted only after the last of them: on this VM\'s ext4, a run that creates its files right after thousands were deleted pays seconds of system time for it (see the notes at the end). Each run\'s own writes are still in its time; on this VM they vary the most from run to run.',
    '- **writing the outputs alone**: after the first round of a set, every output file pubcom wrote is read into memory and written again, into a fresh folder, the way pubcom writes them (a temporary name, then a rename; src/files.ts), on one thread: the file system\'s own cost for that set\'s outputs, against the same floor.',
    `- **parallel**: ${GOALS.parallelNotices} notices of every layout (seed 3) converted with \`--jobs 1\` and \`--jobs 2\`, ${options.repeats} times, each round starting with the other one (wall and CPU time, so the cores each run kept busy; medians), and the manifest's re-run of the unchanged batch. Beside it, in the first round only, the floor and pubcom's pipeline on worker threads, without the CLI (src/bench/threads.ts: the same files split over one thread, then two; a cold pass, then a warm one): what a second thread gains on this machine for work that shares nothing.`,
    '- **V8 flags**: the CLI turns TurboFan inlining off for its whole process (src/load-bundle.ts: each worker compiles the hot code again, and compiling cost as much CPU as converting). The floor and the threads of src/bench/threads.ts run in the bench process with V8\'s defaults, under which hast-util-from-html is faster than without inlining.',
    `- **archive**: ${GOALS.archiveNotices} notices of every layout (seed 4) converted once with the CLI's default options: whether peak RSS stays bounded as a batch grows.`,
    `- **one notice**: input/${SEED_LAYOUT} converted by the CLI, against \`node -e ""\`, alternating, ${options.oneRuns} runs each after one untimed run; medians.`,
    `- **long runs**: the seed notice with one paragraph of ${options.longRun.toLocaleString('en-US')} characters of one kind in a cell (src/bench/generate.ts, LONG_RUNS), against plain text of the same length: shapes of cell whose cost once grew with the square of their length.`,
    `- **large**: one notice of ${options.largeMiB} MiB: the real notice's opinion rows repeated with renumbered labels (generateLargeNotice), converted once by the CLI (time limit ${options.largeTimeoutMs / 1000} s).`,
    '',
    '## Results',
    '',
    ...resultTable(report),
    '',
    '### Writing the outputs alone',
    '',
    ...writesTable(report),
    '',
    '### One notice against process start',
    '',
    ...oneTable(report),
    '',
    '### Long runs in one cell',
    '',
    ...longRunsTable(report),
    '',
    '### A second thread on this machine',
    '',
    ...threadsTable(report.parallel),
    '',
    '### Every timed run (ms)',
    '',
    ...sets.map((set) => `- ${set.label}: pubcom ${set.pubcomMs.map((ms) => ms.toFixed(0)).join(', ')} (CPU ${set.cpuMs.map((ms) => (ms === null ? 'n/a' : ms.toFixed(0))).join(', ')}); floor ${set.floorMs.map((ms) => ms.toFixed(0)).join(', ')}; ratio per round ${set.pubcomMs.map((ms, index) => `${fmt.n(ms / (set.floorMs[index] ?? Number.NaN), 1)}×`).join(', ')}`),
    `- one notice: pubcom ${report.one.cliMs.map((ms) => ms.toFixed(0)).join(', ')}; node -e "" ${report.one.nodeMs.map((ms) => ms.toFixed(0)).join(', ')}`,
    `- large: pubcom ${report.large.wallMs.toFixed(0)} (CPU ${report.large.cpuMs === null ? 'n/a' : report.large.cpuMs.toFixed(0)}); floor ${report.large.floorMs.toFixed(0)}`,
    '',
    '## Goals',
    '',
    row(['goal', 'measured', 'result']),
    row(['---', '---', '---']),
    ...goals(report).map((goal) => row([goal.goal, goal.measured, pass(goal.ok)])),
    '',
  ];
  if (report.large.code !== 0 || report.large.timedOut) {
    lines.push('### Large notice: end of the CLI\'s stderr', '', '```', report.large.stderrTail.trim(), '```', '');
  }
  for (const profile of report.profiles) {
    lines.push(
      `## Where the time goes: ${profile.what}`,
      '',
      `One extra CLI run under \`node --cpu-prof\` (profiles, one per thread, kept at \`${profile.file}\`, outside the repository; open them in Chrome DevTools, or \`node dist/bench/profile.js ${profile.file}\`). Self time is time spent in the function itself; dist/….js is shown as its source src/….ts. "Time by part" charges each busy sample to the outermost pubcom function in a subfolder of src/ (stages/, normalize/, emit/ but not its index.ts), else to the innermost top-level src/*.ts function (the batch: listing, reading, writing, threads), else to module loading, the native entry or the package running asynchronously; (idle) is a thread waiting (for the file system or, on the main thread, for the workers).`,
      '',
      formatSummary(profile.summary),
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------

async function readSeeds(): Promise<SeedNotice[]> {
  const names = (await readdir(INPUT)).filter((name) => /\.(?:txt|md|html?)$/i.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(INPUT, name), 'utf8') })));
}

/** What a second thread gains for each kind of work, on the parallel set: medians of the rounds. */
function threadsTable(parallel: ParallelResult | null): string[] {
  if (!parallel) return ['Not measured (no parallel set in this run).'];
  const row = (label: string, one: number[], two: number[]): string =>
    `| ${label} | ${fmt.ms(median(one))} | ${fmt.ms(median(two))} | ${fmt.n(median(one) / median(two), 2)}× |`;
  const passes = (work: ThreadWork, label: string): string[] => {
    const { one, two } = parallel.onThreads[work];
    return [
      row(`${label}, cold pass (each thread's JIT warming up, as in a batch)`, one.map((times) => times.coldMs), two.map((times) => times.coldMs)),
      row(`${label}, warm pass (the same files again)`, one.map((times) => times.warmMs), two.map((times) => times.warmMs)),
    ];
  };
  return [
    `The ${parallel.notices} notices of the parallel set, split over one worker thread and then two (src/bench/threads.ts). Each thread reads its files and loads its code before the clock starts; no file is written.`,
    '',
    '| work | 1 thread | 2 threads | gain |',
    '| --- | ---: | ---: | ---: |',
    ...passes('floor', 'the floor (hast-util-from-html)'),
    ...passes('pipeline', "pubcom's pipeline and its three emitters, in memory"),
    row('pubcom CLI, `--jobs 1` against `--jobs 2` (process start, reading, writing)', parallel.oneWorkerMs, parallel.twoWorkersMs),
    '',
    ...coresTable(parallel),
  ];
}

/** Whether a peak RSS (KiB, as GNU time gives it) is under the goal's 250 MB, counted in bytes as the issue counts (250 × 10^6: 238 MiB). */
function underRssGoal(kb: number): boolean {
  return kb * 1024 < GOALS.rssMB * 1e6;
}

/** Cores a run kept busy: its CPU time (every thread, user + system) over its wall time; NaN where CPU was not measured. */
function coresBusy(wallMs: readonly number[], cpuMs: readonly (number | null)[]): { cpuMs: number; cores: number } {
  const measured = cpuMs.filter((value): value is number => value !== null);
  const cpu = measured.length > 0 ? median(measured) : Number.NaN;
  return { cpuMs: cpu, cores: cpu / median(wallMs) };
}

/**
 * How many of the cores one worker already keeps busy: V8's compiler and
 * garbage-collector threads and the kernel's file work run beside the worker,
 * so a second worker can only use what is left (the ceiling), unless it also
 * cuts the CPU time.
 */
function coresTable(parallel: ParallelResult): string[] {
  const one = coresBusy(parallel.oneWorkerMs, parallel.oneWorkerCpuMs);
  const two = coresBusy(parallel.twoWorkersMs, parallel.twoWorkersCpuMs);
  if (!Number.isFinite(one.cores)) return ['CPU time of the --jobs runs: not measured.'];
  const line = (label: string, wallMs: number[], busy: { cpuMs: number; cores: number }): string =>
    row([label, fmt.ms(median(wallMs)), fmt.ms(busy.cpuMs), fmt.n(busy.cores, 2)]);
  return [
    row(['pubcom CLI on the parallel set', 'wall', 'CPU (every thread, user + system)', 'cores busy (CPU / wall)']),
    row(['---', '---:', '---:', '---:']),
    line('`--jobs 1`', parallel.oneWorkerMs, one),
    line('`--jobs 2`', parallel.twoWorkersMs, two),
    '',
    `With \`--jobs 1\` the process already keeps ${fmt.n(one.cores, 2)} of the ${os.availableParallelism()} cores busy: a second worker can make the batch at most ${fmt.n(os.availableParallelism() / one.cores, 2)}× faster while the CPU time stays the same (with \`--jobs 2\` it was ${fmt.n(two.cpuMs / one.cpuMs, 2)}× that of \`--jobs 1\`).`,
  ];
}

function parallelGoals(parallel: ParallelResult | null, archive: ArchiveResult | null): GoalRow[] {
  if (!parallel) return [];
  const speedup = median(parallel.oneWorkerMs) / median(parallel.twoWorkersMs);
  const pipeline = parallel.onThreads.pipeline;
  const pipelineSpeedup = median(pipeline.one.map((times) => times.coldMs)) / median(pipeline.two.map((times) => times.coldMs));
  const peakKb = Math.max(...parallel.twoWorkersRssKb.map((kb) => kb ?? 0), ...parallel.oneWorkerRssKb.map((kb) => kb ?? 0));
  return [
    {
      goal: `Parallel: --jobs 2 at least ${GOALS.parallelSpeedup}× faster than --jobs 1 on ${parallel.notices} notices, same bytes`,
      measured: `${fmt.n(speedup, 2)}× (${fmt.ms(median(parallel.oneWorkerMs))} against ${fmt.ms(median(parallel.twoWorkersMs))}, medians); bytes ${parallel.identical ? 'identical' : 'DIFFER'}; pubcom's own work in memory, without the CLI, gains ${fmt.n(pipelineSpeedup, 2)}× from a second thread on the same files, on a cold pass; --jobs 1 already keeps ${fmt.n(coresBusy(parallel.oneWorkerMs, parallel.oneWorkerCpuMs).cores, 2)} cores busy (see "A second thread on this machine")`,
      ok: speedup >= GOALS.parallelSpeedup && parallel.identical,
    },
    {
      goal: `Incremental: a re-run of ${parallel.notices} unchanged notices under 10% of the full run`,
      measured: `${fmt.ms(median(parallel.rerunMs))} against ${fmt.ms(median(parallel.twoWorkersMs))} (${fmt.n((100 * median(parallel.rerunMs)) / median(parallel.twoWorkersMs), 1)} %)`,
      ok: median(parallel.rerunMs) < median(parallel.twoWorkersMs) / 10,
    },
    {
      goal: `Bounded memory: peak RSS under ${GOALS.rssMB} MB (${fmt.n((GOALS.rssMB * 1e6) / 2 ** 20, 1)} MiB) on ${parallel.notices} notices${archive ? ` and on ${archive.notices}` : ''}`,
      measured: `${fmt.rss(peakKb)} (largest of --jobs 1 and --jobs 2)${archive ? `; ${archive.notices} notices (${fmt.mb(archive.bytes)}, default --jobs): ${fmt.rss(archive.rssKb)}, ${fmt.ms(archive.wallMs)}, exit ${archive.code}` : ''}`,
      ok: peakKb > 0 && underRssGoal(peakKb) && (!archive || (archive.code === 0 && underRssGoal(archive.rssKb ?? Infinity))),
    },
  ];
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const options = readOptions(process.argv.slice(2));
  if (!existsSync(CLI)) {
    log(`pubcom bench: ${CLI} not found; run npm run build first`);
    return 2;
  }
  const method = options.rssVia ?? detectRssMethod();
  const temp = await mkdtemp(path.join(os.tmpdir(), 'pubcom-bench-'));
  log(`pubcom bench: ${options.quick ? 'quick, ' : ''}${options.notices} seed-layout + ${options.mixed} mixed notices, ${options.largeMiB} MiB large notice, ${options.repeats} repeat(s); temp ${temp}; RSS via ${method}`);
  try {
    const seeds = await readSeeds();
    const seedNotice = seeds.find((seed) => seed.name === SEED_LAYOUT);
    if (!seedNotice) throw new Error(`input/${SEED_LAYOUT} not found`);

    const seedSet = generateCorpus([seedNotice], options.notices, 1);
    const mixedSet = generateCorpus(seeds, options.mixed, 2);
    const seedDir = path.join(temp, 'seed');
    const mixedDir = path.join(temp, 'mixed');
    await writeNotices(seedDir, seedSet);
    await writeNotices(mixedDir, mixedSet);
    log(`  generated ${seedSet.length} seed-layout notices (${fmt.mb(bytesOf(seedSet))}) and ${mixedSet.length} mixed (${fmt.mb(bytesOf(mixedSet))})`);
    // Warm the floor's parser so that it is not charged for the JIT's first pass.
    timeFloor(floorJobs(seeds));

    const sets: SetResult[] = [];
    if (seedSet.length > 0) sets.push(await measureSet('seed', `input/${SEED_LAYOUT}`, seedDir, seedSet, options, method, temp));
    if (mixedSet.length > 0) sets.push(await measureSet('mixed', 'every layout of input/', mixedDir, mixedSet, options, method, temp));
    let parallel: ParallelResult | null = null;
    if (!options.quick) {
      const parallelSet = generateCorpus(seeds, GOALS.parallelNotices, 3);
      const parallelDir = path.join(temp, 'parallel');
      await writeNotices(parallelDir, parallelSet);
      log(`  generated ${parallelSet.length} notices of every layout (${fmt.mb(bytesOf(parallelSet))}) for --jobs 1 against --jobs 2`);
      parallel = await measureParallel(parallelDir, parallelSet.length, options, method, temp);
      await rm(parallelDir, { recursive: true, force: true });
    }
    await rm(path.join(temp, 'timed'), { recursive: true, force: true });
    const archive = options.quick ? null : await measureArchive(seeds, method, temp);
    const one = await measureOneNotice(options, method, temp);
    const large = await measureLarge(seedNotice, options, method, temp);
    const longRuns = await measureLongRuns(seedNotice, options, method, temp);

    const seedRatio = sets[0] ? figures(sets[0]).ratio : 0;
    const profiles: ProfileResult[] = [];
    if (options.profile === 'yes' || (options.profile === 'auto' && seedRatio > GOALS.ratio)) {
      log('  profiling one seed-layout run (node --cpu-prof)…');
      const profile = await profileRun(`the seed-layout set (${seedSet.length} notices)`, seedDir, temp, 'seed', 1000);
      if (profile) profiles.push(profile);
    }
    if (options.profile === 'yes' || (options.profile === 'auto' && median(one.cliMs) >= GOALS.oneNoticeMs)) {
      log('  profiling one one-notice run (node --cpu-prof)…');
      const profile = await profileRun(`one notice (${one.notice})`, path.join(INPUT, SEED_LAYOUT), temp, 'one', 100);
      if (profile) profiles.push(profile);
    }

    const report: Report = { options, method, sets, parallel, archive, one, large, longRuns, profiles, benchSeconds: (performance.now() - started) / 1000, load: { start: loadAtStart, end: os.loadavg() } };
    const out: string[] = ['', ...resultTable(report), '', ...writesTable(report), '', ...oneTable(report), '', ...longRunsTable(report), '', row(['goal', 'measured', 'result']), row(['---', '---', '---']), ...goals(report).map((goal) => row([goal.goal, goal.measured, pass(goal.ok)]))];
    for (const set of sets) {
      if (set.missing.length > 0) out.push('', `${set.label}: notices without all outputs: ${set.missing.slice(0, 5).join('; ')}${set.missing.length > 5 ? ' …' : ''}`, set.stderrTail);
    }
    for (const profile of profiles) out.push('', `Profile of ${profile.what} (${profile.file}):`, formatSummary(profile.summary));
    process.stdout.write(`${out.join('\n')}\n`);
    if (options.write) {
      await writeFile(BENCHMARKS, withNotes(markdown(report), await readFile(BENCHMARKS, 'utf8').catch(() => '')));
      log(`pubcom bench: wrote ${path.relative(process.cwd(), BENCHMARKS) || BENCHMARKS} (${report.benchSeconds.toFixed(0)} s)`);
    } else {
      log(`pubcom bench: ${options.quick ? 'quick run, ' : ''}BENCHMARKS.md not written (${report.benchSeconds.toFixed(0)} s)`);
    }
    return 0;
  } finally {
    if (options.keep) log(`pubcom bench: kept ${temp}`);
    else await rm(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pubcom bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
