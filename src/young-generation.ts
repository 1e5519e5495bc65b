/**
 * The young generation (V8's new space, where objects start) of the thread
 * that runs a batch. V8 grows a thread's young generation each time the bytes
 * that survived its collections since it last grew exceed its size, up to two
 * semi-spaces of 16 MB, and gives it back only when it reduces the heap for
 * memory. What a batch holds (the inputs listed, the manifest entries, the
 * tasks in flight) survives, so over 30,000 notices that thread's young
 * generation reached 32 MB: 236 MiB of peak RSS, 210 MiB with its growth
 * stopped.
 *
 * V8 reads `--semi-space-growth-factor` at each growth, and 1 stops it. The
 * flag is the process's, and each isolate that starts (a worker thread) sets
 * it back to V8's default of 2 (Heap::ConfigureHeap). So a batch stops the
 * growth from the moment it reads its manifest (an entry at a time, whose
 * garbage dies young) until its workers start (it lists its inputs, and
 * finds those unchanged), lets it be while they start and grow theirs
 * (stopped at their start size, they collected 2,104 times instead of 499
 * over 1,000 notices), and stops it again once they have.
 * A notice converted with the growth stopped collects more, the more so the
 * larger it is (the 50 MB notice took 25-27 s instead of 15-19 s): this
 * thread converts with the default, and so does a process of its own.
 */
import { setFlagsFromString } from 'node:v8';

/** Stop (or let again) V8 grow the young generation of the threads of this process; V8's default lets it. */
export function stopYoungGenerationGrowth(stop: boolean): void {
  // The default value again, not merely a different one: V8's code cache records the flags that differ from it (load-bundle.ts).
  setFlagsFromString(`--semi-space-growth-factor=${stop ? 1 : 2}`);
}

/** `work`, with the growth stopped while it runs. */
export async function withYoungGenerationStopped<T>(work: () => Promise<T>): Promise<T> {
  stopYoungGenerationGrowth(true);
  try {
    return await work();
  } finally {
    stopYoungGenerationGrowth(false);
  }
}
