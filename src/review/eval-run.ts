/**
 * `pubcom eval --gold DIR [--output DIR] [--out FILE]`: load every gold file
 * `DIR/NAME.json`, the output `outputDir/NAME.json` of the same notice, score
 * them (`eval.ts`) and print the markdown report, or write it to `report`.
 * Writing keeps the hand-written reading of an existing report (between the
 * `eval:notes` markers). Exit status 0; 1 with a one-line message when a gold
 * or output file is missing or invalid.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareCodeUnits, evaluate, extractNotes, GoldNotice, PredictedDocument, renderReport } from './eval.js';

export interface EvalOptions {
  goldDir: string;
  outputDir: string;
  /** Write the report to this file instead of printing it. */
  report?: string;
}

export interface EvalReporter {
  out(line: string): void;
  err(line: string): void;
}

class EvalInputError extends Error {}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const first = (error.issues as { path?: PropertyKey[]; message?: string }[])[0];
    const where = first?.path && first.path.length > 0 ? first.path.map(String).join('.') : '(root)';
    return `${where}: ${first?.message ?? 'invalid'}`;
  }
  if (error instanceof SyntaxError) return `not JSON (${error.message})`;
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file';
  return error instanceof Error ? error.message : String(error);
}

async function readJson<T>(file: string, what: string, parse: (value: unknown) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EvalInputError(`${file}: cannot read ${what}: ${describe(error)}`);
  }
  try {
    return parse(JSON.parse(text));
  } catch (error) {
    throw new EvalInputError(`${file}: invalid ${what}: ${describe(error)}`);
  }
}

/** The gold files of `goldDir` (sorted), each with its output. */
export async function loadPairs(goldDir: string, outputDir: string): Promise<{ gold: GoldNotice; output: PredictedDocument }[]> {
  let names: string[];
  try {
    names = (await readdir(goldDir)).filter((name) => name.endsWith('.json')).sort(compareCodeUnits);
  } catch (error) {
    throw new EvalInputError(`${goldDir}: cannot read the gold folder: ${describe(error)}`);
  }
  if (names.length === 0) throw new EvalInputError(`${goldDir}: no gold files (NAME.json)`);
  const pairs: { gold: GoldNotice; output: PredictedDocument }[] = [];
  for (const name of names) {
    const goldFile = path.join(goldDir, name);
    const gold = await readJson(goldFile, 'gold file', (value) => GoldNotice.parse(value));
    if (`${gold.notice}.json` !== name) throw new EvalInputError(`${goldFile}: invalid gold file: notice "${gold.notice}" does not match the file name`);
    const output = await readJson(path.join(outputDir, name), 'output file', (value) => PredictedDocument.parse(value));
    pairs.push({ gold, output });
  }
  return pairs;
}

export async function runEval(options: EvalOptions, reporter: EvalReporter): Promise<number> {
  try {
    const pairs = await loadPairs(options.goldDir, options.outputDir);
    const result = evaluate(pairs);
    let notes: string | undefined;
    if (options.report !== undefined) {
      try {
        notes = extractNotes(await readFile(options.report, 'utf8'));
      } catch {
        notes = undefined; // no report yet
      }
    }
    const markdown = renderReport(result, { goldDir: options.goldDir, outputDir: options.outputDir, ...(notes === undefined ? {} : { notes }) });
    if (options.report === undefined) {
      for (const line of markdown.replace(/\n$/, '').split('\n')) reporter.out(line);
    } else {
      const temporary = `${options.report}.${process.pid}.tmp`;
      await writeFile(temporary, markdown, 'utf8');
      await rename(temporary, options.report);
      reporter.err(`pubcom: wrote ${options.report} (${pairs.length} notices)`);
    }
    return 0;
  } catch (error) {
    reporter.err(`pubcom: ${error instanceof EvalInputError ? error.message : `eval failed: ${describe(error)}`}`);
    return 1;
  }
}
