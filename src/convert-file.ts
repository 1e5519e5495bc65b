/**
 * One input file, end to end: read it (and its overrides), convert, emit,
 * then write the outputs atomically or, with `check`, compare them. Runs in
 * the main thread or in a worker, which reads its file itself so that only a
 * small summary crosses threads. Every failure is a diagnostic on the file.
 * Its file I/O is synchronous: the thread has nothing else to do meanwhile,
 * and on 1,000 notices the promise API's thread-pool round trips cost about
 * a fifth of the batch's wall time.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { formatMessage, report, severityOf, sortedMessages } from './diagnostics.js';
import { emitLazily, type LazyOutput } from './emit/index.js';
import { emptyResult, type FileResult, type FileTask } from './file-result.js';
import { overridesPathOf, temporaryNameOf, writeAllAtomically } from './files.js';
import { sha256 } from './hash.js';
import { CONTEXT_FILE } from './emit/jsonld.js';
import { convertNotice, StageError } from './pipeline.js';
import { Overrides } from './schema/overrides.js';

let contextPromise: Promise<object> | undefined;

/** The committed JSON-LD context, read once per thread from the package's `schemas/` folder. */
export function loadContext(): Promise<object> {
  contextPromise ??= readFile(new URL(`../schemas/${CONTEXT_FILE}`, import.meta.url), 'utf8').then((text) => JSON.parse(text) as object);
  return contextPromise;
}

export async function convertFile(task: FileTask): Promise<FileResult> {
  const file = new VFile({ path: task.input });
  const result = emptyResult(task);
  const files = await produce(task, file, result);
  if (files) {
    result.outputs = files.map(([name]) => name);
    try {
      if (task.check) result.stale = differing(task.outDir, files);
      else if (!writeAll(task.outDir, files, task.input, result)) noneWritten(result);
    } catch (error) {
      // Not the file system's (writeAll reports that): an emitter's.
      report(file, 'internal-error', `Unexpected failure in emit: ${error instanceof Error ? error.message : String(error)}`);
      noneWritten(result);
    }
  }
  for (const message of sortedMessages(file)) {
    const severity = severityOf(message);
    result.counts[severity]++;
    if (severity !== 'info' || task.verbose) result.lines.push(formatMessage(task.input, message));
  }
  result.failed ||= result.counts.error > 0;
  return result;
}

/**
 * The largest input converted. A notice's records are built whole: 50 MB of
 * input takes about 2.2 GB, and past about 100 MB its JSON-LD no longer fits in
 * one JavaScript string. A bigger file (a stray dump in an archive folder) is
 * refused at once rather than taking the batch's memory for minutes.
 */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The outputs of one notice, each text made only when written (emitLazily), or null when it cannot be converted (the reasons are on `file`). */
async function produce(task: FileTask, file: VFile, result: FileResult): Promise<LazyOutput[] | null> {
  let bytes: Uint8Array;
  try {
    const size = statSync(task.input).size;
    if (size > MAX_INPUT_BYTES) {
      report(file, 'file-too-large', `Unexpected file of ${size.toLocaleString('en-US')} bytes, expected a notice of at most ${MAX_INPUT_BYTES.toLocaleString('en-US')} (${MAX_INPUT_BYTES / 2 ** 20} MiB): split it`, { line: 1, column: 1, offset: 0 });
      return null;
    }
    bytes = readFileSync(task.input);
  } catch (error) {
    report(file, 'read-failed', `Unexpected unreadable file (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a readable notice`);
    return null;
  }
  const overrides = readOverrides(task.input, file, result);
  if (overrides === null) return null;
  try {
    const conversion = convertNotice({ id: task.id, fileName: path.basename(task.input), bytes, overrides }, file);
    if (!conversion) return null;
    result.sha256 = conversion.document.notice.source.sha256;
    result.opinions = conversion.document.opinions.length;
    result.comments = conversion.document.opinions.reduce((sum, opinion) => sum + opinion.comments.length, 0);
    return emitLazily(conversion.document, conversion.text, { formats: task.formats, bom: task.bom, context: await loadContext() });
  } catch (error) {
    const where = error instanceof StageError ? `stage ${error.stage}` : 'convert';
    report(file, 'internal-error', `Unexpected failure in ${where}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** `NAME.pubcom.json` beside `NAME.txt`: {} when absent, null (and a diagnostic) when invalid. */
function readOverrides(input: string, file: VFile, result: FileResult): Overrides | null {
  const overridesPath = overridesPathOf(input);
  const text = readText(overridesPath);
  if (text === null) return {};
  const where = path.basename(overridesPath);
  if (text instanceof Error) {
    report(file, 'overrides-invalid', `Unexpected unreadable ${where} (${text.code ?? 'error'}), expected a readable JSON file`);
    return null;
  }
  result.overridesSha256 = sha256(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    report(file, 'overrides-invalid', `Unexpected invalid JSON in ${where}: ${(error as Error).message}`);
    return null;
  }
  const parsed = Overrides.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  report(file, 'overrides-invalid', `Unexpected ${where} field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}, expected the overrides schema`);
  return null;
}

/** A file's text, null when there is none, or the error that kept it from being read. */
function readText(file: string): string | null | NodeJS.ErrnoException {
  try {
    // A FIFO or a device in place of an overrides or output file could keep the read waiting for ever.
    if (!statSync(file).isFile()) return Object.assign(new Error(`${file}: not a regular file`), { code: 'not a regular file' });
    return readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as NodeJS.ErrnoException);
  }
}

/** A notice whose outputs were not written: it fails, and the batch's summary counts none of its opinions and comments, which no output holds. */
function noneWritten(result: FileResult): void {
  result.failed = true;
  result.outputs = [];
  result.stale = [];
  result.opinions = 0;
  result.comments = 0;
}

/** False, with a `write-failed` error, when the file system refused; any other failure (of the emitters that make `files`) is thrown. */
function writeAll(outDir: string, files: LazyOutput[], input: string, result: FileResult): boolean {
  try {
    mkdirSync(outDir, { recursive: true });
    writeAllAtomically(files.map(([name, make]) => [path.join(outDir, name), make]));
    return true;
  } catch (error) {
    if (!(error instanceof Error && 'syscall' in error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    result.writeFailure = code;
    result.lines.push(`${input}:1:1: error: Unexpected failure writing to ${outDir} (${code}), expected ${writableBecause(code, result.outputs)} [write-failed]`);
    result.counts.error++;
    return false;
  }
}

/** What writing needed and did not find, by error code. A Japanese title of 80 characters is 240 bytes; most file systems allow names of 255. */
function writableBecause(code: string, names: readonly string[]): string {
  if (code === 'ENOSPC') return 'free space in the output folder';
  if (code !== 'ENAMETOOLONG') return 'a writable output folder';
  const longest = Math.max(...names.map((name) => Buffer.byteLength(path.basename(temporaryNameOf(name)))));
  return `a shorter input file name: the longest output's temporary name is ${longest} bytes, and most file systems allow 255`;
}

function differing(outDir: string, files: LazyOutput[]): string[] {
  // Each text is made and compared in a call of its own, so it is let go before the next is made.
  const differs = (name: string, make: () => string): boolean => readText(path.join(outDir, name)) !== make();
  return files.filter(([name, make]) => differs(name, make)).map(([name]) => name);
}
