/** JSON output: the validated record, keys in schema order, two-space indent, final newline. */
import type { NoticeDocument } from '../schema/records.js';

export function toJson(document: NoticeDocument): string {
  return JSON.stringify(document, undefined, 2) + '\n';
}
