/**
 * Reads a large manifest on a thread of its own (run.ts readManifestApart)
 * and sends back the batch's view of it. Parsing the manifest of 30,000
 * notices makes 18 MB of objects from 14 MB of text at once: on the batch's
 * own thread they grew its young generation to 32 MB for the first minute of
 * the batch; here they go with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from './emit/index.js';
import type { WrittenBy } from './manifest.js';
import { loadBundle } from './load-bundle.js';
import { stopYoungGenerationGrowth } from './young-generation.js';

const { outDir, formats, only } = workerData as { outDir: string; formats: Format[]; only: WrittenBy | null };
const { bundle } = loadBundle();
// The entries sent survive on the batch's thread, whose young generation should not grow for them (young-generation.ts); the batch lets
// it grow again once this thread has ended. Only now: V8's code cache, just loaded, is refused under flags other than those it was made with.
stopYoungGenerationGrowth(true);
parentPort?.postMessage(bundle.readHeldManifest(outDir, formats, only));
