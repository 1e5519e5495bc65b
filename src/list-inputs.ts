/**
 * The notices of a batch: the files given and those found by walking the
 * folders given, sorted by code units, leaving out pubcom's own outputs; what
 * the walk found and did not read (documents, hidden files, links to
 * folders, names that are not UTF-8) is named, never skipped silently.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, realpathSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pushAll } from './arrays.js';
import { compareCodeUnits } from './diagnostics.js';
import { MANIFEST_FILE, type HeldEntry } from './manifest.js';

export const INPUT_EXTENSIONS = ['.txt', '.tsv', '.csv', '.md', '.html', '.htm'];
/** Documents a folder of notices often holds beside their text (the notices as published), which pubcom cannot read: named once, not skipped silently. */
const DOCUMENT_EXTENSIONS = ['.pdf', '.doc', '.docx', '.xls', '.xlsx', '.rtf', '.odt', '.jtd'];

/**
 * pubcom's own outputs, which a walk of the folders given leaves out (their
 * CSV files are no notices): the output folder where it lies among the
 * inputs (`--out archive/out`), the outputs its manifest lists where the
 * output folder is an input folder too (`--out archive`), and any other
 * folder that holds a manifest (an earlier run's output folder).
 */
interface OwnOutputs {
  /** The output folder, as {@link placeOf} tells it. */
  outDir: string;
  /** Whether `name` (no path) is the output of a notice in the manifest of `outDir`. */
  has(name: string): boolean;
}

export function ownOutputs(outDir: string, notices: ReadonlyMap<string, HeldEntry>, standardOutputs: (id: string) => string[]): OwnOutputs {
  // Its notice's id is the name up to one of its dots (ids may hold dots): `a.b.opinions.csv` is of a, a.b or a.b.opinions.
  const has = (name: string): boolean =>
    [...name.matchAll(/\./g)].some(({ index }) => {
      const id = name.slice(0, index);
      const entry = notices.get(id);
      return entry !== undefined && (entry.outputs ?? standardOutputs(id)).includes(name);
    });
  return { outDir: placeOf(outDir), has };
}

/**
 * Where `folder` is: its real path, links resolved, so that a folder given
 * through a link (`convert /srv/link-to-archive --out .` run in the archive)
 * is known as the output folder; else, as for one not made yet, its absolute path.
 */
export function placeOf(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}

/**
 * What the walk of the folders given found and did not read: `missing`
 * holds errors (a path, special file or folder that cannot be read, a name
 * that is not UTF-8); the others are named in notes, as nothing is left out
 * silently.
 */
export interface Unread {
  missing: string[];
  /** Documents pubcom does not read (`a.pdf`, `b.docx`). */
  documents: string[];
  /** Output folders of earlier runs (holding a manifest). */
  outputFolders: string[];
  /** Links to folders, which the walk does not follow (as `find` does not): a link may loop, or lead into the archive again. */
  linkedFolders: string[];
  /** Hidden folders and notices (`.git`, `._a.txt`) and macOS's `__MACOSX`: metadata that tools and zips leave, not notices. */
  hidden: string[];
}

/**
 * The notice files of `paths` (files given, and folders walked recursively),
 * sorted by code units so every machine runs the same order, each with its
 * shard key: its path within the folder given, or the name of a file given,
 * so that a shard holds the same notices wherever the archive is
 * (`/mnt/archive`, `../archive`). Only regular files (or links to them) are
 * read: reading a FIFO or a device would wait for ever.
 */
export async function listInputs(paths: readonly string[], own: OwnOutputs): Promise<{ inputs: string[]; shardKeys: Map<string, string>; unread: Unread }> {
  const shardKeys = new Map<string, string>();
  const unread: Unread = { missing: [], documents: [], outputFolders: [], linkedFolders: [], hidden: [] };
  const { missing } = unread;
  const add = (file: string, key: string): void => {
    if (!shardKeys.has(file)) shardKeys.set(file, key);
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (info && LINE_BREAK.test(given)) missing.push(nameWithLineBreak(given, info.isDirectory() ? 'folder' : 'file'));
    else if (!info) missing.push(`${oneLine(given)}:1:1: error: Unexpected missing path, expected a notice file or a folder [read-failed]`);
    else if (info.isDirectory()) for (const file of await walk(given, unread, own)) add(file, path.relative(given, file));
    else if (isSpecial(info)) missing.push(notRegular(given));
    else add(given, path.basename(given));
  }
  // A folder given twice, or inside another given, is walked twice.
  const unique = (paths: string[]): string[] => [...new Set(paths)].sort(compareCodeUnits);
  return {
    inputs: [...shardKeys.keys()].sort(compareCodeUnits),
    shardKeys,
    unread: {
      missing: unique(missing),
      documents: unique(unread.documents),
      outputFolders: unique(unread.outputFolders),
      linkedFolders: unique(unread.linkedFolders),
      hidden: unique(unread.hidden),
    },
  };
}

/** The first few of `names`, and how many more. */
export function some(names: readonly string[]): string {
  return names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}

/** One line for each kind of thing the walk found and did not read, naming a few. */
export function unreadNotes({ documents, outputFolders, linkedFolders, hidden }: Unread): string[] {
  return [
    ...(documents.length > 0 ? [`pubcom: not read: ${documents.length} document(s) in the folders given (${some(documents)}); pubcom reads notices as text (${INPUT_EXTENSIONS.join(' ')}): convert them first`] : []),
    ...(outputFolders.length > 0 ? [`pubcom: not read: ${some(outputFolders)}, holding ${MANIFEST_FILE}: pubcom's outputs, not notices`] : []),
    ...(linkedFolders.length > 0 ? [`pubcom: not followed: ${linkedFolders.length} link(s) to a folder (${some(linkedFolders)}): give what they lead to as a PATH to convert it`] : []),
    ...(hidden.length > 0 ? [`pubcom: not read: ${hidden.length} hidden file(s) or folder(s) (${some(hidden)}), as tools and macOS zips leave them: give one as a PATH to convert it`] : []),
  ];
}

/**
 * A `read-failed` error for each notice, document or folder in `folder`
 * whose name is not UTF-8, as a Windows zip of a Japanese archive unpacks:
 * its name in Shift_JIS (CP932), which it most likely is, and how to rename.
 */
async function nonUtf8Names(folder: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of await readdir(folder, { encoding: 'buffer' }).catch(() => [])) {
    if (isUtf8(name)) continue;
    const extension = path.extname(name.toString('latin1')).toLowerCase();
    const info = await stat(Buffer.concat([Buffer.from(folder + path.sep), name])).catch(() => null);
    if (!info?.isDirectory() && !INPUT_EXTENSIONS.includes(extension) && !DOCUMENT_EXTENSIONS.includes(extension)) continue;
    let reading: string;
    try {
      reading = `as Shift_JIS it reads ${new TextDecoder('shift_jis', { fatal: true }).decode(name)}`;
    } catch {
      reading = 'nor is it Shift_JIS';
    }
    lines.push(
      `${path.join(folder, name.toString('utf8'))}:1:1: error: Unexpected ${info?.isDirectory() ? 'folder' : 'file'} name that is not UTF-8 (${reading}), expected a UTF-8 name: rename it (convmv -f cp932 -t utf8 -r --notest ${folder}) [read-failed]`,
    );
  }
  return lines;
}

/**
 * A dot file or folder (`.git`, an editor's `.#a.txt` lock link), or macOS
 * metadata a zip made on a Mac holds: `__MACOSX/`, and `._a.txt` beside
 * `a.txt` (AppleDouble, binary), which read as a notice fails.
 */
function isHidden(entry: Dirent): boolean {
  return entry.name.startsWith('.') || (entry.name === '__MACOSX' && entry.isDirectory());
}

/** A FIFO, a socket or a device: `Stats` and `Dirent` both tell. */
function isSpecial(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): boolean {
  return info.isFIFO() || info.isSocket() || info.isCharacterDevice() || info.isBlockDevice();
}

/** A line break (LF, CR), which a file name may hold. */
const LINE_BREAK = /[\n\r]/;

/** `name` with its line breaks as escapes (`\n`), so that a line naming it stays one line. */
function oneLine(name: string): string {
  return name.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
}

/**
 * A `read-failed` error for a notice or folder whose name holds a line break
 * (a name pasted with its line end): its diagnostics and its outputs'
 * names would run over two lines, and a line of stderr would no longer be
 * one diagnostic.
 */
function nameWithLineBreak(name: string, kind: 'file' | 'folder'): string {
  return `${oneLine(name)}:1:1: error: Unexpected line break in a ${kind} name, expected a name on one line: rename it [read-failed]`;
}

function notRegular(file: string): string {
  return `${file}:1:1: error: Unexpected special file (a FIFO, socket or device), expected a regular file [read-failed]`;
}

/** The notices below `folder`, but for pubcom's own outputs (`own`); what it finds and does not read goes into `unread`. */
async function walk(folder: string, unread: Unread, own: OwnOutputs): Promise<string[]> {
  const found: string[] = [];
  // Read whole, not a few entries at a time as entriesOf does: for a folder of 30,000 notices, that made the batch's peak 15-20 MB higher.
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    unread.missing.push(`${folder}:1:1: error: Unexpected unreadable folder (${error.code ?? 'error'}), expected a folder of notices pubcom may read [read-failed]`);
    return [];
  });
  // node reads a name that is not UTF-8 with U+FFFD in place of its bytes, and no file has that name.
  if (entries.some((entry) => entry.name.includes('\uFFFD'))) pushAll(unread.missing, await nonUtf8Names(folder));
  const isOutDir = placeOf(folder) === own.outDir;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const extension = path.extname(entry.name).toLowerCase();
    if (entry.name.includes('\uFFFD')) continue;
    if (entry.isDirectory() && placeOf(full) === own.outDir) continue;
    if (LINE_BREAK.test(entry.name) && !isHidden(entry) && (entry.isDirectory() || INPUT_EXTENSIONS.includes(extension))) {
      unread.missing.push(nameWithLineBreak(full, entry.isDirectory() ? 'folder' : 'file'));
      continue;
    }
    if (isHidden(entry)) {
      if (entry.isDirectory() || INPUT_EXTENSIONS.includes(extension)) unread.hidden.push(oneLine(full));
    } else if (entry.isDirectory()) {
      if (existsSync(path.join(full, MANIFEST_FILE))) unread.outputFolders.push(oneLine(full));
      else pushAll(found, await walk(full, unread, own));
    } else if (isOutDir && own.has(entry.name)) continue;
    else if (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory()) unread.linkedFolders.push(oneLine(full));
    else if (DOCUMENT_EXTENSIONS.includes(extension)) unread.documents.push(oneLine(full));
    else if (!INPUT_EXTENSIONS.includes(extension)) continue;
    else if (isSpecial(entry) || (entry.isSymbolicLink() && isSpecial((await stat(full).catch(() => null)) ?? entry))) unread.missing.push(notRegular(full));
    else found.push(full);
  }
  return found.sort(compareCodeUnits);
}
