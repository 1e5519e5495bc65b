/**
 * `pubcom diff OLD NEW`: reads two sets of notice JSON files and prints the
 * markdown report of {@link diffNotices}. A side is an output folder or
 * `REV:DIR`, the folder DIR at git revision REV (read with `git ls-tree` and
 * `git cat-file` in the working directory), so `main:output` against
 * `output` shows what the working tree changes against main. The only file
 * system and process access of the review; the comparison itself is pure.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE } from '../manifest.js';
import type { NoticeDocument } from '../schema/records.js';
import { compareCodeUnits, diffNotices, renderDiffReport } from './diff.js';

/** Where the report (out) and the one-line failures (err) go; the same shape as run.ts's Reporter. */
export interface DiffReporter {
  out(line: string): void;
  err(line: string): void;
}

export interface DiffRunOptions {
  /** Where folders are resolved and git runs (default: the process's working directory). */
  cwd?: string;
}

/** A `*.json` file of a side, before parsing. */
interface RawFile {
  name: string;
  text: string;
}

/** A side that was read: its notices by id, and a note per file that was skipped. */
export interface Side {
  docs: Map<string, NoticeDocument>;
  notes: string[];
}

/** Why a side could not be read; becomes the one-line message. */
class SideError extends Error {}

const GIT_BUFFER = 1 << 30;

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: GIT_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : error instanceof Error ? error.message : String(error);
    throw new SideError(`git ${args[0] ?? ''}: ${firstLine(text)}`);
  }
}

function succeeds(args: string[], cwd: string): boolean {
  try {
    git(args, cwd);
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? 'failed';
}

/** `REV:DIR` as (revision, path of DIR from the repository root); DIR is relative to `cwd`. */
function parseRevSpec(spec: string, cwd: string): { rev: string; treePath: string } {
  const colon = spec.indexOf(':');
  const rev = spec.slice(0, colon);
  const dir = spec.slice(colon + 1);
  if (rev === '' || rev.startsWith('-')) throw new SideError('expected a folder or REV:DIR');
  const prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
  const joined = path.posix.join(prefix, dir.split(path.sep).join('/'));
  if (joined === '..' || joined.startsWith('../')) throw new SideError(`${dir} is outside the repository`);
  return { rev, treePath: joined === '.' ? '' : joined.replace(/\/+$/, '') };
}

/** A CI checkout is often shallow or of one branch, without `main`: say how to fetch a branch name rather than only that it is missing. */
function unknownRevision(rev: string): string {
  return /^[\w.\/-]+$/.test(rev) && !/^[0-9a-f]{7,40}$/.test(rev)
    ? `unknown git revision ${rev} (a shallow or single-branch clone? fetch it with: git fetch origin ${rev}:${rev})`
    : `unknown git revision ${rev}`;
}

/** The `*.json` blobs directly in DIR at REV. */
function readRevision(spec: string, cwd: string): RawFile[] {
  const { rev, treePath } = parseRevSpec(spec, cwd);
  const object = `${rev}:${treePath}`;
  if (!succeeds(['rev-parse', '--verify', '--quiet', `${rev}^{tree}`], cwd)) throw new SideError(unknownRevision(rev));
  if (!succeeds(['cat-file', '-e', object], cwd)) throw new SideError(`no folder ${treePath === '' ? '.' : treePath} at ${rev}`);
  const type = git(['cat-file', '-t', object], cwd).trim();
  if (type !== 'tree') throw new SideError(`${treePath} at ${rev} is a ${type}, not a folder`);
  return git(['ls-tree', '-z', '--full-tree', object], cwd)
    .split('\0')
    .flatMap((entry): RawFile[] => {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
      if (!match?.[1] || !isNoticeFile(match[2])) return [];
      return [{ name: match[2], text: git(['cat-file', 'blob', match[1]], cwd) }];
    });
}

/** A notice's `NAME.json`; the output folder's manifest is no notice. */
function isNoticeFile(name: string | undefined): name is string {
  return name !== undefined && name.endsWith('.json') && name !== MANIFEST_FILE;
}

/** The `*.json` files directly in a folder. */
async function readFolder(folder: string): Promise<RawFile[]> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isNoticeFile(entry.name))
    .map((entry) => entry.name);
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(folder, name), 'utf8') })));
}

async function isFolder(folder: string): Promise<boolean | null> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return null;
  }
}

async function readSpec(spec: string, cwd: string): Promise<RawFile[]> {
  const folder = path.resolve(cwd, spec);
  const kind = await isFolder(folder);
  if (kind === true) return readFolder(folder);
  if (kind === false) throw new SideError('not a folder');
  if (spec.includes(':')) return readRevision(spec, cwd);
  throw new SideError('no such folder');
}

/** A parsed file as a notice document, or why it is skipped. Extra fields are kept and ignored. */
function asNotice(text: string): NoticeDocument | string {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'not valid JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a notice document';
  const record = value as Record<string, unknown>;
  if (record['schemaVersion'] !== 1) return `schemaVersion ${JSON.stringify(record['schemaVersion']) ?? 'missing'}, not 1`;
  if (typeof record['notice'] !== 'object' || record['notice'] === null || !Array.isArray(record['opinions'])) return 'not a notice document';
  return value as NoticeDocument;
}

/** Parses the files of a side: notices by id (the file name without `.json`), notes for the others. */
export function parseSide(spec: string, files: readonly RawFile[]): Side {
  const side: Side = { docs: new Map(), notes: [] };
  for (const file of [...files].sort((a, b) => compareCodeUnits(a.name, b.name))) {
    const parsed = asNotice(file.text);
    if (typeof parsed === 'string') side.notes.push(`${spec}: skipped ${file.name} (${parsed})`);
    else side.docs.set(file.name.slice(0, -'.json'.length), parsed);
  }
  return side;
}

/** Reads one side (folder or `REV:DIR`); throws a one-line message when it cannot be read. */
export async function loadSide(spec: string, cwd: string): Promise<Side> {
  try {
    return parseSide(spec, await readSpec(spec, cwd));
  } catch (error) {
    const reason = error instanceof SideError ? error.message : firstLine(error instanceof Error ? error.message : String(error));
    throw new SideError(`cannot read ${spec}: ${reason}`);
  }
}

/**
 * Prints the markdown report of what changed in meaning from `oldSpec` to
 * `newSpec` (each an output folder or `REV:DIR`). Returns 0 whether or not
 * something changed (it is a report, not a check), 1 when a side cannot be
 * read, after a one-line message naming it (never a stack trace).
 */
export async function runDiff(oldSpec: string, newSpec: string, reporter: DiffReporter, options: DiffRunOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const sides: Side[] = [];
  for (const spec of [oldSpec, newSpec]) {
    try {
      sides.push(await loadSide(spec, cwd));
    } catch (error) {
      reporter.err(`pubcom diff: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const [before, after] = sides;
  if (sides.length !== 2 || !before || !after) return 1;
  const report = renderDiffReport(diffNotices(before.docs, after.docs), { old: oldSpec, new: newSpec }, [...before.notes, ...after.notes]);
  for (const line of report.replace(/\n$/, '').split('\n')) reporter.out(line);
  return 0;
}
