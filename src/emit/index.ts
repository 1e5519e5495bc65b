/**
 * Every output file of one notice, by file name (CONTRACT.md "Command line"):
 * NAME.json, NAME.jsonld and NAME.<table>.csv. Pure: the caller writes them.
 */
import type { NoticeDocument } from '../schema/records.js';
import { toCsv } from './csv.js';
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
  const id = document.notice.id;
  const files = new Map<string, string>();
  if (options.formats.includes('json')) files.set(`${id}.json`, toJson(document));
  if (options.formats.includes('jsonld')) files.set(`${id}.jsonld`, serializeJsonLd(toJsonLd(document, options.context, sourceText)));
  if (options.formats.includes('csv')) {
    for (const [table, csv] of Object.entries(toCsv(document, { bom: options.bom }))) files.set(`${id}.${table}.csv`, csv);
  }
  return files;
}
