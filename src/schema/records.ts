/**
 * The record types of a converted notice: the single source of truth for the
 * TypeScript types (`z.infer`), the runtime validation stage and the JSON
 * Schema committed in `schemas/` (see `schemas.ts`). Field names follow
 * `shared/CONTRACT.md` v1.1; objects list their keys in output order.
 */
import * as z from './zod.js';

/** ISO 8601 calendar date (proleptic Gregorian), e.g. `2018-06-07`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Where a record came from in the decoded input (after any BOM): 1-based
 * physical lines and columns (CRLF counts as one break) and 0-based UTF-16
 * offsets, end exclusive, as unist and vfile count them.
 */
export const SourceSpan = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  startColumn: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  startOffset: z.number().int().nonnegative(),
  endOffset: z.number().int().nonnegative(),
});
export type SourceSpan = z.infer<typeof SourceSpan>;

/** A consultation period in 和暦 as printed, with its Gregorian dates. */
export const Period = z.object({
  start: IsoDate,
  end: IsoDate,
  raw: z.string(),
});
export type Period = z.infer<typeof Period>;

export const PublishedDate = z.object({ date: IsoDate, raw: z.string() });
export type PublishedDate = z.infer<typeof PublishedDate>;

const refBase = {
  raw: z.string().min(1).describe('the reference as printed'),
  canonical: z.string().min(1),
  source: SourceSpan.describe('where raw was printed (the whole cell or text when it cannot be pinned down)'),
};

/** A normalised reference to a place in the consulted document (CONTRACT.md "Ref"). */
export const Ref = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('section'),
    ...refBase,
    part: z.string().describe('Roman part number in ASCII, e.g. "III"'),
    path: z.array(z.number().int().nonnegative()),
    qualifiers: z.array(z.string()),
  }),
  z.object({ kind: z.literal('page'), ...refBase, page: z.number().int().nonnegative().describe('the page; of a range, its first (12～14ページ: 12, canonical p.12-14)') }),
  z.object({
    kind: z.literal('annex'),
    ...refBase,
    annex: z.number().int().nonnegative(),
    path: z.array(z.number().int().nonnegative()),
  }),
  z.object({ kind: z.literal('table-item'), ...refBase, item: z.string() }),
  z.object({ kind: z.literal('figure'), ...refBase, figure: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal('article'),
    ...refBase,
    article: z.number().int().nonnegative(),
    /** 枝番: the 2 of `第3条の2`. */
    branch: z.number().int().nonnegative().nullable(),
    paragraph: z.number().int().nonnegative().nullable(),
    /** 号: the 1 of `第3条第2項第1号`. */
    articleItem: z.number().int().nonnegative().nullable(),
  }),
  z.object({ kind: z.literal('whole'), ...refBase }),
  z.object({ kind: z.literal('other'), ...refBase }),
]);
export type Ref = z.infer<typeof Ref>;
export type RefKind = Ref['kind'];
/** A ref as the normalisers find it, before the pipeline places it in the source. */
export type RefValue = Ref extends infer R ? (R extends Ref ? Omit<R, 'source'> : never) : never;

export const SubmitterKind = z.enum(['organization', 'individual', 'unknown']);
export type SubmitterKind = z.infer<typeof SubmitterKind>;

export const Submitter = z.object({
  id: z.string().describe('"s-" + position in the notice\'s own list, from 1'),
  name: z.string(),
  kind: SubmitterKind,
  representative: z.string().nullable().describe('who signs for it, as a 提出者一覧 prints beside its name (a 代表者 column, the 氏名 beside a 団体名, or a title and a name: 代表取締役 山田太郎); null where none is printed'),
  opinionCount: z.number().int().nonnegative().nullable().describe('how many opinions it sent, from a 意見数 or 件数 column of a 提出者一覧 table or a count of 件 beside a listed name; null without one or when it prints no number'),
  opinionCountRaw: z.string().nullable().describe('the 意見数 or 件数 cell, or the count beside a listed name, as printed'),
  received: IsoDate.nullable().describe("the day its opinion was received, from a 受付日 column of a 提出者一覧 table; a day printed without its year (4月1日) takes the consultation period's; null without one or when the cell is no date"),
  receivedRaw: z.string().nullable().describe('the 受付日 cell as printed'),
  jointWith: z.array(z.string()).describe('the ids of the others of its joint submission (連名: companies a 提出者一覧 lists in one row, which count as one submitter); empty when it submitted alone'),
});
export type Submitter = z.infer<typeof Submitter>;

export const CountBreakdown = z.object({
  label: z.string(),
  count: z.number().int().nonnegative(),
  unit: z.string(),
  partOf: z.string().nullable().describe('the label of the count it breaks down further, where the notice prints one under another (・金融関係 19 者 under ○団体・事業者:89 者); null for a count of its own'),
});
export type CountBreakdown = z.infer<typeof CountBreakdown>;

export const GlossaryEntry = z.object({
  term: z.string().describe('an abbreviation or a legend mark as printed: 金商法, (−)'),
  meaning: z.string().describe('what the notice says it stands for, as printed'),
  line: z.number().int().positive().describe('the line that defines it'),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const NoticeNote = z.object({
  text: z.string().describe('as printed, its mark included: ※同趣旨の御意見は適宜集約しています。'),
  line: z.number().int().positive(),
});
export type NoticeNote = z.infer<typeof NoticeNote>;

export const DraftChanges = z.object({
  revised: z.boolean().describe('true where the notice says the draft was changed after the consultation (修正箇所数 4箇所, 原案からの変更点 別添2のとおり, 御意見を踏まえ一部修正を行った), false where it only says the draft was kept (原案を維持, 原案のとおり決定, 修正箇所数 0箇所)'),
  changeCount: z.number().int().nonnegative().nullable().describe('how many places it says were changed (修正箇所数 4箇所 -> 4); null when it states no number'),
  changeCountRaw: z.string().nullable().describe('that count as printed'),
  annex: z.string().nullable().describe('the annex it says lists the changes, as printed (別添2); null when it names none'),
  statements: z
    .array(z.object({ text: z.string().describe('the sentence as printed'), line: z.number().int().positive() }))
    .describe('the sentences outside the opinion tables that say so, in the order printed'),
});
export type DraftChanges = z.infer<typeof DraftChanges>;

export const Consultation = z.object({
  label: z.string().describe('its number as printed: (1), II.'),
  subject: z.string().describe('the draft it consulted on, as printed'),
  period: Period.nullable(),
  submitterCount: z.number().int().nonnegative().nullable(),
  submitterCountUnit: z.string().nullable(),
  submitterBreakdown: z.array(CountBreakdown).describe('its counts by type, as printed below it (提出意見数 12件(団体 5件 事業者 2件 個人 5件))'),
  draftChanges: DraftChanges.nullable().describe('what the lines below it say of its draft (ウ 原案からの変更点 別添2のとおり。); null when they say nothing'),
  line: z.number().int().positive().describe('the line that names it'),
});
export type Consultation = z.infer<typeof Consultation>;

export const Notice = z.object({
  id: z.string(),
  title: z.string().nullable(),
  subject: z.string().nullable(),
  respondent: z.string().nullable(),
  period: Period.nullable(),
  caseNumber: z
    .string()
    .regex(/^[0-9]+$/)
    .nullable()
    .describe('the e-Gov 案件番号 the notice prints (案件番号 495230123), in ASCII digits; null where it prints none'),
  decided: PublishedDate.nullable().describe('when the rule consulted on was promulgated or decided, as the e-Gov cover prints it (命令等の公布日・決定日 2025年01月20日); null where the notice prints none'),
  legalBasis: z.string().nullable().describe('the provision the rule rests on, as the e-Gov cover prints it (根拠法令項 電波法第四条); null where the notice prints none'),
  published: PublishedDate.nullable().describe('when the result was published, as the notice prints it: a date alone on a line of the title block (令和6年12月20日), or 結果の公示日 …'),
  submitterCount: z.number().int().nonnegative().nullable(),
  submitterCountUnit: z.string().nullable().describe('者, 件, 通 … as printed'),
  opinionCount: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('how many opinions the notice says it received, where it states them beside its submitters (18の個人及び団体より延べ73件: 73; 63件(14人): 63); not the number of opinion records; null where it states none'),
  unrelatedOpinionCount: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('how many of the opinions received the notice says were about something else than the draft (うち本案件外のもの 24,851件, 本案と関係のない御意見が1件), as it counts them; null where it states none'),
  submitterBreakdown: z.array(CountBreakdown),
  rePeriod: Period.nullable(),
  reSubmitterCount: z.number().int().nonnegative().nullable(),
  submitters: z.array(Submitter),
  consultations: z
    .array(Consultation)
    .describe('the consultations of a notice that reports several together, each with its own period and count (period and submitterCount hold the first one); empty for one'),
  glossary: z.array(GlossaryEntry).describe('abbreviations and legend marks that the notice defines (凡例: a table of 正式名称 and 略称, `(−)は、…`)'),
  notes: z
    .array(NoticeNote)
    .describe('the notes the notice prints before or after its tables, on how it counted and summarised (a line or its tail opening with ※, 注:, (注1) or ＊, or a remark in parentheses on a 提出者一覧: (順不同・敬称略)), in the order printed'),
  draftChanges: DraftChanges.nullable().describe('what the notice says of its draft as a whole after the consultation (changed or kept, how many places, the annex listing the changes); null when it says nothing'),
  coverage: z
    .object({
      characters: z.number().int().nonnegative().describe('non-blank characters in the cells of the opinion tables'),
      attributed: z.number().int().nonnegative().describe('of which are in a record field'),
      reported: z.number().int().nonnegative().describe('of which are reported in an unattributed-text diagnostic'),
      share: z.number().min(0).max(1).describe('attributed / characters, 1 when there are none'),
    })
    .describe('lossless accounting of the table cells'),
  source: z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    encoding: z.string(),
  }),
});
export type Notice = z.infer<typeof Notice>;

export const Section = z.object({
  id: z.string(),
  label: z.string().nullable().describe('the number as printed, e.g. "Ⅲ."'),
  title: z.string(),
  source: SourceSpan,
});
export type Section = z.infer<typeof Section>;

export const CommentKind = z.enum(['comment', 're-opinion']);

/** One submitter of a joint mark: a notice.submitters name, or people counted without names. */
export const JointSubmitter = z.object({
  name: z.string().nullable().describe('a notice.submitters name; null for people only counted (個人(3名))'),
  kind: SubmitterKind,
  count: z.number().int().nonnegative().nullable().describe('as printed after the name (個人(3名) -> 3); null when none is'),
});
export type JointSubmitter = z.infer<typeof JointSubmitter>;

export const Comment = z.object({
  id: z.string(),
  kind: CommentKind,
  submitter: z.string().nullable(),
  submitterRaw: z.string().nullable().describe('the mark as printed, e.g. "【個人 A】"'),
  jointSubmitters: z
    .array(JointSubmitter)
    .nullable()
    .describe('the submitters of a mark that lists several or counts them ("(A会、(株)電算、個人(3名))"), in order; null for a mark that names one, or none'),
  text: z.string(),
  place: z.string().nullable().describe('the 該当箇所 cell of its row, as printed'),
  refs: z.array(Ref),
  source: SourceSpan,
});
export type Comment = z.infer<typeof Comment>;

export const Response = z.object({
  text: z.string(),
  refersTo: z.array(z.string()),
  sharedWith: z.array(z.string()).describe('keys of the other opinions answered by the same cell (rowspan)'),
  refs: z.array(Ref),
  source: SourceSpan,
});
export type Response = z.infer<typeof Response>;

export const Outcome = z.enum(['revised', 'unchanged', 'noted', 'unknown']);
export type Outcome = z.infer<typeof Outcome>;

export const Opinion = z.object({
  id: z.string(),
  key: z.string(),
  number: z.number().int().nullable(),
  label: z.string(),
  section: z.string().nullable(),
  topic: z.string().nullable(),
  summary: z.string().nullable(),
  comments: z.array(Comment),
  response: Response.nullable(),
  revised: z.boolean().nullable(),
  revisedRaw: z.string().nullable(),
  opinionCount: z.number().int().nonnegative().nullable().describe('how many opinions the summary stands for, from a 件数 column; null without one or when it prints no number'),
  opinionCountRaw: z.string().nullable().describe('the 件数 cell as printed'),
  outcome: Outcome,
  source: SourceSpan,
});
export type Opinion = z.infer<typeof Opinion>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Diagnostic = z.object({
  severity: Severity,
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  endLine: z.number().int().positive().nullable(),
  endColumn: z.number().int().positive().nullable(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** One converted notice: the JSON output file. */
export const NoticeDocument = z.object({
  schemaVersion: z.literal(1),
  notice: Notice,
  sections: z.array(Section),
  opinions: z.array(Opinion),
  diagnostics: z.array(Diagnostic),
});
export type NoticeDocument = z.infer<typeof NoticeDocument>;
