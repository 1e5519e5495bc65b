/**
 * The last step of `npm run build`: V8's code cache for dist/pubcom.cjs
 * (load-bundle.ts). It converts the first notices of input/ one by one on this
 * thread, as one-notice runs do, then saves the bytecode of every function
 * compiled so far. The cache only saves time: it changes no output, and the
 * build hash of the manifest leaves it out.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FILE, loadBundle } from './load-bundle.js';
import { INPUT_EXTENSIONS } from './list-inputs.js';

/** The repository's input/ holds one notice of each layout; an archive copied there would make every build convert all of it. */
const WARM_UP_NOTICES = 8;
/** A large notice runs the same code as a small one, only longer, and in a process of its own: not on this thread, whose compiled code the cache saves. */
const WARM_UP_MAX_BYTES = 1_000_000;

rmSync(CACHE_FILE, { force: true });
const { bundle, script } = loadBundle();
const inputDir = fileURLToPath(new URL('../input/', import.meta.url));
const notices = (existsSync(inputDir) ? readdirSync(inputDir) : [])
  .filter((name) => INPUT_EXTENSIONS.includes(path.extname(name).toLowerCase()))
  .sort()
  .map((name) => path.join(inputDir, name))
  .filter((file) => (statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) <= WARM_UP_MAX_BYTES)
  .slice(0, WARM_UP_NOTICES);
const out = mkdtempSync(path.join(os.tmpdir(), 'pubcom-build-cache-'));
try {
  for (const notice of notices) await bundle.runCli(['convert', notice, '--out', out, '--quiet']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
writeFileSync(CACHE_FILE, script.createCachedData());
