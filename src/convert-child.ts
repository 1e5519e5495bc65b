/**
 * The child process that converts one large notice (convert-all.ts
 * convertInChildProcess): there, running out of memory ends only this
 * process, where on a worker thread it could abort the whole batch. It
 * converts the task it is sent, sends back the result and ends. Ctrl-C,
 * SIGTERM and SIGHUP reach it too (a terminal signals the whole process
 * group): it leaves them to the batch, which lets it finish or, on a second
 * signal, ends, and so disconnects it.
 */
import type { FileTask } from './file-result.js';
import { loadBundle } from './load-bundle.js';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});
process.once('disconnect', () => process.exit());
process.once('message', (task: FileTask) => {
  void loadBundle()
    .bundle.convertFile(task)
    .then((result) => process.send?.(result, () => process.disconnect()));
});
