/**
 * Per-notice overrides: an optional `NAME.pubcom.json` beside `NAME.txt` lets
 * an archivist fix what a heuristic got wrong for that one notice, without
 * touching code. Every field is optional; unknown fields are an error, so a
 * typo never silently does nothing.
 */
import * as z from './zod.js';

const ROLES = ['opinion', 'response', 'flag', 'number', 'place', 'submitter', 're-opinion', 'count'] as const;

export const Overrides = z
  .strictObject({
    columns: z
      .record(z.string().min(1), z.enum([...ROLES, 'ignore']))
      .optional()
      .describe('header text (as printed, spaces ignored) -> column role; "ignore" drops a column knowingly'),
    respondent: z.string().min(1).optional().describe('the body that answers, when the notice does not name it'),
    submitterAliases: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe('submitter mark as printed (without 【】) -> the name to record, e.g. an abbreviation -> the full name'),
    periodYear: z
      .number()
      .int()
      .min(1868)
      .max(2200)
      .optional()
      .describe('the year (western, 2001) of a consultation period the notice prints without one (7月11日から22日まで) and with no dated line above it'),
    continuationRows: z
      .array(z.number().int().positive())
      .optional()
      .describe('line numbers of rows that continue the opinion above although they look like a new one'),
  })
  .describe('pubcom per-notice overrides (NAME.pubcom.json beside the notice)');
export type Overrides = z.infer<typeof Overrides>;
export type OverrideRole = (typeof ROLES)[number] | 'ignore';
