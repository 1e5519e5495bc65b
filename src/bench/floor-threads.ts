/**
 * The floor on worker threads: a reference for a parallel batch. The same
 * files are split over `threads` threads (every n-th file), each reading its
 * files and parsing them with hast-util-from-html as the floor does; the time
 * is from starting the threads to the last one ending. Comparing one thread
 * with two shows what a second thread gains on this machine for work that
 * shares nothing, over a batch this short (each thread warms up its own JIT).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { floorJobs, timeFloor } from './floor.js';

interface ThreadInput {
  files: string[];
}

/** Wall time of parsing every file of `files` on `threads` threads. */
export async function timeFloorOnThreads(files: readonly string[], threads: number): Promise<number> {
  const started = performance.now();
  const shares = Array.from({ length: threads }, (_, thread) => files.filter((_, index) => index % threads === thread));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { files: share } satisfies ThreadInput });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor thread exited with ${code}`))));
        }),
    ),
  );
  return performance.now() - started;
}

if (!isMainThread && parentPort) {
  const { files } = workerData as ThreadInput;
  const notices = files.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }));
  parentPort.postMessage(timeFloor(floorJobs(notices)).nodes);
}
