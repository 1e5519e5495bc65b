/**
 * File conventions shared by the batch and its workers: where a notice's
 * overrides live, and how an output is written so that no reader ever sees
 * half a file. Kept apart from the pipeline so the batch's main thread can
 * use them without loading it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function overridesPathOf(input: string): string {
  return input.slice(0, input.length - path.extname(input).length) + '.pubcom.json';
}

/** Temporary files of ours (`.NAME.0123456789ab.tmp`), which a killed run may leave behind. */
export const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Write `content` to a temporary name beside `target`, then rename: a reader
 * never sees half a file. Synchronous: a notice's outputs are written on its
 * own (worker) thread, which has nothing else to do meanwhile, and the sync
 * calls skip the thread-pool round trips of the promise API.
 */
export function writeAtomically(target: string, content: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
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
