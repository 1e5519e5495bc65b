/**
 * Where each notice of a batch is converted: on worker threads, each reading
 * its own file; a large notice in a child process of its own; a single file,
 * or every file with `jobs` 0, on this thread. Results come back in input
 * order, whatever order the workers finish in.
 */
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyResult, type FileResult, type FileTask } from './file-result.js';
import { collectGarbage } from './collect-garbage.js';
import { stopYoungGenerationGrowth } from './young-generation.js';

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
export async function convertAll(inputs: readonly string[], taskOf: (input: string) => FileTask, limits: { jobs: number; workerHeapMb: number; largeNoticeHeapMb: number }, record: RecordResult, stopped: () => boolean): Promise<void> {
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

/** The size of `file`; 0 when it cannot be told. */
function sizeOf(file: string): number {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/** A file that failed with one error, written nothing. */
export function failedResult(task: FileTask): FileResult {
  return { ...emptyResult(task), failed: true, counts: { error: 1, warning: 0, info: 0 } };
}
