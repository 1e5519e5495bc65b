/**
 * What a batch hands a thread to convert (a task) and what comes back (a
 * result): plain data, as it crosses threads and processes. Kept apart from
 * convert-file.ts so that the batch's main thread, which makes tasks and
 * reads results, does not load the pipeline.
 */
import type { Format } from './emit/index.js';

export interface FileTask {
  input: string;
  /** The output name: the file name without its extension. */
  id: string;
  outDir: string;
  formats: readonly Format[];
  bom: boolean;
  check: boolean;
  verbose: boolean;
}

export interface FileResult {
  input: string;
  id: string;
  /** A diagnostic of severity error, or outputs that could not be written. */
  failed: boolean;
  opinions: number;
  comments: number;
  counts: { error: number; warning: number; info: number };
  /** Diagnostics as printed (`file:line:column: severity: reason [rule]`), in source order. */
  lines: string[];
  /** Output file names written (or, with check, that would be written). */
  outputs: string[];
  /** With check: output file names whose content differs from what is on disk. */
  stale: string[];
  /** Of the input bytes and of its overrides file (null when there is none): what the manifest records. */
  sha256: string | null;
  overridesSha256: string | null;
  /** The file system's error code where the outputs could not be written (`ENOSPC`: the disk is full), else null. */
  writeFailure: string | null;
}

/** The result of `task` before anything is known of it: not failed, nothing counted, nothing written. */
export function emptyResult(task: FileTask): FileResult {
  return {
    input: task.input,
    id: task.id,
    failed: false,
    opinions: 0,
    comments: 0,
    counts: { error: 0, warning: 0, info: 0 },
    lines: [],
    outputs: [],
    stale: [],
    sha256: null,
    overridesSha256: null,
    writeFailure: null,
  };
}
