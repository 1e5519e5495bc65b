/**
 * Field-level evaluation of pubcom's output against a hand-checked gold set,
 * in the manner of GROBID's field-level results: for each field, true
 * positives, false positives and false negatives, then precision, recall and
 * F1, under "exact" and "normalised" matching. Pure: no file system (see
 * `eval-run.ts` for the I/O), deterministic output.
 *
 * ## Gold format (`test/gold/NAME.json`, one per notice, validated by `GoldNotice`)
 *
 * Written by hand from the source text, never copied from an output.
 *
 * ```jsonc
 * {
 *   "notice": "mic-denpa-tsv",                  // notice id = output file NAME.json
 *   "source": "input/mic-denpa-tsv.txt",        // the input read, relative to the repository
 *   "notes": ["…"],                             // optional: annotation decisions
 *   "period": {"start": "2019-04-22", "end": "2019-05-21"} | null,
 *   "rePeriod": {"start": "…", "end": "…"} | null,     // the 再意見 round
 *   "submitterCount": 8 | null,                 // as stated (first round)
 *   "reSubmitterCount": 3 | null,               // as stated (再意見 round)
 *   "submitters": ["一般社団法人…", "個人A"],      // notice-level names, normalised (【個人 A】 -> 個人A)
 *   "opinions": [{
 *     "key": "1-1",                             // as in opinions[].key
 *     "section": "1" | "sec-4" | null,          // a sections[].id
 *     "revised": true | false | null,           // the 有/無 flag; null without a flag column
 *     "outcome": "revised" | "unchanged" | "noted" | "unknown",
 *     "refersTo": ["1-1"],                      // keys the response defers to
 *     "note": "…",                              // optional
 *     "comments": [{                            // in document order
 *       "submitter": "個人B" | null,
 *       "kind": "comment" | "re-opinion",
 *       "startLine": 25, "endLine": 27,         // 1-based physical lines of the comment's text
 *       "textStart": "山間部の水位観測など、欠測が",  // first ~15 characters of the text as printed
 *       "textEnd": "算定方法を見直していただきたい。",  // last ~15 characters (page-split halves joined)
 *       "refs": ["art.3.2", "p.29", "III.3.1.3", "whole"],  // canonical refs of this comment
 *       "note": "…"                             // optional
 *     }]
 *   }]
 * }
 * ```
 *
 * A comment's text is what follows the label and summary (`意見N …。`) and
 * ends before its submitter mark `【…】`; markup removed, spaces collapsed.
 *
 * ## Fields and matching
 *
 * Every field is a bag of items per notice; an item of the gold matches at
 * most one item of the output. Opinion keys are compared as printed (exact)
 * or after NFKC and whitespace removal (normalised).
 *
 * | field | item | normalised differs by |
 * |---|---|---|
 * | opinions | opinion key | key NFKC, no spaces |
 * | sections | key -> section id | id NFKC, no spaces, lower case |
 * | comments | per opinion: (startLine, endLine, submitter, kind) and the text begins with textStart and ends with textEnd, verbatim | lines not compared; submitter and text edges NFKC, no whitespace |
 * | submitters | notice-level name | NFKC, no whitespace |
 * | counts | submitterCount, reSubmitterCount (non-null) | — |
 * | flags | key -> revised (non-null values only) | — |
 * | outcomes | key -> outcome | — |
 * | refs | (key, comment position, canonical), each canonical once per comment | canonical NFKC, lower case, no whitespace |
 * | refersTo | (key, target key) | keys NFKC, no spaces |
 * | periods | period/rePeriod start and end dates (raw text ignored) | — |
 *
 * A null value is no item (a null flag in gold and output counts nothing; a
 * flag the gold has and the output lacks is a false negative). Scores over
 * several notices are micro-averaged (counts summed). With nothing to find
 * and nothing found, precision, recall and F1 are 1.
 */
import { compareCodeUnits } from '../diagnostics.js';
import * as z from '../schema/zod.js';

// ---------------------------------------------------------------- gold schema

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const GoldPeriod = z.strictObject({ start: IsoDate, end: IsoDate });

export const GoldComment = z
  .strictObject({
    submitter: z.string().min(1).nullable(),
    kind: z.enum(['comment', 're-opinion']),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    textStart: z.string().min(1),
    textEnd: z.string().min(1),
    refs: z.array(z.string().min(1)),
    note: z.string().optional(),
  })
  .refine((comment) => comment.endLine >= comment.startLine, { message: 'endLine is before startLine' });
export type GoldComment = z.infer<typeof GoldComment>;

export const GoldOpinion = z.strictObject({
  key: z.string().min(1),
  section: z.string().min(1).nullable(),
  revised: z.boolean().nullable(),
  outcome: z.enum(['revised', 'unchanged', 'noted', 'unknown']),
  refersTo: z.array(z.string().min(1)),
  note: z.string().optional(),
  comments: z.array(GoldComment),
});
export type GoldOpinion = z.infer<typeof GoldOpinion>;

export const GoldNotice = z
  .strictObject({
    notice: z.string().min(1),
    source: z.string().min(1),
    notes: z.array(z.string()).optional(),
    period: GoldPeriod.nullable(),
    rePeriod: GoldPeriod.nullable(),
    submitterCount: z.number().int().nonnegative().nullable(),
    reSubmitterCount: z.number().int().nonnegative().nullable(),
    submitters: z.array(z.string().min(1)),
    opinions: z.array(GoldOpinion),
  })
  .superRefine((gold, context) => {
    const seen = new Set<string>();
    for (const [index, opinion] of gold.opinions.entries()) {
      if (seen.has(opinion.key)) context.addIssue({ code: 'custom', message: `duplicate opinion key ${opinion.key}`, path: ['opinions', index, 'key'] });
      seen.add(opinion.key);
    }
    const names = new Set<string>();
    for (const [index, name] of gold.submitters.entries()) {
      if (names.has(name)) context.addIssue({ code: 'custom', message: `duplicate submitter ${name}`, path: ['submitters', index] });
      names.add(name);
    }
  });
export type GoldNotice = z.infer<typeof GoldNotice>;

// ------------------------------------------------- what is read of an output

const PredictedPeriod = z.object({ start: z.string(), end: z.string() });

/**
 * The part of a `NoticeDocument` (src/schema/records.ts) the scorer reads.
 * Unknown fields are accepted and ignored, so outputs may gain fields.
 */
export const PredictedDocument = z.object({
  notice: z.object({
    id: z.string(),
    period: PredictedPeriod.nullable(),
    rePeriod: PredictedPeriod.nullable(),
    submitterCount: z.number().nullable(),
    reSubmitterCount: z.number().nullable(),
    submitters: z.array(z.object({ name: z.string() })),
  }),
  opinions: z.array(
    z.object({
      key: z.string(),
      section: z.string().nullable(),
      revised: z.boolean().nullable(),
      outcome: z.string(),
      response: z.object({ refersTo: z.array(z.string()) }).nullable(),
      comments: z.array(
        z.object({
          kind: z.string(),
          submitter: z.string().nullable(),
          text: z.string(),
          refs: z.array(z.object({ canonical: z.string() })),
          source: z.object({ startLine: z.number(), endLine: z.number() }),
        }),
      ),
    }),
  ),
});
export type PredictedDocument = z.infer<typeof PredictedDocument>;

// ---------------------------------------------------------------- scores

export const FIELDS = ['opinions', 'sections', 'comments', 'submitters', 'counts', 'flags', 'outcomes', 'refs', 'refersTo', 'periods'] as const;
export type FieldName = (typeof FIELDS)[number];
export const MODES = ['exact', 'normalised'] as const;
export type Mode = (typeof MODES)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function scores({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp > 0 ? tp / (tp + fp) : fn === 0 ? 1 : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : fp === 0 ? 1 : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** One thing a field counts, in the gold or in the output. */
export interface Item {
  /** Readable description for the disagreement list. */
  label: string;
  /** Single-valued fields: what the value belongs to (a gold and an output item of one slot that differ are one disagreement). */
  slot: string | null;
}

interface Matching {
  /** gold item index -> output item index. */
  pairs: Map<number, number>;
  /** output item indexes that are matched. */
  matchedOutput: Set<number>;
}

export interface FieldResult {
  field: FieldName;
  gold: Item[];
  output: Item[];
  matching: Record<Mode, Matching>;
  scores: Record<Mode, Scores>;
}

export interface NoticeResult {
  notice: string;
  fields: FieldResult[];
}

export interface EvalResult {
  notices: NoticeResult[];
  /** Micro-averaged over the notices. */
  total: Record<FieldName, Record<Mode, Scores>>;
}

/** NFKC, every whitespace character removed. */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}
const normKey = squash;
const normRef = (canonical: string): string => squash(canonical).toLowerCase();

function matchingFromCounts(pairs: Map<number, number>, outputCount: number, goldCount: number): Scores {
  return scores({ tp: pairs.size, fp: outputCount - pairs.size, fn: goldCount - pairs.size });
}

/** Items whose comparison is equality of a key per mode. */
interface KeyedItem extends Item {
  keys: Record<Mode, string>;
}

function matchKeyed(gold: KeyedItem[], output: KeyedItem[], mode: Mode): Matching {
  const waiting = new Map<string, number[]>();
  output.forEach((item, index) => {
    const queue = waiting.get(item.keys[mode]);
    if (queue) queue.push(index);
    else waiting.set(item.keys[mode], [index]);
  });
  const pairs = new Map<number, number>();
  gold.forEach((item, index) => {
    const queue = waiting.get(item.keys[mode]);
    const found = queue?.shift();
    if (found !== undefined) pairs.set(index, found);
  });
  return { pairs, matchedOutput: new Set(pairs.values()) };
}

function keyedField(field: FieldName, gold: KeyedItem[], output: KeyedItem[]): FieldResult {
  const matching = { exact: matchKeyed(gold, output, 'exact'), normalised: matchKeyed(gold, output, 'normalised') };
  return {
    field,
    gold: gold.map(({ label, slot }) => ({ label, slot })),
    output: output.map(({ label, slot }) => ({ label, slot })),
    matching,
    scores: {
      exact: matchingFromCounts(matching.exact.pairs, output.length, gold.length),
      normalised: matchingFromCounts(matching.normalised.pairs, output.length, gold.length),
    },
  };
}

const keyed = (label: string, slot: string | null, exact: string, normalised: string): KeyedItem => ({ label, slot, keys: { exact, normalised } });
const show = (value: unknown): string => (value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value));
const opinionLabel = (key: string): string => `意見 ${key}`;
const sep = '\u0000';

// ---------------------------------------------------------------- per field

function opinionItems(keys: string[]): KeyedItem[] {
  return keys.map((key) => keyed(opinionLabel(key), null, key, normKey(key)));
}

function valueItems<T>(entries: { key: string; value: T | null }[], what: string, normalise: (value: T) => string = show): KeyedItem[] {
  return entries
    .filter((entry): entry is { key: string; value: T } => entry.value !== null)
    .map(({ key, value }) => keyed(`${opinionLabel(key)}: ${what} ${show(value)}`, key, key + sep + show(value), normKey(key) + sep + normalise(value)));
}

function refItems(opinions: { key: string; comments: string[][] }[]): KeyedItem[] {
  const items: KeyedItem[] = [];
  for (const { key, comments } of opinions) {
    comments.forEach((canonicals, index) => {
      for (const canonical of [...new Set(canonicals)]) {
        const position = index + 1;
        items.push(keyed(`${opinionLabel(key)} c${position}: ${canonical}`, null, [key, position, canonical].join(sep), [normKey(key), position, normRef(canonical)].join(sep)));
      }
    });
  }
  return items;
}

function refersToItems(opinions: { key: string; targets: string[] }[]): KeyedItem[] {
  return opinions.flatMap(({ key, targets }) =>
    [...new Set(targets)].map((target) => keyed(`${opinionLabel(key)} -> ${target}`, null, key + sep + target, normKey(key) + sep + normKey(target))),
  );
}

function periodItems(period: { start: string; end: string } | null, rePeriod: { start: string; end: string } | null): KeyedItem[] {
  const items: KeyedItem[] = [];
  for (const [name, value] of [
    ['period', period],
    ['rePeriod', rePeriod],
  ] as const) {
    if (!value) continue;
    for (const end of ['start', 'end'] as const) {
      const slot = `${name}.${end}`;
      items.push(keyed(`${slot} ${value[end]}`, slot, `${slot}=${value[end]}`, `${slot}=${value[end]}`));
    }
  }
  return items;
}

function countItems(counts: [string, number | null][]): KeyedItem[] {
  return counts.filter((entry): entry is [string, number] => entry[1] !== null).map(([name, value]) => keyed(`${name} ${value}`, name, `${name}=${value}`, `${name}=${value}`));
}

/** A comment reduced to what the comments field compares. */
interface CommentView {
  key: string;
  position: number;
  kind: string;
  submitter: string | null;
  startLine: number;
  endLine: number;
  /** Gold: textStart/textEnd; output: the text itself in both. */
  head: string;
  tail: string;
}

function edges(text: string, size = 15): { head: string; tail: string } {
  const chars = [...text.trim()];
  return { head: chars.slice(0, size).join(''), tail: chars.slice(-size).join('') };
}

function commentLabel(view: CommentView, textHead: string, textTail: string): string {
  return `${opinionLabel(view.key)} c${view.position} ${view.submitter ?? '(no submitter)'}${view.kind === 'comment' ? '' : ` [${view.kind}]`} lines ${view.startLine}–${view.endLine} «${textHead}…${textTail}»`;
}

function commentMatches(gold: CommentView, output: CommentView & { text: string }, mode: Mode): boolean {
  if (gold.kind !== output.kind) return false;
  if (mode === 'exact') {
    const text = output.text.trim();
    return (
      gold.key === output.key &&
      gold.submitter === output.submitter &&
      gold.startLine === output.startLine &&
      gold.endLine === output.endLine &&
      text.startsWith(gold.head) &&
      text.endsWith(gold.tail)
    );
  }
  const text = squash(output.text);
  return (
    normKey(gold.key) === normKey(output.key) &&
    (gold.submitter === null ? output.submitter === null : output.submitter !== null && squash(gold.submitter) === squash(output.submitter)) &&
    text.startsWith(squash(gold.head)) &&
    text.endsWith(squash(gold.tail))
  );
}

function commentField(gold: GoldNotice, output: PredictedDocument): FieldResult {
  const goldViews: CommentView[] = gold.opinions.flatMap((opinion) =>
    opinion.comments.map((comment, index) => ({
      key: opinion.key,
      position: index + 1,
      kind: comment.kind,
      submitter: comment.submitter,
      startLine: comment.startLine,
      endLine: comment.endLine,
      head: comment.textStart,
      tail: comment.textEnd,
    })),
  );
  const outputViews = output.opinions.flatMap((opinion) =>
    opinion.comments.map((comment, index) => ({
      key: opinion.key,
      position: index + 1,
      kind: comment.kind,
      submitter: comment.submitter,
      startLine: comment.source.startLine,
      endLine: comment.source.endLine,
      text: comment.text,
      ...edges(comment.text),
    })),
  );
  const match = (mode: Mode): Matching => {
    const pairs = new Map<number, number>();
    const used = new Set<number>();
    goldViews.forEach((view, goldIndex) => {
      const found = outputViews.findIndex((candidate, index) => !used.has(index) && commentMatches(view, candidate, mode));
      if (found >= 0) {
        pairs.set(goldIndex, found);
        used.add(found);
      }
    });
    return { pairs, matchedOutput: used };
  };
  const matching = { exact: match('exact'), normalised: match('normalised') };
  return {
    field: 'comments',
    gold: goldViews.map((view) => ({ label: commentLabel(view, view.head, view.tail), slot: `${view.key}${sep}${view.position}` })),
    output: outputViews.map((view) => ({ label: commentLabel(view, view.head, view.tail), slot: `${view.key}${sep}${view.position}` })),
    matching,
    scores: {
      exact: matchingFromCounts(matching.exact.pairs, outputViews.length, goldViews.length),
      normalised: matchingFromCounts(matching.normalised.pairs, outputViews.length, goldViews.length),
    },
  };
}

/** Score one notice: every field of `FIELDS`, in that order. */
export function evaluateNotice(gold: GoldNotice, output: PredictedDocument): NoticeResult {
  const goldOps = gold.opinions;
  const outOps = output.opinions;
  const fields: FieldResult[] = [
    keyedField('opinions', opinionItems(goldOps.map((o) => o.key)), opinionItems(outOps.map((o) => o.key))),
    keyedField(
      'sections',
      valueItems(goldOps.map((o) => ({ key: o.key, value: o.section })), 'section', (value) => squash(value).toLowerCase()),
      valueItems(outOps.map((o) => ({ key: o.key, value: o.section })), 'section', (value) => squash(value).toLowerCase()),
    ),
    commentField(gold, output),
    keyedField(
      'submitters',
      gold.submitters.map((name) => keyed(name, null, name, squash(name))),
      output.notice.submitters.map(({ name }) => keyed(name, null, name, squash(name))),
    ),
    keyedField(
      'counts',
      countItems([
        ['submitterCount', gold.submitterCount],
        ['reSubmitterCount', gold.reSubmitterCount],
      ]),
      countItems([
        ['submitterCount', output.notice.submitterCount],
        ['reSubmitterCount', output.notice.reSubmitterCount],
      ]),
    ),
    keyedField('flags', valueItems(goldOps.map((o) => ({ key: o.key, value: o.revised })), 'revised'), valueItems(outOps.map((o) => ({ key: o.key, value: o.revised })), 'revised')),
    keyedField('outcomes', valueItems(goldOps.map((o) => ({ key: o.key, value: o.outcome })), 'outcome'), valueItems(outOps.map((o) => ({ key: o.key, value: o.outcome })), 'outcome')),
    keyedField(
      'refs',
      refItems(goldOps.map((o) => ({ key: o.key, comments: o.comments.map((c) => c.refs) }))),
      refItems(outOps.map((o) => ({ key: o.key, comments: o.comments.map((c) => c.refs.map((ref) => ref.canonical)) }))),
    ),
    keyedField(
      'refersTo',
      refersToItems(goldOps.map((o) => ({ key: o.key, targets: o.refersTo }))),
      refersToItems(outOps.map((o) => ({ key: o.key, targets: o.response?.refersTo ?? [] }))),
    ),
    keyedField('periods', periodItems(gold.period, gold.rePeriod), periodItems(output.notice.period, output.notice.rePeriod)),
  ];
  return { notice: gold.notice, fields };
}


/** Score (gold, output) pairs; notices sorted by id, totals micro-averaged. */
export function evaluate(pairs: readonly { gold: GoldNotice; output: PredictedDocument }[]): EvalResult {
  const notices = pairs.map(({ gold, output }) => evaluateNotice(gold, output)).sort((a, b) => compareCodeUnits(a.notice, b.notice));
  const total = {} as Record<FieldName, Record<Mode, Scores>>;
  for (const field of FIELDS) {
    const byMode = {} as Record<Mode, Scores>;
    for (const mode of MODES) {
      const sum: Counts = { tp: 0, fp: 0, fn: 0 };
      for (const notice of notices) {
        const found = notice.fields.find((result) => result.field === field);
        if (!found) continue;
        sum.tp += found.scores[mode].tp;
        sum.fp += found.scores[mode].fp;
        sum.fn += found.scores[mode].fn;
      }
      byMode[mode] = scores(sum);
    }
    total[field] = byMode;
  }
  return { notices, total };
}

// ---------------------------------------------------------------- disagreements

export interface Disagreement {
  notice: string;
  field: FieldName;
  /** `differs`: one slot with another value; `missing`: in the gold only; `extra`: in the output only. */
  type: 'differs' | 'missing' | 'extra';
  gold: string | null;
  output: string | null;
  /** Which matchings count it as an error (`exact` only: normalised matching forgives it). */
  modes: Mode[];
}

/** Every item that some mode leaves unmatched, in notice, field and document order. */
export function disagreements(result: EvalResult): Disagreement[] {
  const list: Disagreement[] = [];
  for (const notice of result.notices) {
    for (const field of notice.fields) {
      const goldModes = (index: number): Mode[] => MODES.filter((mode) => !field.matching[mode].pairs.has(index));
      const outputModes = (index: number): Mode[] => MODES.filter((mode) => !field.matching[mode].matchedOutput.has(index));
      const pairedOutput = new Set<number>();
      field.gold.forEach((item, goldIndex) => {
        const modes = goldModes(goldIndex);
        if (modes.length === 0) return;
        // Matched under normalised matching only: show what the output has.
        let partnerIndex = field.matching.normalised.pairs.get(goldIndex) ?? -1;
        // Else an unmatched output item of the same slot (a flag of the same opinion, the
        // comment at the same position): one line, not a missing and an extra.
        if (partnerIndex < 0 && item.slot !== null) {
          partnerIndex = field.output.findIndex((other, index) => other.slot === item.slot && !pairedOutput.has(index) && outputModes(index).length === MODES.length);
        }
        const partner = pairedOutput.has(partnerIndex) ? undefined : field.output[partnerIndex];
        if (partner) pairedOutput.add(partnerIndex);
        list.push({ notice: notice.notice, field: field.field, type: partner ? 'differs' : 'missing', gold: item.label, output: partner ? partner.label : null, modes });
      });
      field.output.forEach((item, outputIndex) => {
        if (pairedOutput.has(outputIndex)) return;
        const modes = outputModes(outputIndex);
        if (modes.length > 0) list.push({ notice: notice.notice, field: field.field, type: 'extra', gold: null, output: item.label, modes });
      });
    }
  }
  return list;
}

// ---------------------------------------------------------------- report

export const SUMMARY_START = '<!-- eval:summary -->';
export const SUMMARY_END = '<!-- /eval:summary -->';
export const NOTES_START = '<!-- eval:notes:start -->';
export const NOTES_END = '<!-- eval:notes:end -->';

const fixed = (value: number): string => value.toFixed(3);

function scoreRow(label: string, byMode: Record<Mode, Scores>): string {
  const { exact, normalised } = byMode;
  return `| ${label} | ${exact.tp + exact.fn} | ${exact.tp + exact.fp} | ${fixed(exact.precision)} | ${fixed(exact.recall)} | ${fixed(exact.f1)} | ${fixed(normalised.precision)} | ${fixed(normalised.recall)} | ${fixed(normalised.f1)} |`;
}

const TABLE_HEAD = ['| field | gold | output | P exact | R exact | F1 exact | P norm. | R norm. | F1 norm. |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|'];

export interface ReportOptions {
  goldDir: string;
  outputDir: string;
  /** Hand-written reading of the disagreements, kept between NOTES_START and NOTES_END. */
  notes?: string;
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown report: summary table, per-notice tables, disagreements, notes. */
export function renderReport(result: EvalResult, options: ReportOptions): string {
  const lines: string[] = [
    '# Evaluation against the gold set',
    '',
    `Regenerate with \`npx pubcom eval --gold ${options.goldDir} --out EVALUATION.md\` (reads \`${options.outputDir}/NAME.json\` for each \`${options.goldDir}/NAME.json\`).`,
    'Everything but the hand-written reading at the end is generated; `test/eval.test.ts` fails if any F1 below drops under its committed value.',
    '',
    `Gold: ${result.notices.length} notices (${result.notices.map((n) => `\`${n.notice}\``).join(', ')}), annotated by hand from the sources; format and matching rules in \`src/review/eval.ts\`.`,
    'Scores are micro-averaged over the notices. *gold* and *output* count the items of the field (exact matching). *Exact* compares values as printed; *normalised* forgives width, space and case differences (NFKC, whitespace removed) and, for comments, compares the text edges instead of the line span.',
    '',
    '## Scores (all notices)',
    '',
    SUMMARY_START,
    ...TABLE_HEAD,
    ...FIELDS.map((field) => scoreRow(field, result.total[field])),
    SUMMARY_END,
    '',
    '## Fields',
    '',
    '| field | an item is |',
    '|---|---|',
    '| opinions | an opinion key |',
    '| sections | opinion key -> section id |',
    '| comments | a comment of an opinion: line span, submitter, kind, and its text begins with the gold `textStart` and ends with `textEnd` |',
    '| submitters | a name of `notice.submitters` |',
    '| counts | `submitterCount`, `reSubmitterCount` |',
    '| flags | opinion key -> `revised` (non-null) |',
    '| outcomes | opinion key -> `outcome` |',
    '| refs | opinion key, comment position, canonical ref |',
    '| refersTo | opinion key -> key it defers to |',
    '| periods | start and end dates of `period` and `rePeriod` |',
    '',
    '## Per notice',
  ];
  for (const notice of result.notices) {
    lines.push('', `### ${notice.notice}`, '', ...TABLE_HEAD, ...notice.fields.map((field) => scoreRow(field.field, field.scores)));
  }
  lines.push('', '## Disagreements', '');
  const list = disagreements(result);
  if (list.length === 0) lines.push('None: the output matches the gold in every field.');
  for (const notice of result.notices) {
    const own = list.filter((entry) => entry.notice === notice.notice);
    if (own.length === 0) continue;
    lines.push(`### ${notice.notice}`, '');
    for (const entry of own) {
      const forgiven = entry.modes.includes('normalised') ? '' : ' *(exact only; normalised matches)*';
      const text =
        entry.type === 'differs'
          ? `gold ${entry.gold ?? ''} — output ${entry.output ?? ''}`
          : entry.type === 'missing'
            ? `missing from output: ${entry.gold ?? ''}`
            : `not in gold: ${entry.output ?? ''}`;
      lines.push(`- **${entry.field}** ${escapeCell(text)}${forgiven}`);
    }
    lines.push('');
  }
  if (lines[lines.length - 1] !== '') lines.push('');
  lines.push('## Reading of the disagreements', '', NOTES_START, (options.notes ?? '').trim() || '(not yet read)', NOTES_END, '');
  return lines.join('\n');
}

/** The hand-written notes of a committed report, or undefined. */
export function extractNotes(markdown: string): string | undefined {
  const start = markdown.indexOf(NOTES_START);
  const end = markdown.indexOf(NOTES_END);
  if (start < 0 || end < start) return undefined;
  return markdown.slice(start + NOTES_START.length, end).trim();
}

export interface SummaryRow {
  field: string;
  f1: Record<Mode, number>;
}

/** The committed summary table (between SUMMARY_START and SUMMARY_END), field -> F1 per mode. */
export function parseSummaryTable(markdown: string): Map<string, Record<Mode, number>> {
  const start = markdown.indexOf(SUMMARY_START);
  const end = markdown.indexOf(SUMMARY_END);
  const rows = new Map<string, Record<Mode, number>>();
  if (start < 0 || end < start) return rows;
  for (const line of markdown.slice(start + SUMMARY_START.length, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | field | gold | output | P | R | F1 | P | R | F1 |  -> cells[0] and cells[10] are empty
    const [, field, , , , , f1Exact, , , f1Normalised] = cells;
    if (field === undefined || f1Exact === undefined || f1Normalised === undefined) continue;
    const exact = Number(f1Exact);
    const normalised = Number(f1Normalised);
    if (field === 'field' || f1Exact === '' || Number.isNaN(exact) || Number.isNaN(normalised)) continue;
    rows.set(field, { exact, normalised });
  }
  return rows;
}

/** Round as the report prints (3 decimals), so a committed value compares with what it was printed from. */
export function rounded(value: number): number {
  return Number(value.toFixed(3));
}

export { compareCodeUnits };
