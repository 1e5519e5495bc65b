/**
 * Stage 8: every record is checked against its zod schema before anything is
 * written, so an output file never holds a record the JSON Schema rejects.
 * The parsed value is returned: zod rebuilds objects in schema key order,
 * which keeps the JSON byte-stable.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { NoticeDocument } from '../schema/records.js';

export function validate(document: unknown, file: VFile): NoticeDocument | null {
  const result = NoticeDocument.safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  report(file, 'internal-error', `Unexpected invalid record at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}, expected it to match the schema (stage validate)`);
  return null;
}
