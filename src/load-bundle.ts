/**
 * Loads dist/pubcom.cjs, the CLI bundled by esbuild into one CommonJS file,
 * with the V8 code cache that the build leaves beside it (build-cache.ts).
 * A one-notice run is mostly start-up: compiling the bundle, then each
 * function on its first call. The cache holds the bytecode of every function
 * a conversion calls: with it, one notice took 202 ms instead of 251 ms
 * (medians of 15 alternating runs). node 20 caches no ES module
 * (module.enableCompileCache came with node 22), hence CommonJS and
 * vm.Script. A missing cache, or one V8 rejects (another node version, or
 * other V8 flags: `--max-old-space-size` is one), only means compiling as
 * without it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

type Bundle = typeof import('./bundle.js');

const BUNDLE_FILE = fileURLToPath(new URL('./pubcom.cjs', import.meta.url));
export const CACHE_FILE = `${BUNDLE_FILE}.cache`;

/**
 * Each worker thread is a V8 isolate that compiles the hot code again for
 * itself: on a cold batch, TurboFan's compiler threads took as much CPU as the
 * conversion (3.8 s beside 4.9 s for 1,000 notices), and with two workers that
 * cost is paid twice on two cores. Without inlining, compiling costs about
 * half and the conversion the same, so a batch takes about a tenth less CPU.
 * V8 flags are per process (a worker's execArgv cannot set them) and read
 * when a function is compiled, so the main thread sets this before it
 * compiles the bundle and starts any worker. The code cache records the flags
 * it was made under, and the build loads the bundle here too.
 */
function setV8Flags(): void {
  if (isMainThread) setFlagsFromString('--no-turbo-inlining');
}

/** The bundle's exports, and its script (whose code cache build-cache.ts saves). */
export function loadBundle(): { bundle: Bundle; script: vm.Script } {
  setV8Flags();
  const source = readFileSync(BUNDLE_FILE, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: pathToFileURL(BUNDLE_FILE).href,
    cachedData: cacheOrUndefined(),
  });
  const module = { exports: {} as Bundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE_FILE), module, BUNDLE_FILE, path.dirname(BUNDLE_FILE));
  module.exports.useTinypoolImporter(() => import('tinypool'));
  return { bundle: module.exports, script };
}

function cacheOrUndefined(): Buffer | undefined {
  try {
    return readFileSync(CACHE_FILE);
  } catch {
    return undefined;
  }
}
