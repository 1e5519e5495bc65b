/**
 * The batch: list the inputs (sorted, optionally one shard of them), skip
 * those the manifest shows unchanged, convert the others on worker threads,
 * print their diagnostics in input order, and keep the manifest. With
 * `check` nothing is written and every output is compared instead. One
 * failing file never stops the others: it becomes diagnostics and exit 1.
 */
import { fork } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { opendir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { FileResult, FileTask } from './convert-file.js';
import { isLeftover, OVERRIDES_SUFFIX, overridesPathOf, readRegularFile, withFileLock, writeAtomically } from './files.js';
import { sha256, sha256OfFile } from './hash.js';
import { compareCodeUnits } from './diagnostics.js';
import { FORMATS, outputNames, type Format } from './emit/index.js';
import { fileIdentity, heldEntry, isUnchanged, isWrittenBy, MANIFEST_FILE, manifestParts, mergedEntries, NotStreamable, readHeldManifest, readManifestText, readWholeManifest, sortedEntries, streamedEntries, type HeldEntry, type HeldManifest } from './manifest.js';
import { createProgress, NO_PROGRESS } from './progress.js';
import { filtered, pushAll } from './arrays.js';
import { stopYoungGenerationGrowth, withYoungGenerationStopped } from './young-generation.js';
import { collectGarbage } from './collect-garbage.js';

export const INPUT_EXTENSIONS = ['.txt', '.tsv', '.csv', '.md', '.html', '.htm'];
/** Documents a folder of notices often holds beside their text (the notices as published), which pubcom cannot read: named once, not skipped silently. */
const DOCUMENT_EXTENSIONS = ['.pdf', '.doc', '.docx', '.xls', '.xlsx', '.rtf', '.odt', '.jtd'];

export interface RunOptions {
  paths: string[];
  outDir: string;
  formats: readonly Format[];
  bom: boolean;
  /** Write nothing; list the outputs that differ from what is in `outDir`. */
  check: boolean;
  /** Also print info diagnostics. */
  verbose: boolean;
  /**
   * Worker threads. Default: the number of cores. 0 converts on the calling
   * thread (for embedding and tests; its heap is not capped, so a long batch
   * can take more memory). A single file is converted on this thread, unless
   * it is a large notice (see {@link LARGE_NOTICE_BYTES}).
   */
  jobs?: number;
  /** Convert every input, even those the manifest shows unchanged. */
  force?: boolean;
  /**
   * The inputs given are the whole archive of `outDir`: the outputs of the
   * notices its manifest lists that are no longer among them (removed or
   * renamed) are removed, with their entries, so that a re-run leaves the
   * folder a conversion from scratch would.
   */
  prune?: boolean;
  /** Only the inputs of shard `index` (1-based) of `count`, split by a hash of their path. */
  shard?: { index: number; count: number } | null;
  /** Draw a progress bar on this terminal stream. */
  progress?: NodeJS.WriteStream | null;
  /** Otherwise, write a line of progress to this stream every minute (a log of a long batch). */
  progressLog?: NodeJS.WritableStream | null;
  /** Cap of each worker's old-generation heap in MB (default {@link WORKER_HEAP_MB}); a notice that needs more is converted again in a process of its own. */
  workerHeapMb?: number;
  /** Cap of the heap of that process of its own, in MB (default: as far as this thread's heap may grow). */
  largeNoticeHeapMb?: number;
  /** How often the manifest is also written while the batch runs, in ms (default {@link CHECKPOINT_MS}). */
  checkpointMs?: number;
  /**
   * Aborted by the CLI on a first Ctrl-C (or SIGTERM): no further notice
   * starts, the manifest of the notices converted so far is written at once
   * (in case the process is killed next), those in progress finish, and run()
   * returns, its summary counting the inputs left unconverted as `stopped`.
   */
  stopping?: AbortSignal;
  /**
   * Aborted by the CLI on a second one, which then ends the process: the
   * manifest of the notices converted so far is written at once, so that the
   * next run skips them.
   */
  interrupted?: AbortSignal;
}

/**
 * A batch also writes its manifest every so often while it runs: a run
 * killed midway (a laptop's lid closed, a job's time limit) leaves the
 * manifest of the notices it converted, and the next run skips them.
 */
const CHECKPOINT_MS = 30_000;

/**
 * Each worker's heap is capped: the smaller the cap, the smaller the steps by
 * which V8 grows a heap between full collections, which keeps a long batch
 * under 250 MB. Measured with two workers: 1,000 notices took about 205 MB
 * capped at 1.5 GB, against 260 MB uncapped; 10,000 notices took 221-252 MB
 * capped at 1.5 GB and 211 MB at 512 MB, for the same CPU time. A notice
 * that needs more (about 20 MB of input or more) is converted again in a
 * process of its own ({@link convertInChildProcess}). A young generation of 24 MB
 * lets most of a notice's short-lived objects die there, so the cap costs few
 * collections (16 MB took more CPU for the same memory; 32 MB took 230 MB and
 * more).
 */
export const WORKER_HEAP_MB = 512;
const WORKER_YOUNG_GENERATION_MB = 24;

/** Notices each worker converts before the young generation of this thread stops growing (young-generation.ts): a worker's reaches its cap within its first five. */
const WORKER_WARM_UP_NOTICES = 20;

/**
 * A notice file of this size goes straight to the process of its own, even
 * alone: it would hardly fit a batch worker's heap (about 20 MB does not),
 * and on this thread a notice that needs more memory than node may use aborts
 * the process.
 */
const LARGE_NOTICE_BYTES = 16 * 1024 * 1024;

export interface Reporter {
  out(line: string): void;
  err(line: string): void;
}

export interface RunSummary {
  exitCode: 0 | 1;
  files: number;
  converted: number;
  skipped: number;
  failed: number;
  /** Inputs left unconverted because the batch was stopped ({@link RunOptions.stopping}). */
  stopped: number;
  /** Notices no longer among the inputs whose outputs were removed ({@link RunOptions.prune}). */
  removed: number;
  opinions: number;
  comments: number;
  counts: { error: number; warning: number; info: number };
  stale: string[];
  wallMs: number;
}

export async function run(options: RunOptions, reporter: Reporter): Promise<RunSummary> {
  const started = performance.now();
  const manifestPath = path.join(options.outDir, MANIFEST_FILE);
  // The code hash reads the whole build: it runs while the inputs are listed, and is awaited only where needed.
  const build = buildHash();
  const stamp = Promise.all([version(), build]).then(([pubcom, hash]) => ({ pubcom, build: hash }));
  const settings = settingsOf(options);
  const standardOutputs = (id: string): string[] => outputNames(id, options.formats);
  const { whole, inputs, duplicates, unread, earlier } = await planBatch(options, build, settings, standardOutputs);
  // Made as each input comes up, not held for the whole batch.
  const taskOf = (input: string): FileTask => ({ input, id: idOf(input), outDir: options.outDir, formats: options.formats, bom: options.bom, check: options.check, verbose: options.verbose });
  const { missing } = unread;
  const summary: RunSummary = {
    exitCode: 0,
    files: inputs.length,
    converted: 0,
    skipped: 0,
    failed: missing.length,
    stopped: 0,
    removed: 0,
    opinions: 0,
    comments: 0,
    counts: { error: missing.length, warning: earlier.warning === null ? 0 : 1, info: 0 },
    stale: [],
    wallMs: 0,
  };
  for (const line of [...missing, ...unreadNotes(unread), ...(earlier.warning === null ? [] : [earlier.warning])]) reporter.err(line);

  /**
   * The entries of the inputs this run converted since it last wrote the manifest: under another build or settings, the only ones the new
   * manifest can vouch for. The file keeps those written.
   */
  const written = new Map<string, HeldEntry>();
  /** Inputs this run failed to convert: no manifest it writes vouches for their outputs. */
  const failed = new Set<string>();
  /**
   * The manifest file as this run last read or wrote it; `shared` once another run has written it since (shards into one folder), `keeps`
   * once this run has written it and let go of the entries written.
   */
  const onDisk = { identity: earlier.identity, shared: false, keeps: false };
  /**
   * The manifest's text: the entries this run holds and those the file keeps (this run's written earlier, and another run's once it has
   * written the manifest too), taken from the file as it is now. They are parsed a piece at a time as they are written out ('streamed'):
   * parsed whole, the manifest of 30,000 notices is 18 MB of objects at once, and two shards of 15,000 notices converting into one folder
   * at once took 232-246 MiB each, against 202-205 MiB so. A file not as pubcom writes it is read whole ('whole'), as at the start.
   */
  const manifestText = ({ pubcom, build: hash }: Awaited<typeof stamp>, read: 'streamed' | 'whole'): Generator<string> => {
    if (fileIdentity(manifestPath) !== onDisk.identity) onDisk.shared = true;
    const by = { build: hash, settings };
    const theirs =
      !onDisk.shared && !onDisk.keeps ? [] : read === 'streamed' ? streamedEntries(manifestPath, by, options.formats) : sortedEntries(readWholeManifest(options.outDir, options.formats, by).notices);
    const entries = mergedEntries(mergedEntries(sortedEntries(earlier.kept), theirs), sortedEntries(written));
    const vouched = ([id]: [string, HeldEntry]): boolean => !failed.has(id) && (earlier.batch?.has(id) ?? true);
    return manifestParts({ pubcom, build: hash, settings }, filtered(entries, vouched), standardOutputs);
  };
  /** `use` of the manifest's text, parsed whole from the file where it cannot be parsed a piece at a time. */
  const withManifestText = <T>(now: Awaited<typeof stamp>, use: (text: Generator<string>) => T): T => {
    try {
      return use(manifestText(now, 'streamed'));
    } catch (error) {
      if (!(error instanceof NotStreamable)) throw error;
      return use(manifestText(now, 'whole'));
    }
  };
  // Read, merged and written in turns with other runs writing into the same folder: see manifestText.
  const writeManifest = (now: Awaited<typeof stamp>): void =>
    withFileLock(path.join(options.outDir, `.${MANIFEST_FILE}.lock`), () => {
      withManifestText(now, (text) => writeAtomically(manifestPath, text));
      onDisk.identity = fileIdentity(manifestPath);
      // The file keeps them from now on: held to the end, the entries of 60,000 notices grew this thread's heap by 18 MB. Should the file be
      // deleted, or replaced by another build, meanwhile, they are lost with it, and the next run converts those notices again.
      onDisk.keeps = true;
      earlier.kept.clear();
      written.clear();
    });
  const checkpoint = checkpoints(options.check ? null : stamp, options.checkpointMs ?? CHECKPOINT_MS, (now) => {
    try {
      writeManifest(now);
    } catch {
      // The manifest written at the end reports the failure.
    }
    // Reading the manifest back made garbage that this thread, which then mostly waits, would keep for a while (collect-garbage.ts).
    collectGarbage();
  });
  /** Whether this run has entries for the manifest: converted since its last write, or kept by the file since. */
  const hasEntries = (): boolean => written.size > 0 || onDisk.keeps;
  const progress = options.progress ? createProgress(options.progress, 'bar') : options.progressLog ? createProgress(options.progressLog, 'log') : NO_PROGRESS;
  const onInterrupt = (): void => {
    progress.clear();
    if (hasEntries()) checkpoint({ now: true });
  };
  options.stopping?.addEventListener('abort', onInterrupt, { once: true });
  options.interrupted?.addEventListener('abort', onInterrupt, { once: true });
  const done = (): number => summary.converted + summary.skipped + summary.failed - missing.length;
  const showProgress = (): void =>
    progress.update({ done: done(), skipped: summary.skipped, total: inputs.length, opinions: summary.opinions, warnings: summary.counts.warning, errors: summary.counts.error });

  /** Where writing failed for the whole output folder (a full disk), the reason: no further notice starts, as each would fail the same way. */
  let outputFolderFailure: string | null = null;
  const stopped = (): boolean => options.stopping?.aborted === true || outputFolderFailure !== null;

  const record = (task: FileTask, result: FileResult): void => {
    if (result.lines.length > 0) progress.clear();
    for (const line of result.lines) reporter.err(line);
    summary.opinions += result.opinions;
    summary.comments += result.comments;
    for (const severity of ['error', 'warning', 'info'] as const) summary.counts[severity] += result.counts[severity];
    summary.stale.push(...result.stale.map((name) => path.join(options.outDir, name)));
    if (result.failed) {
      summary.failed++;
      failed.add(task.id);
      outputFolderFailure ??= outputFolderFailureOf(result.writeFailure, options.outDir);
    } else {
      summary.converted++;
      if (result.sha256 !== null) {
        // The task's strings, not the result's: the result's are copies, and held by their slices as a whole.
        const entry = { file: path.basename(task.input), sha256: result.sha256, overridesSha256: result.overridesSha256, outputs: result.outputs };
        written.set(task.id, heldEntry(entry, standardOutputs(task.id)));
      }
    }
    showProgress();
    if (written.size > 0) checkpoint();
  };

  /** Prints warnings of the batch itself (a file it could not remove or write), counted with the notices' own. */
  const warn = (lines: readonly string[]): void => {
    summary.counts.warning += lines.length;
    for (const line of lines) reporter.err(line);
  };

  // Until the workers start, what this thread keeps survives (young-generation.ts): the outputs folder listed, the inputs to convert.
  const pending = await withYoungGenerationStopped(async () => {
    // A shard may have siblings writing into the same folder at this moment on other machines (a job array on a shared disk), whose pids say nothing here.
    if (!options.check && !options.shard) warn(await removeLeftovers(options.outDir));
    if (options.prune && !options.check && earlier.batch === null) {
      reporter.err(`pubcom: not pruned (--prune): ${missing.length > 0 ? 'some PATH or file could not be read' : 'no notice was found'}, so which notices are gone from the archive is not known; nothing was removed`);
    }
    // Before anything is converted: on macOS an output removed (Kekka.json) may be the one a notice renamed (kekka.txt) writes.
    if (!options.check && earlier.removed.length > 0) {
      const failures = await removeOutputsOf(earlier.removed, options.outDir);
      summary.removed = earlier.removed.length;
      reporter.err(`pubcom: removed the outputs of ${summary.removed} notice(s) no longer among the inputs (--prune): ${some(earlier.removed.map(([id]) => id))}`);
      warn(failures);
    }
    const toConvert: string[] = [];
    for (const input of inputs) {
      if (options.stopping?.aborted) break;
      const task = taskOf(input);
      const first = duplicates.get(input);
      if (first !== undefined) {
        record(task, duplicateResult(task, first));
      } else if (!options.check && !options.force && isSkippable(task, earlier.kept.get(task.id), standardOutputs)) {
        summary.skipped++;
        showProgress();
      } else {
        toConvert.push(input);
      }
    }
    return toConvert;
  });
  const limits = {
    jobs: options.jobs ?? availableParallelism(),
    workerHeapMb: options.workerHeapMb ?? WORKER_HEAP_MB,
    largeNoticeHeapMb: options.largeNoticeHeapMb ?? Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20),
  };
  await convertAll(pending, taskOf, limits, record, stopped);
  options.stopping?.removeEventListener('abort', onInterrupt);
  options.interrupted?.removeEventListener('abort', onInterrupt);
  progress.clear();
  summary.stopped = inputs.length - done();
  if (outputFolderFailure !== null && summary.stopped > 0) {
    reporter.err(
      `pubcom: stopped: ${outputFolderFailure}, so the ${summary.stopped} notice(s) not yet converted were not tried. Make room (or choose another --out) and run the same command again: it skips the notices the manifest records as converted`,
    );
  }

  if (options.check) {
    if (readManifestText(options.outDir) !== withManifestText(await stamp, (text) => [...text].join(''))) summary.stale.push(manifestPath);
    pushAll(summary.stale, await unexpected(options.outDir, new Set(whole.map(idOf))));
    summary.stale.sort(compareCodeUnits);
    for (const name of summary.stale) reporter.out(`differs: ${name}`);
  } else if (hasEntries() || earlier.found) {
    try {
      writeManifest(await stamp);
    } catch (error) {
      // The outputs are written; only the next run's skipping is lost, so this is a warning. The manifest was written atomically: it is as
      // this run's last checkpoint, or the run before, left it.
      warn([`${manifestPath}:1:1: warning: Unexpected failure writing the manifest (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected to write it: it is left as it was, and the next run converts again every notice whose entry there does not match [write-failed]`]);
    }
  }
  summary.exitCode = summary.failed > 0 || summary.stale.length > 0 ? 1 : 0;
  summary.wallMs = performance.now() - started;
  return summary;
}

/**
 * A function to call after each converted file: it calls `write` with the
 * stamp once `every` ms have passed since the batch started or since the last
 * write (or at once, with `now`), and never before the stamp is known (or
 * when `stamp` is null).
 */
function checkpoints<T>(stamp: Promise<T> | null, every: number, write: (stamp: T) => void): (when?: { now: boolean }) => void {
  let known: T | null = null;
  stamp?.then((value) => (known = value)).catch(() => {}); // a failure is the final write's to report
  let due = performance.now() + every;
  return (when) => {
    if (known === null || (!when?.now && performance.now() < due)) return;
    write(known);
    due = performance.now() + every;
  };
}

type TinypoolModule = typeof import('tinypool');

/** tinypool, an ES module, imported on the first batch. */
let importTinypool = (): Promise<TinypoolModule> => import('tinypool');

/**
 * Where the code runs from V8's code cache (load-bundle.ts), node 20 fails
 * its every import() ("A dynamic import callback was not specified"), so the
 * loader hands in an import() of its own, made outside the cached code.
 */
export function useTinypoolImporter(importer: () => Promise<TinypoolModule>): void {
  importTinypool = importer;
}

/** Reports a file's result, with the task that made it. */
type RecordResult = (task: FileTask, result: FileResult) => void;

/**
 * Convert `inputs` (their tasks made by `taskOf`) with `jobs` worker threads
 * (each reads its own file, so only paths and small summaries cross
 * threads), at most a few per worker in flight so memory stays bounded,
 * reporting results in input order. Once `stopped()`, no further task
 * starts; those in progress finish.
 */
async function convertAll(inputs: readonly string[], taskOf: (input: string) => FileTask, limits: { jobs: number; workerHeapMb: number; largeNoticeHeapMb: number }, record: RecordResult, stopped: () => boolean): Promise<void> {
  const { jobs } = limits;
  const large = oneAtATime((task: FileTask) => convertInChildProcess(task, limits.largeNoticeHeapMb));
  // One file costs less than starting a worker. A batch runs on workers even with --jobs 1: their capped heaps keep its memory
  // bounded (10,000 notices took 249 MB on this thread, 148 MB on one worker, about 215 MB on two).
  if (jobs < 1 || inputs.length <= 1) {
    for (const input of inputs) {
      if (stopped()) break;
      const task = taskOf(input);
      record(task, await (jobs >= 1 && isLargeNotice(task) ? large(task) : convertHere(task)));
    }
    return;
  }
  await convertOnWorkers(inputs, taskOf, limits, large, record, stopped);
}

/** `convert`, called again only once its call before has ended: large notices take their gigabytes one after the other. */
function oneAtATime(convert: (task: FileTask) => Promise<FileResult>): (task: FileTask) => Promise<FileResult> {
  let previous: Promise<unknown> = Promise.resolve();
  return (task) => {
    const converted = previous.then(() => convert(task));
    previous = converted;
    return converted;
  };
}

/** {@link convertAll} on `jobs` workers, a large notice in a child process of its own. */
async function convertOnWorkers(inputs: readonly string[], taskOf: (input: string) => FileTask, limits: { jobs: number; workerHeapMb: number }, large: (task: FileTask) => Promise<FileResult>, record: RecordResult, stopped: () => boolean): Promise<void> {
  const { jobs } = limits;
  // What planning the batch left on this thread goes before the workers grow their heaps (collect-garbage.ts).
  collectGarbage();
  const { pool, run } = await workerPool({
    minThreads: jobs,
    maxThreads: jobs,
    isolateWorkers: false,
    execArgv: workerExecArgv(process.execArgv),
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: limits.workerHeapMb },
  });
  const window = jobs * 4;
  const results = new Map<number, { task: FileTask; result: FileResult }>();
  let next = 0;
  let flushed = 0;
  let returned = 0;
  const flush = (): void => {
    for (let done = results.get(flushed); done; done = results.get(flushed)) {
      results.delete(flushed++);
      record(done.task, done.result);
    }
  };
  const launch = async (): Promise<void> => {
    while (next < inputs.length && !stopped()) {
      const index = next++;
      const task = taskOf(inputs[index] as string);
      const converted = isLargeNotice(task) ? large(task) : run(task).catch((error: unknown) => (outOfMemory(error) ? large(task) : workerFailure(task, error)));
      results.set(index, { task, result: await converted });
      // The workers have grown their young generations by now, so this thread's may stop growing (young-generation.ts).
      if (++returned === jobs * WORKER_WARM_UP_NOTICES) stopYoungGenerationGrowth(true);
      flush();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(window, inputs.length) }, launch));
  } finally {
    stopYoungGenerationGrowth(false);
    await destroy(pool);
  }
}

type Pool = InstanceType<TinypoolModule['default']>;

/** node's options that a worker takes from the process: the profilers' (`--cpu-prof`, `--heap-prof` and their -dir, -name, -interval). */
const PROFILER_OPTION = /^--(?:cpu|heap)-prof(?:-(dir|name|interval))?(?:=|$)/;

/**
 * node's options for a worker: only the profilers', which then profile each
 * thread. V8's options are the process's anyway, and a worker refuses them:
 * under `node --max-old-space-size=4096` every worker failed to start. Nor may
 * a worker have `--input-type`, which it inherits unless options are given:
 * under `node --input-type=module -e …` every notice failed with
 * ERR_INPUT_TYPE_NOT_ALLOWED.
 */
function workerExecArgv(options: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < options.length; index++) {
    const option = options[index] as string;
    const match = PROFILER_OPTION.exec(option);
    if (!match) continue;
    kept.push(option);
    // `--cpu-prof-dir DIR`: its value is the next argument.
    if (match[1] !== undefined && !option.includes('=') && index + 1 < options.length) kept.push(options[++index] as string);
  }
  return kept;
}

/**
 * A tinypool of dist/worker.js, and how to run a task on it. A worker that
 * dies on a task fails that task. One that dies outside a task failed to
 * start: the tasks queued for it would wait for ever, so from then on every
 * task fails at once.
 */
async function workerPool(options: Omit<NonNullable<ConstructorParameters<TinypoolModule['default']>[0]>, 'filename'>): Promise<{ pool: Pool; run(task: FileTask): Promise<FileResult> }> {
  const { default: Tinypool } = await importTinypool();
  const pool = new Tinypool({ ...options, filename: fileURLToPath(new URL('./worker.js', import.meta.url)) });
  // Each task waits for the pool's failure only while it runs: a race with one promise that never settles would keep every task's result alive on it.
  const waiting = new Set<(error: unknown) => void>();
  let failure: { error: unknown } | null = null;
  pool.on('error', (error: unknown) => {
    failure = { error };
    for (const reject of waiting) reject(error);
  });
  const run = (task: FileTask): Promise<FileResult> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure.error);
      waiting.add(reject);
      (pool.run(task) as Promise<FileResult>).then(resolve, reject).finally(() => waiting.delete(reject));
    });
  return { pool, run };
}

async function destroy(pool: Pool): Promise<void> {
  lendRemoveListener(pool.threads);
  // A worker that fails while being destroyed (one that cannot start) has already failed its tasks.
  await pool.destroy().catch(() => {});
}

/**
 * A large notice converts in a child process of its own (convert-child.ts),
 * one at a time, whose heap may grow as far as this thread's may (`heapMb`:
 * V8's limit, from the machine's memory or --max-old-space-size). Should even
 * that not do, the child, not the batch, runs out of memory: the notice fails
 * with `out-of-memory`, the other files are still converted and the manifest
 * is still written. A worker thread does not do for this: one that runs out of
 * memory inside a single large allocation (the 350 MB JSON-LD text of the
 * 50 MB notice) aborts the whole process, as it did with a heap of 1 GB.
 */
function convertInChildProcess(task: FileTask, heapMb: number): Promise<FileResult> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./convert-child.js', import.meta.url)), {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      // Its stderr is read, not shown: running out of memory, V8 prints a native stack trace there.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4096)));
    let result: FileResult | null = null;
    child.once('message', (message) => (result = message as FileResult));
    child.once('error', (error) => resolve(internalError(task, `Unexpected failure to start a process to convert it (${(error as NodeJS.ErrnoException).code ?? error.message}), expected a converted notice`)));
    child.once('close', (code, signal) => {
      if (result) resolve(result);
      else if (stderr.includes('JavaScript heap out of memory')) resolve(outOfMemoryResult(task, heapMb));
      // The kernel's OOM killer ends the largest process with SIGKILL: the child, not the batch.
      else resolve(internalError(task, `Unexpected end of the process converting it (${signal === 'SIGKILL' ? 'SIGKILL: the machine may have run out of memory' : (signal ?? `exit status ${code}`)}), expected a converted notice`));
    });
    child.send(task);
  });
}

/** A notice file of {@link LARGE_NOTICE_BYTES} or more (one that cannot be read is not: its conversion reports it). */
function isLargeNotice(task: FileTask): boolean {
  return sizeOf(task.input) >= LARGE_NOTICE_BYTES;
}

function outOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function outOfMemoryResult(task: FileTask, heapMb: number): FileResult {
  return {
    ...failedResult(task),
    lines: [
      `${task.input}:1:1: error: Unexpected notice that needs more memory than node may use here (a heap of ${heapMb} MB), expected it to fit: give node more (NODE_OPTIONS=--max-old-space-size=…) or split the notice [out-of-memory]`,
    ],
  };
}

/**
 * tinypool 2.2.0's destroy() waits for each worker with node's `events.once`
 * on its own wrapper, which has `on` and `once` but no `removeListener`: a
 * worker that fails during destroy() then throws a TypeError that no caller
 * can catch, and the CLI died with a stack trace (2 runs in 30 with a worker
 * that cannot start). Each wrapper is lent the method it lacks, forwarding to
 * its thread, just before destroy() (whose first loop runs synchronously).
 */
function lendRemoveListener(wrappers: readonly unknown[]): void {
  for (const wrapper of wrappers as { thread?: NodeJS.EventEmitter; removeListener?: unknown }[]) {
    const thread = wrapper.thread;
    if (thread && wrapper.removeListener === undefined) wrapper.removeListener = thread.removeListener.bind(thread);
  }
}

/** Converted on this thread; imported only here, so a parallel batch's main thread loads the pipeline only when it needs it. */
async function convertHere(task: FileTask): Promise<FileResult> {
  const { convertFile } = await import('./convert-file.js');
  return convertFile(task);
}

/** A worker died on `task` for another reason than memory (conversion errors never get here: they are diagnostics): an error on the file. */
function workerFailure(task: FileTask, error: unknown): FileResult {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return internalError(task, `Unexpected failure of a worker thread (${code ?? (error instanceof Error ? error.message : String(error))}), expected a converted notice`);
}

function internalError(task: FileTask, reason: string): FileResult {
  return { ...failedResult(task), lines: [`${task.input}:1:1: error: ${reason} [internal-error]`] };
}

/**
 * Whether `task`'s input and overrides are what `recorded` (an earlier run's
 * entry, still current) says, and its outputs are still there: nothing to do.
 * Synchronous, like a conversion's own I/O: a re-run of an unchanged archive
 * is made of these calls, and the promise API's thread-pool round trips would
 * be most of its time.
 */
function isSkippable(task: FileTask, recorded: HeldEntry | undefined, standardOutputs: (id: string) => string[]): boolean {
  if (!recorded) return false;
  const inputSha256 = sha256OfFile(task.input);
  if (inputSha256 === null) return false;
  // Such an overrides file converts to an error, which the conversion reports.
  const overrides = readRegularFile(overridesPathOf(task.input));
  if (overrides === 'not-regular') return false;
  const entry = { file: path.basename(task.input), sha256: inputSha256, overridesSha256: overrides === null ? null : sha256(overrides.toString('utf8')) };
  return isUnchanged(recorded, entry) && (recorded.outputs ?? standardOutputs(task.id)).every((name) => existsSync(path.join(task.outDir, name)));
}

/**
 * The batch's inputs (`whole`, and this shard's), their name clashes, and
 * what the manifest an earlier run left says of them. The earlier manifest
 * and the shard keys are let go when this returns: a batch holds only the
 * entries still current, in the form {@link heldEntry} gives them (30,000
 * notices: 7 MB, where parsing the manifest makes 18 MB).
 */
async function planBatch(options: RunOptions, build: Promise<string>, settings: string, standardOutputs: (id: string) => string[]) {
  // Entries of another build or settings are needed only to tell --prune what to remove, and a walk of the output folder itself which of
  // its files are outputs; otherwise they are left out as the manifest is read (a code change: 30,000 entries not held).
  const everyEntry = options.prune === true || options.paths.some((given) => placeOf(given) === placeOf(options.outDir));
  const only = everyEntry ? null : { build: await build, settings };
  // What is planned survives: with the growth stopped, the entries read and the list of 30,000 inputs leave this thread no young
  // generation of 32 MB (young-generation.ts). The manifest is read an entry at a time (manifest.ts streamedEntries), whose garbage dies young.
  return withYoungGenerationStopped(async () => {
    const previous = readHeldManifest(options.outDir, options.formats, only);
    const { shardKeys, unread, inputs: whole } = await listInputs(options.paths, ownOutputs(options.outDir, previous.notices, standardOutputs));
    // Output names, and so their clashes, are the whole batch's: two shards must not write one name, and a shard's --check expects the others' outputs.
    const duplicates = nameClashes(whole);
    const { shard } = options;
    const inputs = shard ? whole.filter((input) => inShard(shardKeys.get(input) ?? input, shard)) : whole;
    // With --prune, the notices of the batch are all the manifest may list; whatever build wrote the others, their outputs go. Not where the
    // batch may be incomplete: a PATH mistyped, a folder unreadable or a name not UTF-8, an archive's disk not mounted (an empty folder).
    const batch = options.prune && unread.missing.length === 0 && whole.length > 0 ? new Set(whole.map(idOf)) : null;
    const removed = batch === null ? [] : [...previous.notices].filter(([id]) => !batch.has(id)).map(([id, { outputs }]): [string, string[]] => [id, outputs ?? standardOutputs(id)]);
    // Entries of another build or settings describe outputs this build did not write: nothing is skipped on them, and the next manifest drops them.
    const kept = currentEntries(previous, await build, settings, batch);
    return { whole, inputs, duplicates, unread, earlier: { identity: previous.identity, warning: previous.warning, found: previous.head !== null, kept, removed, batch } };
  });
}

/** The size of `file`; 0 when it cannot be told. */
function sizeOf(file: string): number {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/**
 * The entries of `manifest` as a batch holds them, if it was written by this
 * build with these settings (none otherwise), and only those of `batch` when
 * one is given.
 */
function currentEntries({ head, notices }: HeldManifest, build: string, settings: string, batch: ReadonlySet<string> | null): Map<string, HeldEntry> {
  if (head === null || !isWrittenBy(head, { build, settings })) return new Map();
  return batch === null ? notices : new Map([...notices].filter(([id]) => batch.has(id)));
}

/**
 * Remove the outputs of `removed`, the notices of the manifest no longer
 * among the inputs ({@link RunOptions.prune}). Of the files an entry names,
 * only those that are its notice's outputs under some `--format`
 * (`ID.json`, `ID.jsonld`, `ID.opinions.csv` … in `outDir`) are touched,
 * whatever a manifest edited by hand says. Returns a `write-failed` warning
 * for each file that could not be removed: its entry goes all the same, and
 * `--check` lists it.
 */
async function removeOutputsOf(removed: ReadonlyArray<[id: string, outputs: readonly string[]]>, outDir: string): Promise<string[]> {
  const failures: string[] = [];
  for (const [id, outputs] of removed) {
    const possible = outputNames(id, FORMATS);
    for (const name of outputs.filter((output) => possible.includes(output) && output !== MANIFEST_FILE)) {
      const file = path.join(outDir, name);
      await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) =>
        failures.push(`${file}:1:1: warning: Unexpected failure removing the output of a notice no longer among the inputs (${error.code ?? 'error'}), expected to remove it (--prune): remove it by hand [write-failed]`),
      );
    }
  }
  return failures;
}

/** Each of `inputs` whose output name is an earlier one's, with that earlier one (or the manifest's, {@link MANIFEST_FILE}). */
function nameClashes(inputs: readonly string[]): Map<string, string> {
  // NAME.json of a notice named pubcom-manifest would be the folder's manifest.
  const firstById = new Map<string, string>([[MANIFEST_ID, MANIFEST_FILE]]);
  const duplicates = new Map<string, string>();
  for (const input of inputs) {
    // On macOS and Windows, whose file systems ignore case, Kekka.json and kekka.json are one file: a clash on every machine, so the outputs are the same on all.
    const key = idOf(input).toLowerCase();
    const first = firstById.get(key);
    if (first === undefined) firstById.set(key, input);
    else duplicates.set(input, first);
  }
  return duplicates;
}

/**
 * The notice's id and output name: the file name without its extension, in
 * Unicode NFC. A file named on macOS (HFS+, or zipped there) spells ガ as カ
 * and a combining mark; the same notice then gets the same id, ids and
 * JSON-LD IRIs whichever machine named it.
 */
function idOf(input: string): string {
  return path.basename(input, path.extname(input)).normalize('NFC');
}

const MANIFEST_ID = path.basename(MANIFEST_FILE, '.json');

function duplicateResult(task: FileTask, first: string): FileResult {
  const line =
    first === MANIFEST_FILE
      ? `${task.input}:1:1: error: Unexpected input named ${task.id}, expected a name other than the output folder's ${MANIFEST_FILE}: rename it [duplicate-name]`
      : `${task.input}:1:1: error: Unexpected second input named ${task.id}, expected one input per output name (first: ${first}): convert its folder into another --out folder, or rename it [duplicate-name]`;
  return { ...failedResult(task), lines: [line] };
}

/**
 * Why no notice could be written into `outDir` any more, given the error code
 * of a failed write, or null where the failure may be the notice's own (a
 * name too long): the disk full, its quota used up, a read-only file system.
 */
function outputFolderFailureOf(writeFailure: string | null, outDir: string): string | null {
  if (writeFailure === 'ENOSPC') return `the disk of ${outDir} is full (ENOSPC)`;
  if (writeFailure === 'EDQUOT') return `the disk quota for ${outDir} is used up (EDQUOT)`;
  if (writeFailure === 'EROFS') return `${outDir} is on a read-only file system (EROFS)`;
  return null;
}

/** A file that failed with one error, written nothing. */
function failedResult(task: FileTask): FileResult {
  return {
    input: task.input,
    id: task.id,
    failed: true,
    opinions: 0,
    comments: 0,
    counts: { error: 1, warning: 0, info: 0 },
    lines: [],
    outputs: [],
    stale: [],
    sha256: null,
    overridesSha256: null,
    writeFailure: null,
  };
}

/** A stable split by a hash of the shard key (see {@link listInputs}), so shards are disjoint and their union is the whole on any machine. */
export function inShard(input: string, shard: { index: number; count: number }): boolean {
  const hash = createHash('sha256').update(input.split(path.sep).join('/')).digest();
  return hash.readUInt32BE(0) % shard.count === shard.index - 1;
}

function settingsOf(options: RunOptions): string {
  return `formats=${[...options.formats].sort(compareCodeUnits).join(',')};bom=${options.bom}`;
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * sha256 over the converter's own code (and the JSON-LD context): a changed
 * pubcom reconverts everything. The CLI and its workers run dist/pubcom.cjs,
 * the bundle at the top of dist/, so the files there hold all the code that
 * converts; the code cache beside it (pubcom.cjs.cache) converts nothing.
 */
async function buildHash(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const files = (await readdir(here)).filter((name) => /\.(?:c?js|ts)$/.test(name) && !name.endsWith('.d.ts')).sort(compareCodeUnits);
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update(await readFile(path.join(here, name)));
  hash.update(await readFile(new URL('../schemas/context.v1.jsonld', import.meta.url)));
  return hash.digest('hex');
}

/**
 * Remove the temporary files that runs killed midway left in `outDir` (a
 * folder of such a name is none: pubcom makes none). Returns a `write-failed`
 * warning for each that cannot be removed: the batch goes on beside it.
 */
async function removeLeftovers(outDir: string): Promise<string[]> {
  const failures: string[] = [];
  for await (const entry of entriesOf(outDir)) {
    if (!entry.isFile() || !isLeftover(entry.name)) continue;
    const file = path.join(outDir, entry.name);
    await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) =>
      failures.push(`${file}:1:1: warning: Unexpected failure removing a temporary file that a killed run left (${error.code ?? 'error'}), expected to remove it: remove it by hand [write-failed]`),
    );
  }
  return failures;
}

/** Outputs in `outDir` that no input of this run produces (an input was removed or renamed); an overrides file there (`--out` the input folder) is none. */
async function unexpected(outDir: string, ids: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  for await (const { name } of entriesOf(outDir)) {
    const match = /^(.+?)\.(?:json|jsonld|[a-z]+\.csv)$/.exec(name);
    if (name !== MANIFEST_FILE && match?.[1] !== undefined && !ids.has(match[1]) && !name.startsWith('.') && !name.endsWith(OVERRIDES_SUFFIX)) found.push(path.join(outDir, name));
  }
  return found;
}

/**
 * The entries of `folder`, read a few at a time; none when it cannot be
 * read. `readdir` of an output folder of 30,000 notices (150,000 files) left
 * the process 25 MB larger for the rest of the batch, though its result was
 * let go at once.
 */
async function* entriesOf(folder: string): AsyncGenerator<Dirent> {
  try {
    yield* await opendir(folder);
  } catch {
    // No folder yet (a first run), or none pubcom may read: the writes report it.
  }
}

/**
 * pubcom's own outputs, which a walk of the folders given leaves out (their
 * CSV files are no notices): the output folder where it lies among the
 * inputs (`--out archive/out`), the outputs its manifest lists where the
 * output folder is an input folder too (`--out archive`), and any other
 * folder that holds a manifest (an earlier run's output folder).
 */
interface OwnOutputs {
  /** The output folder, as {@link placeOf} tells it. */
  outDir: string;
  /** Whether `name` (no path) is the output of a notice in the manifest of `outDir`. */
  has(name: string): boolean;
}

function ownOutputs(outDir: string, notices: ReadonlyMap<string, HeldEntry>, standardOutputs: (id: string) => string[]): OwnOutputs {
  // Its notice's id is the name up to one of its dots (ids may hold dots): `a.b.opinions.csv` is of a, a.b or a.b.opinions.
  const has = (name: string): boolean =>
    [...name.matchAll(/\./g)].some(({ index }) => {
      const id = name.slice(0, index);
      const entry = notices.get(id);
      return entry !== undefined && (entry.outputs ?? standardOutputs(id)).includes(name);
    });
  return { outDir: placeOf(outDir), has };
}

/**
 * Where `folder` is: its real path, links resolved, so that a folder given
 * through a link (`convert /srv/link-to-archive --out .` run in the archive)
 * is known as the output folder; else, as for one not made yet, its absolute path.
 */
function placeOf(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}

/**
 * What the walk of the folders given found and did not read: `missing`
 * holds errors (a path, special file or folder that cannot be read, a name
 * that is not UTF-8); the others are named in notes, as nothing is left out
 * silently.
 */
interface Unread {
  missing: string[];
  /** Documents pubcom does not read (`a.pdf`, `b.docx`). */
  documents: string[];
  /** Output folders of earlier runs (holding a manifest). */
  outputFolders: string[];
  /** Links to folders, which the walk does not follow (as `find` does not): a link may loop, or lead into the archive again. */
  linkedFolders: string[];
  /** Hidden folders and notices (`.git`, `._a.txt`) and macOS's `__MACOSX`: metadata that tools and zips leave, not notices. */
  hidden: string[];
}

/**
 * The notice files of `paths` (files given, and folders walked recursively),
 * sorted by code units so every machine runs the same order, each with its
 * shard key: its path within the folder given, or the name of a file given,
 * so that a shard holds the same notices wherever the archive is
 * (`/mnt/archive`, `../archive`). Only regular files (or links to them) are
 * read: reading a FIFO or a device would wait for ever.
 */
async function listInputs(paths: readonly string[], own: OwnOutputs): Promise<{ inputs: string[]; shardKeys: Map<string, string>; unread: Unread }> {
  const shardKeys = new Map<string, string>();
  const unread: Unread = { missing: [], documents: [], outputFolders: [], linkedFolders: [], hidden: [] };
  const { missing } = unread;
  const add = (file: string, key: string): void => {
    if (!shardKeys.has(file)) shardKeys.set(file, key);
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (info && LINE_BREAK.test(given)) missing.push(nameWithLineBreak(given, info.isDirectory() ? 'folder' : 'file'));
    else if (!info) missing.push(`${oneLine(given)}:1:1: error: Unexpected missing path, expected a notice file or a folder [read-failed]`);
    else if (info.isDirectory()) for (const file of await walk(given, unread, own)) add(file, path.relative(given, file));
    else if (isSpecial(info)) missing.push(notRegular(given));
    else add(given, path.basename(given));
  }
  // A folder given twice, or inside another given, is walked twice.
  const unique = (paths: string[]): string[] => [...new Set(paths)].sort(compareCodeUnits);
  return {
    inputs: [...shardKeys.keys()].sort(compareCodeUnits),
    shardKeys,
    unread: {
      missing: unique(missing),
      documents: unique(unread.documents),
      outputFolders: unique(unread.outputFolders),
      linkedFolders: unique(unread.linkedFolders),
      hidden: unique(unread.hidden),
    },
  };
}

/** The first few of `names`, and how many more. */
function some(names: readonly string[]): string {
  return names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}

/** One line for each kind of thing the walk found and did not read, naming a few. */
function unreadNotes({ documents, outputFolders, linkedFolders, hidden }: Unread): string[] {
  return [
    ...(documents.length > 0 ? [`pubcom: not read: ${documents.length} document(s) in the folders given (${some(documents)}); pubcom reads notices as text (${INPUT_EXTENSIONS.join(' ')}): convert them first`] : []),
    ...(outputFolders.length > 0 ? [`pubcom: not read: ${some(outputFolders)}, holding ${MANIFEST_FILE}: pubcom's outputs, not notices`] : []),
    ...(linkedFolders.length > 0 ? [`pubcom: not followed: ${linkedFolders.length} link(s) to a folder (${some(linkedFolders)}): give what they lead to as a PATH to convert it`] : []),
    ...(hidden.length > 0 ? [`pubcom: not read: ${hidden.length} hidden file(s) or folder(s) (${some(hidden)}), as tools and macOS zips leave them: give one as a PATH to convert it`] : []),
  ];
}

/**
 * A `read-failed` error for each notice, document or folder in `folder`
 * whose name is not UTF-8, as a Windows zip of a Japanese archive unpacks:
 * its name in Shift_JIS (CP932), which it most likely is, and how to rename.
 */
async function nonUtf8Names(folder: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of await readdir(folder, { encoding: 'buffer' }).catch(() => [])) {
    if (isUtf8(name)) continue;
    const extension = path.extname(name.toString('latin1')).toLowerCase();
    const info = await stat(Buffer.concat([Buffer.from(folder + path.sep), name])).catch(() => null);
    if (!info?.isDirectory() && !INPUT_EXTENSIONS.includes(extension) && !DOCUMENT_EXTENSIONS.includes(extension)) continue;
    let reading: string;
    try {
      reading = `as Shift_JIS it reads ${new TextDecoder('shift_jis', { fatal: true }).decode(name)}`;
    } catch {
      reading = 'nor is it Shift_JIS';
    }
    lines.push(
      `${path.join(folder, name.toString('utf8'))}:1:1: error: Unexpected ${info?.isDirectory() ? 'folder' : 'file'} name that is not UTF-8 (${reading}), expected a UTF-8 name: rename it (convmv -f cp932 -t utf8 -r --notest ${folder}) [read-failed]`,
    );
  }
  return lines;
}

/**
 * A dot file or folder (`.git`, an editor's `.#a.txt` lock link), or macOS
 * metadata a zip made on a Mac holds: `__MACOSX/`, and `._a.txt` beside
 * `a.txt` (AppleDouble, binary), which read as a notice fails.
 */
function isHidden(entry: Dirent): boolean {
  return entry.name.startsWith('.') || (entry.name === '__MACOSX' && entry.isDirectory());
}

/** A FIFO, a socket or a device: `Stats` and `Dirent` both tell. */
function isSpecial(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): boolean {
  return info.isFIFO() || info.isSocket() || info.isCharacterDevice() || info.isBlockDevice();
}

/** A line break (LF, CR), which a file name may hold. */
const LINE_BREAK = /[\n\r]/;

/** `name` with its line breaks as escapes (`\n`), so that a line naming it stays one line. */
function oneLine(name: string): string {
  return name.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
}

/**
 * A `read-failed` error for a notice or folder whose name holds a line break
 * (a name pasted with its line end): its diagnostics and its outputs'
 * names would run over two lines, and a line of stderr would no longer be
 * one diagnostic.
 */
function nameWithLineBreak(name: string, kind: 'file' | 'folder'): string {
  return `${oneLine(name)}:1:1: error: Unexpected line break in a ${kind} name, expected a name on one line: rename it [read-failed]`;
}

function notRegular(file: string): string {
  return `${file}:1:1: error: Unexpected special file (a FIFO, socket or device), expected a regular file [read-failed]`;
}

/** The notices below `folder`, but for pubcom's own outputs (`own`); what it finds and does not read goes into `unread`. */
async function walk(folder: string, unread: Unread, own: OwnOutputs): Promise<string[]> {
  const found: string[] = [];
  // Read whole, not a few entries at a time as entriesOf does: for a folder of 30,000 notices, that made the batch's peak 15-20 MB higher.
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    unread.missing.push(`${folder}:1:1: error: Unexpected unreadable folder (${error.code ?? 'error'}), expected a folder of notices pubcom may read [read-failed]`);
    return [];
  });
  // node reads a name that is not UTF-8 with U+FFFD in place of its bytes, and no file has that name.
  if (entries.some((entry) => entry.name.includes('\uFFFD'))) pushAll(unread.missing, await nonUtf8Names(folder));
  const isOutDir = placeOf(folder) === own.outDir;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const extension = path.extname(entry.name).toLowerCase();
    if (entry.name.includes('\uFFFD')) continue;
    if (entry.isDirectory() && placeOf(full) === own.outDir) continue;
    if (LINE_BREAK.test(entry.name) && !isHidden(entry) && (entry.isDirectory() || INPUT_EXTENSIONS.includes(extension))) {
      unread.missing.push(nameWithLineBreak(full, entry.isDirectory() ? 'folder' : 'file'));
      continue;
    }
    if (isHidden(entry)) {
      if (entry.isDirectory() || INPUT_EXTENSIONS.includes(extension)) unread.hidden.push(oneLine(full));
    } else if (entry.isDirectory()) {
      if (existsSync(path.join(full, MANIFEST_FILE))) unread.outputFolders.push(oneLine(full));
      else pushAll(found, await walk(full, unread, own));
    } else if (isOutDir && own.has(entry.name)) continue;
    else if (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory()) unread.linkedFolders.push(oneLine(full));
    else if (DOCUMENT_EXTENSIONS.includes(extension)) unread.documents.push(oneLine(full));
    else if (!INPUT_EXTENSIONS.includes(extension)) continue;
    else if (isSpecial(entry) || (entry.isSymbolicLink() && isSpecial((await stat(full).catch(() => null)) ?? entry))) unread.missing.push(notRegular(full));
    else found.push(full);
  }
  return found.sort(compareCodeUnits);
}
