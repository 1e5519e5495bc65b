/**
 * The batch: list the inputs, convert each, write (or, with `check`, compare)
 * its outputs, report. The only module besides cli.ts that touches the file
 * system. One failing file never stops the others: its failure becomes a
 * diagnostic and the exit status 1.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { compareCodeUnits, formatMessage, report, sortedMessages } from './diagnostics.js';
import { emitAll, type Format } from './emit/index.js';
import { CONTEXT_FILE } from './emit/jsonld.js';
import { convertNotice, StageError } from './pipeline.js';
import { Overrides } from './schema/overrides.js';

export const INPUT_EXTENSIONS = ['.txt', '.md', '.html', '.htm'];

export interface RunOptions {
  paths: string[];
  outDir: string;
  formats: readonly Format[];
  bom: boolean;
  /** Write nothing; list the outputs that differ from what is in `outDir`. */
  check: boolean;
  /** Also print info diagnostics. */
  verbose: boolean;
}

export interface Reporter {
  out(line: string): void;
  err(line: string): void;
}

export interface RunSummary {
  exitCode: 0 | 1;
  files: number;
  failed: number;
  opinions: number;
  stale: string[];
}

/** The committed JSON-LD context, read from the package's `schemas/` folder. */
export async function loadContext(): Promise<object> {
  return JSON.parse(await readFile(new URL(`../schemas/${CONTEXT_FILE}`, import.meta.url), 'utf8')) as object;
}

export async function run(options: RunOptions, reporter: Reporter): Promise<RunSummary> {
  const context = await loadContext();
  if (!options.check) await removeLeftovers(options.outDir);
  const { inputs, missing } = await listInputs(options.paths);
  const summary: RunSummary = { exitCode: 0, files: inputs.length, failed: 0, opinions: 0, stale: [] };
  const written = new Map<string, string>();
  for (const message of missing) reporter.err(message);
  if (missing.length > 0) summary.exitCode = 1;

  for (const input of inputs) {
    const file = new VFile({ path: input });
    const outputs = await convertFile(input, file, options, context, written);
    for (const message of sortedMessages(file)) {
      if (message.fatal !== undefined || options.verbose) reporter.err(formatMessage(input, message));
    }
    const failed = file.messages.some((message) => message.fatal === true);
    if (failed) summary.failed++;
    if (!outputs) continue;
    summary.opinions += outputs.opinions;
    if (options.check) {
      summary.stale.push(...(await differing(options.outDir, outputs.files)));
    } else if (!(await writeAll(options.outDir, outputs.files, input, reporter))) {
      summary.failed++;
    }
  }
  if (options.check) {
    summary.stale.push(...(await unexpected(options.outDir, written)));
    summary.stale.sort(compareCodeUnits);
    for (const name of summary.stale) reporter.out(`differs: ${path.join(options.outDir, name)}`);
  }
  if (summary.failed > 0 || summary.stale.length > 0) summary.exitCode = 1;
  return summary;
}

interface Outputs {
  files: Map<string, string>;
  opinions: number;
}

/** Read, convert and emit one input; any exception is a fatal diagnostic on that file, never the end of the batch. */
async function convertFile(input: string, file: VFile, options: RunOptions, context: object, written: Map<string, string>): Promise<Outputs | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (error) {
    report(file, 'read-failed', `Unexpected unreadable file (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a readable notice`);
    return null;
  }
  const fileName = path.basename(input);
  const id = fileName.slice(0, fileName.length - path.extname(fileName).length);
  const claimedBy = written.get(id);
  if (claimedBy !== undefined) {
    report(file, 'read-failed', `Unexpected second input named ${id}, expected one input per output name (first: ${claimedBy})`);
    return null;
  }
  written.set(id, input);
  const overrides = await readOverrides(input, file);
  if (overrides === null) return null;
  try {
    const conversion = convertNotice({ id, fileName, bytes, overrides }, file);
    if (!conversion) return null;
    const files = await emitAll(conversion.document, conversion.text, { formats: options.formats, bom: options.bom, context });
    return { files, opinions: conversion.document.opinions.length };
  } catch (error) {
    const where = error instanceof StageError ? `stage ${error.stage}` : 'emit';
    report(file, 'internal-error', `Unexpected failure in ${where}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** `NAME.pubcom.json` beside `NAME.txt`: {} when absent, null (and a diagnostic) when invalid. */
async function readOverrides(input: string, file: VFile): Promise<Overrides | null> {
  const overridesPath = overridesPathOf(input);
  const text = await readFile(overridesPath, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (text === null) return {};
  const where = `${path.basename(overridesPath)}`;
  if (text instanceof Error) {
    report(file, 'overrides-invalid', `Unexpected unreadable ${where} (${(text as NodeJS.ErrnoException).code ?? 'error'}), expected a readable JSON file`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    report(file, 'overrides-invalid', `Unexpected invalid JSON in ${where}: ${(error as Error).message}`);
    return null;
  }
  const result = Overrides.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  report(file, 'overrides-invalid', `Unexpected ${where} field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}, expected the overrides schema`);
  return null;
}

export function overridesPathOf(input: string): string {
  return input.slice(0, input.length - path.extname(input).length) + '.pubcom.json';
}

/** Temporary files of ours (`.NAME.0123456789ab.tmp`) that a killed run left behind. */
const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/;

async function removeLeftovers(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => TEMPORARY.test(name)).map((name) => rm(path.join(outDir, name), { force: true })));
}

/** Each output goes to a temporary name first and is renamed: a reader never sees half a file. */
async function writeAll(outDir: string, files: Map<string, string>, input: string, reporter: Reporter): Promise<boolean> {
  try {
    await mkdir(outDir, { recursive: true });
    for (const [name, content] of files) {
      const target = path.join(outDir, name);
      const temporary = path.join(outDir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temporary, content);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
    }
    return true;
  } catch (error) {
    reporter.err(`${input}:1:1: error: Unexpected failure writing to ${outDir} (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a writable output folder [write-failed]`);
    return false;
  }
}

async function differing(outDir: string, files: Map<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, content] of files) {
    const current = await readFile(path.join(outDir, name), 'utf8').catch(() => null);
    if (current !== content) stale.push(name);
  }
  return stale;
}

/** Outputs in `outDir` that no input of this run produces (an input was removed or renamed). */
async function unexpected(outDir: string, written: Map<string, string>): Promise<string[]> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  return names.filter((name) => {
    const match = /^(.+?)\.(?:json|jsonld|[a-z]+\.csv)$/.exec(name);
    return match?.[1] !== undefined && !written.has(match[1]) && !name.startsWith('.');
  });
}

/** Files given, and folders walked recursively for notices; sorted by code units so every machine runs the same order. */
async function listInputs(paths: readonly string[]): Promise<{ inputs: string[]; missing: string[] }> {
  const inputs: string[] = [];
  const missing: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) missing.push(`${given}:1:1: error: Unexpected missing path, expected a notice file or a folder [read-failed]`);
    else if (info.isDirectory()) inputs.push(...(await walk(given)));
    else inputs.push(given);
  }
  return { inputs: [...new Set(inputs)].sort(compareCodeUnits), missing };
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (INPUT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) found.push(full);
  }
  return found;
}
