/**
 * `pubcom view NAME... --out DIR`: for each converted notice, read
 * `outputDir/NAME.json` and its source `inputDir/<notice.source.file>`
 * (decoded as the pipeline decodes it) and write the review page
 * `DIR/NAME.html` atomically. A NAME ending in `.json` is taken as the path of
 * the JSON itself. One failing notice never stops the others: it gets a
 * one-line message and the exit status 1.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import * as z from '../schema/zod.js';
import type { NoticeDocument } from '../schema/records.js';
import { decode } from '../stages/decode.js';
import { renderNoticeHtml } from './view.js';

export interface ViewRunOptions {
  /** Notice names (`output/NAME.json`) or paths of notice JSON files. */
  names: string[];
  /** Folder for the pages. */
  outDir: string;
  /** Folder of the converted notices (`pubcom convert … --out`). */
  outputDir: string;
  /** Folder of the source notices; searched recursively when the file is not at its top. */
  inputDir: string;
}

export interface ViewReporter {
  out(line: string): void;
  err(line: string): void;
}

/**
 * The fields the page reads, checked leniently: a document written by an
 * older or newer pubcom (more fields, more span detail) still shows.
 */
const span = z.looseObject({ startLine: z.number().int().positive(), endLine: z.number().int().positive() });
const ViewableDocument = z.looseObject({
  schemaVersion: z.literal(1),
  notice: z.looseObject({
    id: z.string(),
    submitters: z.array(z.looseObject({ id: z.string(), name: z.string() })),
    submitterBreakdown: z.array(z.looseObject({})),
    source: z.looseObject({ file: z.string().min(1), sha256: z.string(), encoding: z.string() }),
  }),
  sections: z.array(z.looseObject({ id: z.string(), title: z.string(), source: span })),
  opinions: z.array(
    z.looseObject({
      id: z.string(),
      key: z.string(),
      label: z.string(),
      comments: z.array(z.looseObject({ id: z.string(), text: z.string(), refs: z.array(z.looseObject({ kind: z.string(), raw: z.string() })), source: span })),
      response: z.looseObject({ text: z.string(), refersTo: z.array(z.string()), source: span }).nullable(),
      source: span,
    }),
  ),
  diagnostics: z.array(
    z.looseObject({
      severity: z.enum(['error', 'warning', 'info']),
      code: z.string(),
      message: z.string(),
      line: z.number().int().positive().nullable(),
      column: z.number().int().positive().nullable(),
    }),
  ),
});

/** Write one page per name; 0 when every page was written, else 1 (each failure reported on one line). */
export async function runView(options: ViewRunOptions, reporter: ViewReporter): Promise<number> {
  let exitCode = 0;
  for (const name of options.names) {
    let ok: boolean;
    try {
      ok = await viewOne(name, options, reporter);
    } catch (error) {
      reporter.err(`${name}:1:1: error: Unexpected failure rendering the page: ${error instanceof Error ? error.message : String(error)} [internal-error]`);
      ok = false;
    }
    if (!ok) exitCode = 1;
  }
  return exitCode;
}

async function viewOne(name: string, options: ViewRunOptions, reporter: ViewReporter): Promise<boolean> {
  const fail = (where: string, message: string, rule: string): false => {
    reporter.err(`${where}:1:1: error: ${message} [${rule}]`);
    return false;
  };
  const isPath = name.toLowerCase().endsWith('.json');
  const base = isPath ? path.basename(name).slice(0, -'.json'.length) : name;
  if (base === '' || base.startsWith('.') || (!isPath && /[\\/]/.test(name))) {
    return fail(name, 'Unexpected notice name, expected NAME (output/NAME.json) or the path of a NAME.json', 'read-failed');
  }
  const jsonPath = isPath ? name : path.join(options.outputDir, `${name}.json`);

  const jsonText = await readFile(jsonPath, 'utf8').catch((error: NodeJS.ErrnoException) => error);
  if (jsonText instanceof Error) {
    const missing = (jsonText as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(
      jsonPath,
      missing
        ? `Unexpected missing notice ${base}, expected ${jsonPath} written by pubcom convert`
        : `Unexpected unreadable notice (${(jsonText as NodeJS.ErrnoException).code ?? 'error'}), expected a readable JSON file`,
      'read-failed',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    return fail(jsonPath, `Unexpected invalid JSON: ${(error as Error).message}`, 'read-failed');
  }
  const checked = ViewableDocument.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return fail(jsonPath, `Unexpected field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}, expected a notice written by pubcom convert`, 'read-failed');
  }
  // The lenient check passed; the page reads only what it checked or tolerates missing.
  const doc = json as NoticeDocument;

  const sourceFile = path.basename(doc.notice.source.file);
  const sourcePath = await findSource(options.inputDir, sourceFile);
  if (sourcePath === null) {
    return fail(path.join(options.inputDir, sourceFile), `Unexpected missing source of ${base}, expected ${sourceFile} in ${options.inputDir} (--input DIR)`, 'read-failed');
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(sourcePath);
  } catch (error) {
    return fail(sourcePath, `Unexpected unreadable source (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a readable notice`, 'read-failed');
  }
  const file = new VFile({ path: sourcePath });
  const decoded = decode(bytes, file);
  if (decoded === null) {
    // decode() said why (a PDF named as such, or bytes of no known encoding).
    return fail(sourcePath, file.messages.at(-1)?.reason ?? 'Unexpected bytes that are not text', 'decode-failed');
  }
  const warnings: string[] = [];
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== doc.notice.source.sha256) {
    const warning = `${sourcePath} is not the file ${base} was converted from (sha256 ${sha256.slice(0, 12)}…, converted ${doc.notice.source.sha256.slice(0, 12)}…): line numbers may not match; run pubcom convert again`;
    reporter.err(`${sourcePath}:1:1: warning: ${warning} [source-changed]`);
    warnings.push(`警告: ${warning}`);
  }

  const html = renderNoticeHtml(doc, decoded.text, { warnings });
  const target = path.join(options.outDir, `${base}.html`);
  try {
    await writeAtomically(options.outDir, `${base}.html`, html);
  } catch (error) {
    return fail(target, `Unexpected failure writing to ${options.outDir} (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a writable output folder`, 'write-failed');
  }
  reporter.out(`wrote ${target} (${doc.opinions.length} opinions)`);
  return true;
}

/** `inputDir/file`, else the first (by code units) `file` found below `inputDir`. */
async function findSource(inputDir: string, file: string): Promise<string | null> {
  const direct = path.join(inputDir, file);
  const info = await stat(direct).catch(() => null);
  if (info?.isFile()) return direct;
  return walkFor(inputDir, file);
}

async function walkFor(folder: string, file: string): Promise<string | null> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    const full = path.join(folder, entry.name);
    if (entry.isFile() && entry.name === file) return full;
  }
  for (const entry of sorted) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const found = await walkFor(path.join(folder, entry.name), file);
    if (found !== null) return found;
  }
  return null;
}

/** Write to a temporary name in `dir`, then rename: a reader never sees half a page. */
async function writeAtomically(dir: string, name: string, content: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path.join(dir, name));
  } finally {
    await rm(temporary, { force: true });
  }
}
