/**
 * A full garbage collection of this thread's heap, now. A batch's own thread
 * allocates in bursts and mostly waits for its workers in between, allocating
 * too little for V8 to collect again soon: what a burst left stays until V8's
 * memory reducer runs, or the old generation reaches a limit set well above
 * what the thread holds. Planning the batch (its manifest read, its inputs
 * listed, those unchanged found) left about 35 MB for 60,000 notices, which
 * stayed 9 to 15 s into the batch, after the workers had grown their heaps:
 * 223-228 MiB of peak RSS then, 187-200 MiB with this collection first. Each
 * checkpoint reads back the manifest it wrote last, an entry at a time; what
 * that promoted out of the young generation added up over the checkpoints of
 * 60,000 notices to 45 MB before V8 collected it (253 MiB of peak RSS).
 *
 * node exposes `gc` only under `--expose-gc`. The flag is read as a context
 * is made, so it is set just long enough to make one, whose `gc` stays
 * callable, and set back to V8's default at once: the code cache records the
 * flags that differ from it (load-bundle.ts), and the workers load that
 * cache as they start.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `gc`, where node was started with `--expose-gc`: the flag is then left as it is. */
let gc = (globalThis as { gc?: () => void }).gc ?? null;

export function collectGarbage(): void {
  if (gc === null) {
    setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as () => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  gc();
}
