/** Shared by the tests: convert a fixture folder the way the CLI converts a file. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { formatMessage, sortedMessages } from '../src/diagnostics.js';
import { emitAll, FORMATS } from '../src/emit/index.js';
import { convertNotice } from '../src/pipeline.js';
import { loadContext } from '../src/convert-file.js';
import { Overrides } from '../src/schema/overrides.js';
import type { NoticeDocument } from '../src/schema/records.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Every fixture folder, sorted. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function fixtureInputName(name: string): string {
  const input = readdirSync(new URL(`${name}/`, FIXTURES)).find((file) => file.startsWith('input.') && !file.endsWith('.pubcom.json'));
  if (!input) throw new Error(`fixture ${name} has no input.* file`);
  return input;
}

export interface Converted {
  document: NoticeDocument | null;
  /** Diagnostics as the CLI prints them, one per line. */
  messages: string;
  files: Map<string, string>;
  bytes: Uint8Array;
}

/** Convert `bytes` as notice `id`; what the CLI would write, without touching the disk. */
export async function convertBytes(id: string, fileName: string, bytes: Uint8Array, overrides: Overrides = {}): Promise<Converted> {
  const file = new VFile({ path: fileName });
  const conversion = convertNotice({ id, fileName, bytes, overrides }, file);
  const document = conversion?.document ?? null;
  const files = conversion ? emitAll(conversion.document, conversion.text, { formats: FORMATS, bom: false, context: await loadContext() }) : new Map<string, string>();
  const messages = sortedMessages(file).map((message) => formatMessage(fileName, message)).join('\n');
  return { document, messages: messages === '' ? '' : messages + '\n', files, bytes };
}

/** Convert a fixture folder: input.* and, when present, its input.pubcom.json overrides. */
export async function convertFixture(name: string): Promise<Converted> {
  const fileName = fixtureInputName(name);
  const overridesFile = new URL(`${name}/input.pubcom.json`, FIXTURES);
  const overrides = existsSync(overridesFile) ? Overrides.parse(JSON.parse(readFileSync(overridesFile, 'utf8'))) : {};
  return convertBytes(name, fileName, readFileSync(new URL(`${name}/${fileName}`, FIXTURES)), overrides);
}

/** Convert a small notice given as text (tests of one behaviour). */
export async function convertText(text: string, id = 'notice'): Promise<Converted> {
  return convertBytes(id, `${id}.txt`, new TextEncoder().encode(text));
}

const temporaryDirs: string[] = [];

/** A fresh folder under the system temp dir, removed when the test file is done (see removeTemporaryDirs). */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
