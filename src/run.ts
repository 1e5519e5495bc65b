/**
 * The batch: list the inputs (sorted, optionally one shard of them), skip
 * those the manifest shows unchanged, convert the others on worker threads,
 * print their diagnostics in input order, and keep the manifest. With
 * `check` nothing is written and every output is compared instead. One
 * failing file never stops the others: it becomes diagnostics and exit 1.
 */
import { createHash } from 'node:crypto';
import { existsSync, type Dirent } from 'node:fs';
import { opendir, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { FileResult, FileTask } from './file-result.js';
import { convertAll, failedResult, WORKER_HEAP_MB } from './convert-all.js';
import { listInputs, ownOutputs, placeOf, some, unreadNotes } from './list-inputs.js';
import { isLeftover, OVERRIDES_SUFFIX, overridesPathOf, readRegularFile, withFileLock, writeAtomically } from './files.js';
import { sha256, sha256OfFile } from './hash.js';
import { compareCodeUnits } from './diagnostics.js';
import { FORMATS, outputNames, type Format } from './emit/index.js';
import { fileIdentity, heldEntry, isUnchanged, isWrittenBy, MANIFEST_FILE, manifestParts, mergedEntries, NotStreamable, readHeldManifest, readManifestText, readWholeManifest, sortedEntries, streamedEntries, type HeldEntry, type HeldManifest } from './manifest.js';
import { createProgress, NO_PROGRESS } from './progress.js';
import { filtered, pushAll } from './arrays.js';
import { withYoungGenerationStopped } from './young-generation.js';
import { collectGarbage } from './collect-garbage.js';

export interface RunOptions {
  paths: string[];
  outDir: string;
  formats: readonly Format[];
  bom: boolean;
  /** Write nothing; list the outputs that differ from what is in `outDir`. */
  check: boolean;
  /** Also print info diagnostics. */
  verbose: boolean;
  /**
   * Worker threads. Default: the number of cores. 0 converts on the calling
   * thread (for embedding and tests; its heap is not capped, so a long batch
   * can take more memory). A single file is converted on this thread, unless
   * it is a large notice (convert-all.ts, `LARGE_NOTICE_BYTES`).
   */
  jobs?: number;
  /** Convert every input, even those the manifest shows unchanged. */
  force?: boolean;
  /**
   * The inputs given are the whole archive of `outDir`: the outputs of the
   * notices its manifest lists that are no longer among them (removed or
   * renamed) are removed, with their entries, so that a re-run leaves the
   * folder a conversion from scratch would.
   */
  prune?: boolean;
  /** Only the inputs of shard `index` (1-based) of `count`, split by a hash of their path. */
  shard?: { index: number; count: number } | null;
  /** Draw a progress bar on this terminal stream. */
  progress?: NodeJS.WriteStream | null;
  /** Otherwise, write a line of progress to this stream every minute (a log of a long batch). */
  progressLog?: NodeJS.WritableStream | null;
  /** Cap of each worker's old-generation heap in MB (default {@link WORKER_HEAP_MB}); a notice that needs more is converted again in a process of its own. */
  workerHeapMb?: number;
  /** Cap of the heap of that process of its own, in MB (default: as far as this thread's heap may grow). */
  largeNoticeHeapMb?: number;
  /** How often the manifest is also written while the batch runs, in ms (default {@link CHECKPOINT_MS}). */
  checkpointMs?: number;
  /**
   * Aborted by the CLI on a first Ctrl-C (or SIGTERM): no further notice
   * starts, the manifest of the notices converted so far is written at once
   * (in case the process is killed next), those in progress finish, and run()
   * returns, its summary counting the inputs left unconverted as `stopped`.
   */
  stopping?: AbortSignal;
  /**
   * Aborted by the CLI on a second one, which then ends the process: the
   * manifest of the notices converted so far is written at once, so that the
   * next run skips them.
   */
  interrupted?: AbortSignal;
}

/**
 * A batch also writes its manifest every so often while it runs: a run
 * killed midway (a laptop's lid closed, a job's time limit) leaves the
 * manifest of the notices it converted, and the next run skips them.
 */
const CHECKPOINT_MS = 30_000;

export interface Reporter {
  out(line: string): void;
  err(line: string): void;
}

export interface RunSummary {
  exitCode: 0 | 1;
  files: number;
  converted: number;
  skipped: number;
  failed: number;
  /** Inputs left unconverted because the batch was stopped ({@link RunOptions.stopping}). */
  stopped: number;
  /** Notices no longer among the inputs whose outputs were removed ({@link RunOptions.prune}). */
  removed: number;
  opinions: number;
  comments: number;
  counts: { error: number; warning: number; info: number };
  stale: string[];
  wallMs: number;
}

export async function run(options: RunOptions, reporter: Reporter): Promise<RunSummary> {
  const started = performance.now();
  const manifestPath = path.join(options.outDir, MANIFEST_FILE);
  // The code hash reads the whole build: it runs while the inputs are listed, and is awaited only where needed.
  const build = buildHash();
  const stamp = Promise.all([version(), build]).then(([pubcom, hash]) => ({ pubcom, build: hash }));
  const settings = settingsOf(options);
  const standardOutputs = (id: string): string[] => outputNames(id, options.formats);
  const { whole, inputs, duplicates, unread, earlier } = await planBatch(options, build, settings, standardOutputs);
  // Made as each input comes up, not held for the whole batch.
  const taskOf = (input: string): FileTask => ({ input, id: idOf(input), outDir: options.outDir, formats: options.formats, bom: options.bom, check: options.check, verbose: options.verbose });
  const { missing } = unread;
  const summary: RunSummary = {
    exitCode: 0,
    files: inputs.length,
    converted: 0,
    skipped: 0,
    failed: missing.length,
    stopped: 0,
    removed: 0,
    opinions: 0,
    comments: 0,
    counts: { error: missing.length, warning: earlier.warning === null ? 0 : 1, info: 0 },
    stale: [],
    wallMs: 0,
  };
  for (const line of [...missing, ...unreadNotes(unread), ...(earlier.warning === null ? [] : [earlier.warning])]) reporter.err(line);

  /**
   * The entries of the inputs this run converted since it last wrote the manifest: under another build or settings, the only ones the new
   * manifest can vouch for. The file keeps those written.
   */
  const written = new Map<string, HeldEntry>();
  /** Inputs this run failed to convert: no manifest it writes vouches for their outputs. */
  const failed = new Set<string>();
  /**
   * The manifest file as this run last read or wrote it; `shared` once another run has written it since (shards into one folder), `keeps`
   * once this run has written it and let go of the entries written.
   */
  const onDisk = { identity: earlier.identity, shared: false, keeps: false };
  /**
   * The manifest's text: the entries this run holds and those the file keeps (this run's written earlier, and another run's once it has
   * written the manifest too), taken from the file as it is now. They are parsed a piece at a time as they are written out ('streamed'):
   * parsed whole, the manifest of 30,000 notices is 18 MB of objects at once, and two shards of 15,000 notices converting into one folder
   * at once took 232-246 MiB each, against 202-205 MiB so. A file not as pubcom writes it is read whole ('whole'), as at the start.
   */
  const manifestText = ({ pubcom, build: hash }: Awaited<typeof stamp>, read: 'streamed' | 'whole'): Generator<string> => {
    if (fileIdentity(manifestPath) !== onDisk.identity) onDisk.shared = true;
    const by = { build: hash, settings };
    const theirs =
      !onDisk.shared && !onDisk.keeps ? [] : read === 'streamed' ? streamedEntries(manifestPath, by, options.formats) : sortedEntries(readWholeManifest(options.outDir, options.formats, by).notices);
    const entries = mergedEntries(mergedEntries(sortedEntries(earlier.kept), theirs), sortedEntries(written));
    const vouched = ([id]: [string, HeldEntry]): boolean => !failed.has(id) && (earlier.batch?.has(id) ?? true);
    return manifestParts({ pubcom, build: hash, settings }, filtered(entries, vouched), standardOutputs);
  };
  /** `use` of the manifest's text, parsed whole from the file where it cannot be parsed a piece at a time. */
  const withManifestText = <T>(now: Awaited<typeof stamp>, use: (text: Generator<string>) => T): T => {
    try {
      return use(manifestText(now, 'streamed'));
    } catch (error) {
      if (!(error instanceof NotStreamable)) throw error;
      return use(manifestText(now, 'whole'));
    }
  };
  // Read, merged and written in turns with other runs writing into the same folder: see manifestText.
  const writeManifest = (now: Awaited<typeof stamp>): void =>
    withFileLock(path.join(options.outDir, `.${MANIFEST_FILE}.lock`), () => {
      withManifestText(now, (text) => writeAtomically(manifestPath, text));
      onDisk.identity = fileIdentity(manifestPath);
      // The file keeps them from now on: held to the end, the entries of 60,000 notices grew this thread's heap by 18 MB. Should the file be
      // deleted, or replaced by another build, meanwhile, they are lost with it, and the next run converts those notices again.
      onDisk.keeps = true;
      earlier.kept.clear();
      written.clear();
    });
  const checkpoint = checkpoints(options.check ? null : stamp, options.checkpointMs ?? CHECKPOINT_MS, (now) => {
    try {
      writeManifest(now);
    } catch {
      // The manifest written at the end reports the failure.
    }
    // Reading the manifest back made garbage that this thread, which then mostly waits, would keep for a while (collect-garbage.ts).
    collectGarbage();
  });
  /** Whether this run has entries for the manifest: converted since its last write, or kept by the file since. */
  const hasEntries = (): boolean => written.size > 0 || onDisk.keeps;
  const progress = options.progress ? createProgress(options.progress, 'bar') : options.progressLog ? createProgress(options.progressLog, 'log') : NO_PROGRESS;
  const onInterrupt = (): void => {
    progress.clear();
    if (hasEntries()) checkpoint({ now: true });
  };
  options.stopping?.addEventListener('abort', onInterrupt, { once: true });
  options.interrupted?.addEventListener('abort', onInterrupt, { once: true });
  const done = (): number => summary.converted + summary.skipped + summary.failed - missing.length;
  const showProgress = (): void =>
    progress.update({ done: done(), skipped: summary.skipped, total: inputs.length, opinions: summary.opinions, warnings: summary.counts.warning, errors: summary.counts.error });

  /** Where writing failed for the whole output folder (a full disk), the reason: no further notice starts, as each would fail the same way. */
  let outputFolderFailure: string | null = null;
  const stopped = (): boolean => options.stopping?.aborted === true || outputFolderFailure !== null;

  const record = (task: FileTask, result: FileResult): void => {
    if (result.lines.length > 0) progress.clear();
    for (const line of result.lines) reporter.err(line);
    summary.opinions += result.opinions;
    summary.comments += result.comments;
    for (const severity of ['error', 'warning', 'info'] as const) summary.counts[severity] += result.counts[severity];
    summary.stale.push(...result.stale.map((name) => path.join(options.outDir, name)));
    if (result.failed) {
      summary.failed++;
      failed.add(task.id);
      outputFolderFailure ??= outputFolderFailureOf(result.writeFailure, options.outDir);
    } else {
      summary.converted++;
      if (result.sha256 !== null) {
        // The task's strings, not the result's: the result's are copies, and held by their slices as a whole.
        const entry = { file: path.basename(task.input), sha256: result.sha256, overridesSha256: result.overridesSha256, outputs: result.outputs };
        written.set(task.id, heldEntry(entry, standardOutputs(task.id)));
      }
    }
    showProgress();
    if (written.size > 0) checkpoint();
  };

  /** Prints warnings of the batch itself (a file it could not remove or write), counted with the notices' own. */
  const warn = (lines: readonly string[]): void => {
    summary.counts.warning += lines.length;
    for (const line of lines) reporter.err(line);
  };

  // Until the workers start, what this thread keeps survives (young-generation.ts): the outputs folder listed, the inputs to convert.
  const pending = await withYoungGenerationStopped(async () => {
    // A shard may have siblings writing into the same folder at this moment on other machines (a job array on a shared disk), whose pids say nothing here.
    if (!options.check && !options.shard) warn(await removeLeftovers(options.outDir));
    if (options.prune && !options.check && earlier.batch === null) {
      reporter.err(`pubcom: not pruned (--prune): ${missing.length > 0 ? 'some PATH or file could not be read' : 'no notice was found'}, so which notices are gone from the archive is not known; nothing was removed`);
    }
    // Before anything is converted: on macOS an output removed (Kekka.json) may be the one a notice renamed (kekka.txt) writes.
    if (!options.check && earlier.removed.length > 0) {
      const failures = await removeOutputsOf(earlier.removed, options.outDir);
      summary.removed = earlier.removed.length;
      reporter.err(`pubcom: removed the outputs of ${summary.removed} notice(s) no longer among the inputs (--prune): ${some(earlier.removed.map(([id]) => id))}`);
      warn(failures);
    }
    const toConvert: string[] = [];
    for (const input of inputs) {
      if (options.stopping?.aborted) break;
      const task = taskOf(input);
      const first = duplicates.get(input);
      if (first !== undefined) {
        record(task, duplicateResult(task, first));
      } else if (!options.check && !options.force && isSkippable(task, earlier.kept.get(task.id), standardOutputs)) {
        summary.skipped++;
        showProgress();
      } else {
        toConvert.push(input);
      }
    }
    return toConvert;
  });
  const limits = {
    jobs: options.jobs ?? availableParallelism(),
    workerHeapMb: options.workerHeapMb ?? WORKER_HEAP_MB,
    largeNoticeHeapMb: options.largeNoticeHeapMb ?? Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20),
  };
  await convertAll(pending, taskOf, limits, record, stopped);
  options.stopping?.removeEventListener('abort', onInterrupt);
  options.interrupted?.removeEventListener('abort', onInterrupt);
  progress.clear();
  summary.stopped = inputs.length - done();
  if (outputFolderFailure !== null && summary.stopped > 0) {
    reporter.err(
      `pubcom: stopped: ${outputFolderFailure}, so the ${summary.stopped} notice(s) not yet converted were not tried. Make room (or choose another --out) and run the same command again: it skips the notices the manifest records as converted`,
    );
  }

  if (options.check) {
    if (readManifestText(options.outDir) !== withManifestText(await stamp, (text) => [...text].join(''))) summary.stale.push(manifestPath);
    pushAll(summary.stale, await unexpected(options.outDir, new Set(whole.map(idOf))));
    summary.stale.sort(compareCodeUnits);
    for (const name of summary.stale) reporter.out(`differs: ${name}`);
  } else if (hasEntries() || earlier.found) {
    try {
      writeManifest(await stamp);
    } catch (error) {
      // The outputs are written; only the next run's skipping is lost, so this is a warning. The manifest was written atomically: it is as
      // this run's last checkpoint, or the run before, left it.
      warn([`${manifestPath}:1:1: warning: Unexpected failure writing the manifest (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected to write it: it is left as it was, and the next run converts again every notice whose entry there does not match [write-failed]`]);
    }
  }
  summary.exitCode = summary.failed > 0 || summary.stale.length > 0 ? 1 : 0;
  summary.wallMs = performance.now() - started;
  return summary;
}

/**
 * A function to call after each converted file: it calls `write` with the
 * stamp once `every` ms have passed since the batch started or since the last
 * write (or at once, with `now`), and never before the stamp is known (or
 * when `stamp` is null).
 */
function checkpoints<T>(stamp: Promise<T> | null, every: number, write: (stamp: T) => void): (when?: { now: boolean }) => void {
  let known: T | null = null;
  stamp?.then((value) => (known = value)).catch(() => {}); // a failure is the final write's to report
  let due = performance.now() + every;
  return (when) => {
    if (known === null || (!when?.now && performance.now() < due)) return;
    write(known);
    due = performance.now() + every;
  };
}

/**
 * Whether `task`'s input and overrides are what `recorded` (an earlier run's
 * entry, still current) says, and its outputs are still there: nothing to do.
 * Synchronous, like a conversion's own I/O: a re-run of an unchanged archive
 * is made of these calls, and the promise API's thread-pool round trips would
 * be most of its time.
 */
function isSkippable(task: FileTask, recorded: HeldEntry | undefined, standardOutputs: (id: string) => string[]): boolean {
  if (!recorded) return false;
  const inputSha256 = sha256OfFile(task.input);
  if (inputSha256 === null) return false;
  // Such an overrides file converts to an error, which the conversion reports.
  const overrides = readRegularFile(overridesPathOf(task.input));
  if (overrides === 'not-regular') return false;
  const entry = { file: path.basename(task.input), sha256: inputSha256, overridesSha256: overrides === null ? null : sha256(overrides.toString('utf8')) };
  return isUnchanged(recorded, entry) && (recorded.outputs ?? standardOutputs(task.id)).every((name) => existsSync(path.join(task.outDir, name)));
}

/**
 * The batch's inputs (`whole`, and this shard's), their name clashes, and
 * what the manifest an earlier run left says of them. The earlier manifest
 * and the shard keys are let go when this returns: a batch holds only the
 * entries still current, in the form {@link heldEntry} gives them (30,000
 * notices: 7 MB, where parsing the manifest makes 18 MB).
 */
async function planBatch(options: RunOptions, build: Promise<string>, settings: string, standardOutputs: (id: string) => string[]) {
  // Entries of another build or settings are needed only to tell --prune what to remove, and a walk of the output folder itself which of
  // its files are outputs; otherwise they are left out as the manifest is read (a code change: 30,000 entries not held).
  const everyEntry = options.prune === true || options.paths.some((given) => placeOf(given) === placeOf(options.outDir));
  const only = everyEntry ? null : { build: await build, settings };
  // What is planned survives: with the growth stopped, the entries read and the list of 30,000 inputs leave this thread no young
  // generation of 32 MB (young-generation.ts). The manifest is read an entry at a time (manifest.ts streamedEntries), whose garbage dies young.
  return withYoungGenerationStopped(async () => {
    const previous = readHeldManifest(options.outDir, options.formats, only);
    const { shardKeys, unread, inputs: whole } = await listInputs(options.paths, ownOutputs(options.outDir, previous.notices, standardOutputs));
    // Output names, and so their clashes, are the whole batch's: two shards must not write one name, and a shard's --check expects the others' outputs.
    const duplicates = nameClashes(whole);
    const { shard } = options;
    const inputs = shard ? whole.filter((input) => inShard(shardKeys.get(input) ?? input, shard)) : whole;
    // With --prune, the notices of the batch are all the manifest may list; whatever build wrote the others, their outputs go. Not where the
    // batch may be incomplete: a PATH mistyped, a folder unreadable or a name not UTF-8, an archive's disk not mounted (an empty folder).
    const batch = options.prune && unread.missing.length === 0 && whole.length > 0 ? new Set(whole.map(idOf)) : null;
    const removed = batch === null ? [] : [...previous.notices].filter(([id]) => !batch.has(id)).map(([id, { outputs }]): [string, string[]] => [id, outputs ?? standardOutputs(id)]);
    // Entries of another build or settings describe outputs this build did not write: nothing is skipped on them, and the next manifest drops them.
    const kept = currentEntries(previous, await build, settings, batch);
    return { whole, inputs, duplicates, unread, earlier: { identity: previous.identity, warning: previous.warning, found: previous.head !== null, kept, removed, batch } };
  });
}

/**
 * The entries of `manifest` as a batch holds them, if it was written by this
 * build with these settings (none otherwise), and only those of `batch` when
 * one is given.
 */
function currentEntries({ head, notices }: HeldManifest, build: string, settings: string, batch: ReadonlySet<string> | null): Map<string, HeldEntry> {
  if (head === null || !isWrittenBy(head, { build, settings })) return new Map();
  return batch === null ? notices : new Map([...notices].filter(([id]) => batch.has(id)));
}

/**
 * Remove the outputs of `removed`, the notices of the manifest no longer
 * among the inputs ({@link RunOptions.prune}). Of the files an entry names,
 * only those that are its notice's outputs under some `--format`
 * (`ID.json`, `ID.jsonld`, `ID.opinions.csv` … in `outDir`) are touched,
 * whatever a manifest edited by hand says. Returns a `write-failed` warning
 * for each file that could not be removed: its entry goes all the same, and
 * `--check` lists it.
 */
async function removeOutputsOf(removed: ReadonlyArray<[id: string, outputs: readonly string[]]>, outDir: string): Promise<string[]> {
  const failures: string[] = [];
  for (const [id, outputs] of removed) {
    const possible = outputNames(id, FORMATS);
    for (const name of outputs.filter((output) => possible.includes(output) && output !== MANIFEST_FILE)) {
      const file = path.join(outDir, name);
      await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) =>
        failures.push(`${file}:1:1: warning: Unexpected failure removing the output of a notice no longer among the inputs (${error.code ?? 'error'}), expected to remove it (--prune): remove it by hand [write-failed]`),
      );
    }
  }
  return failures;
}

/** Each of `inputs` whose output name is an earlier one's, with that earlier one (or the manifest's, {@link MANIFEST_FILE}). */
function nameClashes(inputs: readonly string[]): Map<string, string> {
  // NAME.json of a notice named pubcom-manifest would be the folder's manifest.
  const firstById = new Map<string, string>([[MANIFEST_ID, MANIFEST_FILE]]);
  const duplicates = new Map<string, string>();
  for (const input of inputs) {
    // On macOS and Windows, whose file systems ignore case, Kekka.json and kekka.json are one file: a clash on every machine, so the outputs are the same on all.
    const key = idOf(input).toLowerCase();
    const first = firstById.get(key);
    if (first === undefined) firstById.set(key, input);
    else duplicates.set(input, first);
  }
  return duplicates;
}

/**
 * The notice's id and output name: the file name without its extension, in
 * Unicode NFC. A file named on macOS (HFS+, or zipped there) spells ガ as カ
 * and a combining mark; the same notice then gets the same id, ids and
 * JSON-LD IRIs whichever machine named it.
 */
function idOf(input: string): string {
  return path.basename(input, path.extname(input)).normalize('NFC');
}

const MANIFEST_ID = path.basename(MANIFEST_FILE, '.json');

function duplicateResult(task: FileTask, first: string): FileResult {
  const line =
    first === MANIFEST_FILE
      ? `${task.input}:1:1: error: Unexpected input named ${task.id}, expected a name other than the output folder's ${MANIFEST_FILE}: rename it [duplicate-name]`
      : `${task.input}:1:1: error: Unexpected second input named ${task.id}, expected one input per output name (first: ${first}): convert its folder into another --out folder, or rename it [duplicate-name]`;
  return { ...failedResult(task), lines: [line] };
}

/**
 * Why no notice could be written into `outDir` any more, given the error code
 * of a failed write, or null where the failure may be the notice's own (a
 * name too long): the disk full, its quota used up, a read-only file system.
 */
function outputFolderFailureOf(writeFailure: string | null, outDir: string): string | null {
  if (writeFailure === 'ENOSPC') return `the disk of ${outDir} is full (ENOSPC)`;
  if (writeFailure === 'EDQUOT') return `the disk quota for ${outDir} is used up (EDQUOT)`;
  if (writeFailure === 'EROFS') return `${outDir} is on a read-only file system (EROFS)`;
  return null;
}

/** A stable split by a hash of the shard key (see {@link listInputs}), so shards are disjoint and their union is the whole on any machine. */
export function inShard(input: string, shard: { index: number; count: number }): boolean {
  const hash = createHash('sha256').update(input.split(path.sep).join('/')).digest();
  return hash.readUInt32BE(0) % shard.count === shard.index - 1;
}

function settingsOf(options: RunOptions): string {
  return `formats=${[...options.formats].sort(compareCodeUnits).join(',')};bom=${options.bom}`;
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * sha256 over the converter's own code (and the JSON-LD context): a changed
 * pubcom reconverts everything. The CLI and its workers run dist/pubcom.cjs,
 * the bundle at the top of dist/, so the files there hold all the code that
 * converts; the code cache beside it (pubcom.cjs.cache) converts nothing.
 */
async function buildHash(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const files = (await readdir(here)).filter((name) => /\.(?:c?js|ts)$/.test(name) && !name.endsWith('.d.ts')).sort(compareCodeUnits);
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update(await readFile(path.join(here, name)));
  hash.update(await readFile(new URL('../schemas/context.v1.jsonld', import.meta.url)));
  return hash.digest('hex');
}

/**
 * Remove the temporary files that runs killed midway left in `outDir` (a
 * folder of such a name is none: pubcom makes none). Returns a `write-failed`
 * warning for each that cannot be removed: the batch goes on beside it.
 */
async function removeLeftovers(outDir: string): Promise<string[]> {
  const failures: string[] = [];
  for await (const entry of entriesOf(outDir)) {
    if (!entry.isFile() || !isLeftover(entry.name)) continue;
    const file = path.join(outDir, entry.name);
    await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) =>
      failures.push(`${file}:1:1: warning: Unexpected failure removing a temporary file that a killed run left (${error.code ?? 'error'}), expected to remove it: remove it by hand [write-failed]`),
    );
  }
  return failures;
}

/** Outputs in `outDir` that no input of this run produces (an input was removed or renamed); an overrides file there (`--out` the input folder) is none. */
async function unexpected(outDir: string, ids: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  for await (const { name } of entriesOf(outDir)) {
    const match = /^(.+?)\.(?:json|jsonld|[a-z]+\.csv)$/.exec(name);
    if (name !== MANIFEST_FILE && match?.[1] !== undefined && !ids.has(match[1]) && !name.startsWith('.') && !name.endsWith(OVERRIDES_SUFFIX)) found.push(path.join(outDir, name));
  }
  return found;
}

/**
 * The entries of `folder`, read a few at a time; none when it cannot be
 * read. `readdir` of an output folder of 30,000 notices (150,000 files) left
 * the process 25 MB larger for the rest of the batch, though its result was
 * let go at once.
 */
async function* entriesOf(folder: string): AsyncGenerator<Dirent> {
  try {
    yield* await opendir(folder);
  } catch {
    // No folder yet (a first run), or none pubcom may read: the writes report it.
  }
}

