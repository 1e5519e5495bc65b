/**
 * The manifest of an output folder (`pubcom-manifest.json`): for each notice,
 * the sha256 of its input and overrides, and the build of pubcom and the
 * settings that converted it. An input whose entry still matches is skipped
 * on the next run. No time stamps or paths: it diffs cleanly in pull requests.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { JSONParser } from '@streamparser/json';
import { location } from 'vfile-location';
import * as z from './schema/zod.js';
import { compareCodeUnits } from './diagnostics.js';
import { piecesOfFile, readRegularFile } from './files.js';
import { outputNames, type Format } from './emit/index.js';

export const MANIFEST_FILE = 'pubcom-manifest.json';

const Entry = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  overridesSha256: z.string().nullable(),
  outputs: z.array(z.string()),
});
export type ManifestEntry = z.infer<typeof Entry>;

export const Manifest = z.strictObject({
  pubcom: z.string().describe('version of the package'),
  build: z.string().describe('sha256 of the converter code: any code change reconverts everything'),
  settings: z.string().describe('formats and options the outputs were written with'),
  notices: z.record(z.string(), Entry),
});
export type Manifest = z.infer<typeof Manifest>;

const ManifestHead = Manifest.omit({ notices: true });
type ManifestHead = z.infer<typeof ManifestHead>;

/** The build and the settings that wrote a manifest. */
export type WrittenBy = Pick<Manifest, 'build' | 'settings'>;

/** The text of the manifest in `outDir`, or null when there is none or it is no regular file. */
export function readManifestText(outDir: string): string | null {
  const bytes = readRegularFile(path.join(outDir, MANIFEST_FILE));
  return bytes instanceof Buffer ? bytes.toString('utf8') : null;
}

/** A manifest as a batch holds it: its head, and its entries in the form {@link heldEntry} gives them. */
export interface HeldManifest {
  head: ManifestHead | null;
  /** Its entries; none when it was written by another build or with other settings than those asked for ({@link readHeldManifest}). */
  notices: Map<string, HeldEntry>;
  warning: string | null;
  /** The {@link fileIdentity} of the file read, taken before it is read: a manifest another run writes meanwhile then shows as changed. */
  identity: string | null;
}

/**
 * The manifest in `outDir` as a batch of `formats` holds it. `head` is null,
 * and `notices` empty, when there is no manifest or it cannot be used;
 * `warning` then says why, if there is one: a merge conflict left in it, an
 * edit by hand, a manifest of another format. Every input is then converted
 * again, and the manifest written anew. With `only`, the entries are kept
 * only if that build and those settings wrote them: a batch that skips
 * nothing on the others need not hold them (30,000 notices: 7 MB). It is
 * read an entry at a time ({@link streamedEntries}), or, where it is not as
 * pubcom writes it, whole, which tells what is wrong with it.
 */
export function readHeldManifest(outDir: string, formats: readonly Format[], only: WrittenBy | null = null): HeldManifest {
  const file = path.join(outDir, MANIFEST_FILE);
  const identity = fileIdentity(file);
  try {
    const entries = streamedEntries(file, only, formats);
    const notices = new Map<string, HeldEntry>();
    let step = entries.next();
    for (; !step.done; step = entries.next()) notices.set(...step.value);
    return { head: step.value, notices, warning: null, identity };
  } catch (error) {
    if (!(error instanceof NotStreamable)) throw error;
  }
  return { ...readWholeManifest(outDir, formats, only), identity };
}

/** {@link readHeldManifest} parsing the manifest whole, for one not as pubcom writes it: the parse tells what is wrong with it. */
export function readWholeManifest(outDir: string, formats: readonly Format[], only: WrittenBy | null): Omit<HeldManifest, 'identity'> {
  const { manifest, warning } = checkedManifest(outDir);
  if (manifest === null) return { head: null, notices: new Map(), warning };
  const { notices, ...head } = manifest;
  if (only !== null && !isWrittenBy(head, only)) return { head, notices: new Map(), warning };
  return { head, notices: new Map(Object.entries(notices).map(([id, entry]) => [id, heldEntry(entry, outputNames(id, formats))])), warning };
}

/** Whether `head` is that of a manifest `by`'s build wrote with `by`'s settings. */
export function isWrittenBy(head: ManifestHead, by: WrittenBy): boolean {
  return head.build === by.build && head.settings === by.settings;
}

function checkedManifest(outDir: string): { manifest: Manifest | null; warning: string | null } {
  const file = path.join(outDir, MANIFEST_FILE);
  const text = readManifestText(outDir);
  if (text === null) return { manifest: null, warning: null };
  const warning = (what: string, place = '1:1'): string => `${file}:${place}: warning: Unexpected ${what}, expected the manifest a run of pubcom wrote: every input is converted again [manifest-invalid]`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const { message } = error as Error;
    // V8 names the offset where it stopped (`… in JSON at position 554`): a merge conflict's `<<<<<<<` line.
    const point = location(text).toPoint(Number(/at position (\d+)/.exec(message)?.[1] ?? 0));
    return { manifest: null, warning: warning(`text that is not JSON (${message})`, point ? `${point.line}:${point.column}` : undefined) };
  }
  const issue = manifestIssue(json);
  if (issue === null) return { manifest: json as Manifest, warning: null };
  return { manifest: null, warning: warning(`manifest field ${issue.path.join('.') || '(root)'}: ${issue.message}`) };
}

/**
 * The first way `json` is no manifest, or null. Each entry is checked on its
 * own and `json` itself is kept: zod's checked copy of a whole manifest of
 * 30,000 notices would be 18 MB more at once, where an entry's dies young.
 */
function manifestIssue(json: unknown): { path: PropertyKey[]; message: string } | null {
  const head = Manifest.extend({ notices: z.record(z.string(), z.unknown()) }).safeParse(json);
  if (!head.success) return head.error.issues[0] ?? { path: [], message: 'invalid' };
  for (const [id, entry] of Object.entries(head.data.notices)) {
    const checked = Entry.safeParse(entry);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { path: ['notices', id, ...(issue?.path ?? [])], message: issue?.message ?? 'invalid' };
    }
  }
  return null;
}

/** What tells one version of `file` from another (inode, size, modification time in ns); null when there is none or it cannot be told. */
export function fileIdentity(file: string): string | null {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch {
    return null;
  }
}

/**
 * An entry as a batch holds it until it writes the manifest: `outputs` is
 * null where they are the outputs every notice has under the batch's formats
 * (emit/index.ts `outputNames`), which are named again only as the manifest
 * is written. 30,000 entries then take 7 MB rather than 17.
 */
export type HeldEntry = Omit<ManifestEntry, 'outputs'> & { outputs: string[] | null };

/** `entry` as a batch holds it, where `standard` are the outputs every notice of the batch has. */
export function heldEntry(entry: ManifestEntry, standard: readonly string[]): HeldEntry {
  const { outputs } = entry;
  return outputs.length === standard.length && outputs.every((name, index) => name === standard[index]) ? { ...entry, outputs: null } : entry;
}

/** Whether `entry` (this run's view of an input) is what `recorded` says of it. */
export function isUnchanged(recorded: HeldEntry | undefined, entry: Omit<ManifestEntry, 'outputs'>): boolean {
  return recorded !== undefined && recorded.file === entry.file && recorded.sha256 === entry.sha256 && recorded.overridesSha256 === entry.overridesSha256;
}

/**
 * The manifest's text in parts, one per notice, so that a batch of tens of
 * thousands of notices writes it without holding the whole text (30,000
 * notices: 14 MB, and as much again in UTF-8). `notices` come in id order
 * (code units, {@link sortedEntries}). Joined, the parts are `JSON.stringify`
 * of the manifest with a two-space indent and a final newline, so that the
 * bytes depend on nothing but the content.
 */
export function* manifestParts(head: ManifestHead, notices: Iterable<[id: string, entry: HeldEntry]>, standardOutputs: (id: string) => string[]): Generator<string> {
  const text = JSON.stringify({ ...head, notices: {} }, undefined, 2);
  let separator = text.slice(0, -'{}\n}'.length) + '{\n';
  for (const [id, held] of notices) {
    const entry = JSON.stringify({ ...held, outputs: held.outputs ?? standardOutputs(id) }, undefined, 2).replaceAll('\n', '\n    ');
    yield `${separator}    ${JSON.stringify(id)}: ${entry}`;
    separator = ',\n';
  }
  yield separator === ',\n' ? '\n  }\n}\n' : `${text}\n`;
}

/** The entries of `notices` in id order (code units), as a manifest lists them. */
export function sortedEntries(notices: ReadonlyMap<string, HeldEntry>): Array<[id: string, entry: HeldEntry]> {
  return [...notices].sort(([a], [b]) => compareCodeUnits(a, b));
}

/**
 * The entries of `lower` and `higher`, both in id order, in id order; where
 * both have an id, `higher`'s entry.
 */
export function* mergedEntries(lower: Iterable<[id: string, entry: HeldEntry]>, higher: Iterable<[id: string, entry: HeldEntry]>): Generator<[id: string, entry: HeldEntry]> {
  const above = higher[Symbol.iterator]();
  let next = above.next();
  for (const [id, entry] of lower) {
    for (; !next.done && compareCodeUnits(next.value[0], id) < 0; next = above.next()) yield next.value;
    if (!next.done && next.value[0] === id) continue;
    yield [id, entry];
  }
  for (; !next.done; next = above.next()) yield next.value;
}

/** Thrown by {@link streamedEntries} where a manifest is not as a run of pubcom writes it: read it whole then ({@link readHeldManifest}), which tells why. */
export class NotStreamable extends Error {}

/**
 * The entries of the manifest `file` as a batch of `formats` holds them,
 * parsed a piece at a time as they are read (@streamparser/json), so that a
 * run reads or merges them without holding the whole manifest: parsed whole,
 * the manifest of 30,000 notices makes 18 MB of objects at once, from 14 MB
 * of text. Returns the manifest's head. With `only`, none where another build
 * or other settings wrote it, and the rest of the file is not read. Throws
 * {@link NotStreamable} where the file is not as pubcom writes it: not JSON,
 * an entry that is no entry, the ids out of order, the head after the
 * entries, or no file to read.
 */
export function* streamedEntries(file: string, only: WrittenBy | null, formats: readonly Format[]): Generator<[id: string, entry: HeldEntry], ManifestHead> {
  const fields: Record<string, unknown> = {};
  let head: ManifestHead | undefined;
  let parsed: Array<[string, HeldEntry]> = [];
  let last: string | null = null;
  let unlike = false;
  // Only these values are built: an entry is let go once it is emitted, and the `notices` object never holds them all.
  const parser = new JSONParser({ paths: ['$.pubcom', '$.build', '$.settings', '$.notices.*'], keepStack: false });
  parser.onValue = ({ value, key, parent, stack }) => {
    if (stack.length === 1) return void (fields[key as string] = value);
    // pubcom writes the head first: it is whole by the first entry.
    head ??= ManifestHead.safeParse(fields).data;
    const id = String(key);
    const entry = Entry.safeParse(value);
    if (head === undefined || Array.isArray(parent) || !entry.success || (last !== null && compareCodeUnits(last, id) >= 0)) unlike = true;
    else parsed.push([id, heldEntry(entry.data, outputNames(id, formats))]);
    last = id;
  };
  try {
    for (const piece of piecesOfFile(file, Buffer.alloc(1 << 16))) {
      parser.write(piece);
      if (unlike) throw new NotStreamable();
      if (head !== undefined && only !== null && !isWrittenBy(head, only)) return head;
      yield* parsed;
      parsed = [];
    }
  } catch (error) {
    throw error instanceof NotStreamable ? error : new NotStreamable(String(error));
  }
  head ??= ManifestHead.safeParse(fields).data;
  if (!parser.isEnded || head === undefined) throw new NotStreamable();
  return head;
}
