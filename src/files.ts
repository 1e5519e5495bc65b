/**
 * File conventions shared by the batch and its workers: where a notice's
 * overrides live, and how an output is written so that no reader ever sees
 * half a file. Kept apart from the pipeline so the batch's main thread can
 * use them without loading it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `NAME.pubcom.json` beside `NAME.txt`: a notice's overrides. */
export const OVERRIDES_SUFFIX = '.pubcom.json';

export function overridesPathOf(input: string): string {
  return input.slice(0, input.length - path.extname(input).length) + OVERRIDES_SUFFIX;
}

/** Temporary files of ours (`.NAME.00003039a1b2.tmp`: the writing process's pid and a random part, in hex), which a killed run may leave behind. */
const TEMPORARY = /^\..+\.([0-9a-f]{8})[0-9a-f]{4}\.tmp$/;

/** Where `target` is written before its rename: beside it, so that the rename stays on one file system; `TEMPORARY` matches its name. */
export function temporaryNameOf(target: string): string {
  const writer = process.pid.toString(16).padStart(8, '0');
  return path.join(path.dirname(target), `.${path.basename(target)}.${writer}${randomBytes(2).toString('hex')}.tmp`);
}

/**
 * Whether `name` is a temporary file that a run of pubcom killed on this
 * machine left: its writer is no longer running. Another run converting into
 * the same folder at this moment (a nightly run that overlaps the last) is
 * still writing its own, which must stay.
 */
export function isLeftover(name: string): boolean {
  const writer = TEMPORARY.exec(name)?.[1];
  if (writer === undefined) return false;
  try {
    process.kill(Number.parseInt(writer, 16), 0);
    return false;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Write `content` to a temporary name beside `target`, then rename: a reader
 * never sees half a file. Synchronous: a notice's outputs are written on its
 * own (worker) thread, which has nothing else to do meanwhile, and the sync
 * calls skip the thread-pool round trips of the promise API.
 */
export function writeAtomically(target: string, content: Text): void {
  writeAllAtomically([[target, () => content]]);
}

/** A file's text, whole or in parts that are written as they come (a large manifest). */
export type Text = string | Iterable<string>;

/**
 * Write each file of `contents` ([target path, what makes its text])
 * to a temporary name first and rename them only once all are written, so
 * that a failure to write (a full disk, a name too long, or the failure of
 * what makes a text) leaves every target as it was rather than some of a
 * notice's outputs new and some old. (A rename fails only when a target is a
 * folder or the like.) No temporary file is left behind. A target that holds
 * its new text already is left as it is ({@link holdsText}).
 */
export function writeAllAtomically(contents: ReadonlyArray<readonly [target: string, make: () => Text]>): void {
  const temporaries: Array<[temporary: string, target: string]> = [];
  try {
    for (const [target, make] of contents) {
      const temporary = temporaryNameOf(target);
      temporaries.push([temporary, target]);
      if (writeText(temporary, make, target) === 'unchanged') temporaries.pop();
    }
    for (const [temporary, target] of temporaries) renameSync(temporary, target);
  } catch (error) {
    for (const [temporary] of temporaries) rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Write what `make` makes to `file`, unless `target` holds it already. A text
 * made here is let go when this call returns: held in a loop's variable, the
 * JSON text of a 50 MB notice (200 MB) stayed alive while its JSON-LD was
 * made, as V8 keeps a frame's dead values until they are overwritten.
 */
function writeText(file: string, make: () => Text, target: string): 'written' | 'unchanged' {
  const text = make();
  if (typeof text === 'string') {
    if (holdsText(target, text)) return 'unchanged';
    writeFileSync(file, text);
    return 'written';
  }
  const descriptor = openSync(file, 'w');
  try {
    let pending = '';
    for (const part of text) {
      pending += part;
      if (pending.length >= PART_CHARACTERS) {
        writeFileSync(descriptor, pending);
        pending = '';
      }
    }
    writeFileSync(descriptor, pending);
  } finally {
    closeSync(descriptor);
  }
  return 'written';
}

/**
 * Whether `file` is a regular file whose bytes are those of `text` (UTF-8).
 * A run that converts notices to the outputs they have (`--force`, a new
 * version of pubcom that changed little) leaves those files untouched, their
 * dates too, so that what syncs or diffs the folder sees only what changed;
 * and over 1,000 such notices it took 6.1-6.5 s instead of 7.6-8.1 s, as each
 * file replaced costs the file system a new inode and the freeing of the old.
 * A file over 16 MiB is written again rather than held twice to be compared.
 */
function holdsText(file: string, text: string): boolean {
  try {
    const stats = lstatSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size > MAX_COMPARED_BYTES || stats.size !== Buffer.byteLength(text)) return false;
    return readFileSync(file).equals(Buffer.from(text));
  } catch {
    // Unreadable (a file of another user's): replaced, as one that differs.
    return false;
  }
}

const MAX_COMPARED_BYTES = 16 * 1024 * 1024;

/** Parts are gathered into writes of about this many characters: one system call per notice of a manifest would be 30,000. */
const PART_CHARACTERS = 1 << 16;

/**
 * Run `update` holding `lockFile`, created exclusively: runs of pubcom that
 * read, merge and write one file (shards converting into one folder, each
 * writing the manifest) take turns, and none loses what another wrote. A
 * lock older than {@link STALE_LOCK_MS} is a killed run's and is taken over;
 * where no lock can be made (a read-only folder) or after
 * {@link LOCK_WAIT_MS} of waiting, `update` runs anyway.
 */
export function withFileLock(lockFile: string, update: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) return update();
      const age = Date.now() - (statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lockFile, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 10);
    }
  }
  try {
    update();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** A manifest is read, merged and written in well under a second (10,000 notices: about 0.1 s). */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 20_000;

/**
 * The bytes of `file`, read a `buffer` at a time: each piece is a view of
 * `buffer`, valid until the next is read. Throws where it is no regular file
 * (a FIFO could wait for ever) or cannot be read.
 */
export function* piecesOfFile(file: string, buffer: Buffer): Generator<Uint8Array> {
  // Without O_NONBLOCK, opening a FIFO waits for a writer.
  const descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(descriptor).isFile()) throw new Error(`${file} is no regular file`);
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) yield buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

/** The bytes of `file`; null when it is absent or unreadable; 'not-regular' for a FIFO, device or folder, whose read could wait for ever. */
export function readRegularFile(file: string): Buffer | null | 'not-regular' {
  try {
    return statSync(file).isFile() ? readFileSync(file) : 'not-regular';
  } catch {
    return null;
  }
}
