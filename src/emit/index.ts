/**
 * Every output file of one notice, by file name (CONTRACT.md "Command line"):
 * NAME.json, NAME.jsonld and NAME.<table>.csv. Pure: the caller writes them.
 */
import type { NoticeDocument } from '../schema/records.js';
import { csvTable, CSV_TABLES } from './csv.js';
import { toJson } from './json.js';
import { serializeJsonLd, toJsonLd } from './jsonld.js';

export const FORMATS = ['json', 'jsonld', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface EmitOptions {
  formats: readonly Format[];
  /** CSV files start with a UTF-8 BOM (Excel on Japanese Windows). */
  bom: boolean;
  /** The parsed JSON-LD context file of `schemas/`. */
  context: object;
}

/** `sourceText` is the decoded input, which the JSON-LD quotes in its Web Annotation selectors. */
export function emitAll(document: NoticeDocument, sourceText: string, options: EmitOptions): Map<string, string> {
  return new Map(emitLazily(document, sourceText, options).map(([name, make]) => [name, make()]));
}

/** An output file's name, and what makes its text when called. */
export type LazyOutput = [name: string, make: () => string];

/** Each output file of a notice: its format, how its name ends after the notice's id, and what makes its text. */
const OUTPUT_FILES: ReadonlyArray<{ format: Format; ending: string; make(document: NoticeDocument, sourceText: string, options: EmitOptions): string }> = [
  { format: 'json', ending: '.json', make: (document) => toJson(document) },
  { format: 'jsonld', ending: '.jsonld', make: (document, sourceText, options) => serializeJsonLd(toJsonLd(document, options.context, sourceText)) },
  ...CSV_TABLES.map((table) => ({ format: 'csv' as const, ending: `.${table}.csv`, make: (document: NoticeDocument, _sourceText: string, options: EmitOptions) => csvTable(document, table, { bom: options.bom }) })),
];

/** The names of the output files of notice `id` under `formats`, in the order {@link emitLazily} makes them. */
export function outputNames(id: string, formats: readonly Format[]): string[] {
  return OUTPUT_FILES.filter((file) => formats.includes(file.format)).map((file) => id + file.ending);
}

/**
 * The files of {@link emitAll}, each text made only when asked: a caller that
 * writes each text before it makes the next holds one file's text at a time.
 * For a 50 MB notice the JSON-LD alone is 350 MB; made one at a time, its
 * outputs fit in a heap of 0.9 GB, where all at once needed 1.5 GB.
 */
export function emitLazily(document: NoticeDocument, sourceText: string, options: EmitOptions): LazyOutput[] {
  const id = document.notice.id;
  return OUTPUT_FILES.filter((file) => options.formats.includes(file.format)).map((file) => [id + file.ending, () => file.make(document, sourceText, options)]);
}
