/**
 * Work on worker threads, without the CLI: a reference for a parallel batch.
 * The same files are split over `threads` threads (every n-th file). Each
 * thread reads its files and loads its code first; then, started together,
 * every thread does its share twice: a cold pass (its JIT warming up, as in
 * a real batch) and a warm pass. Each pass is timed from the start signal to
 * the last thread ending. The work is either the floor (hast-util-from-html
 * parsing) or pubcom's pipeline and emitters in memory (no file written).
 * Comparing one thread with two shows what a second thread gains on this
 * machine for work that shares nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import { floorJobs, timeFloor } from './floor.js';

export type ThreadWork = 'floor' | 'pipeline';

export interface PassTimes {
  coldMs: number;
  warmMs: number;
}

interface ThreadInput {
  files: string[];
  work: ThreadWork;
}

/** Wall times of a cold and a warm pass over every file of `files` on `threads` threads. */
export async function timeOnThreads(files: readonly string[], threads: number, work: ThreadWork): Promise<PassTimes> {
  const shares = Array.from({ length: threads }, (_, thread) => files.filter((_, index) => index % threads === thread));
  const workers = shares.map((share) => new Worker(new URL(import.meta.url), { workerData: { files: share, work } satisfies ThreadInput }));
  try {
    await everyMessage(workers); // read and loaded
    const pass = async (): Promise<number> => {
      const started = performance.now();
      for (const worker of workers) worker.postMessage('go');
      await everyMessage(workers);
      return performance.now() - started;
    };
    const coldMs = await pass();
    return { coldMs, warmMs: await pass() };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The next message of every worker; a worker that fails or exits first rejects. */
function everyMessage(workers: readonly Worker[]): Promise<unknown[]> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve, reject) => {
          const fail = (error: unknown): void => {
            worker.off('message', done);
            reject(error instanceof Error ? error : new Error(`bench thread exited with ${String(error)}`));
          };
          const done = (message: unknown): void => {
            worker.off('error', fail).off('exit', fail);
            resolve(message);
          };
          worker.once('message', done).once('error', fail).once('exit', fail);
        }),
    ),
  );
}

/** One pass of the work over the thread's files, set up once (files read, modules loaded). */
async function prepare(input: ThreadInput): Promise<() => void> {
  const notices = input.files.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }));
  if (input.work === 'floor') {
    const jobs = floorJobs(notices);
    return () => void timeFloor(jobs);
  }
  const [{ convertNotice }, { emitAll, FORMATS }, { loadContext }] = await Promise.all([import('../pipeline.js'), import('../emit/index.js'), import('../convert-file.js')]);
  const context = await loadContext();
  const encoder = new TextEncoder();
  const inputs = notices.map(({ name, text }) => ({ id: path.basename(name, path.extname(name)), fileName: path.basename(name), bytes: encoder.encode(text) }));
  return () => {
    for (const notice of inputs) {
      const conversion = convertNotice(notice, new VFile({ path: notice.fileName }));
      if (conversion) emitAll(conversion.document, conversion.text, { formats: FORMATS, bom: false, context });
    }
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const pass = await prepare(workerData as ThreadInput);
  port.on('message', () => {
    pass();
    port.postMessage('done');
  });
  port.postMessage('ready');
}
