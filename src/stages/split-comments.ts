/**
 * Stage 6: an opinion draft -> its summary, its comments with their
 * submitter marks, its response and its flag. Cells cut by a page break are
 * joined back first, with nothing inserted ("…方式が、そ" + "の認証…").
 */
import type { VFile } from 'vfile';
import { nonBlankLength, opinionName, report } from '../diagnostics.js';
import { isSubmitterMark, jointSubmitters, normalizeSubmitterName, type JointPart } from '../normalize/submitters.js';
import type { Paragraph } from './cell-text.js';
import type { OpinionDraft, RowPart } from './assemble-rows.js';
import { pushAll } from '../arrays.js';

/** Text with the offsets (UTF-16, end exclusive) of the markup it came from in the decoded input. */
export interface TextBlock {
  text: string;
  /** Two opinions whose responses start at one offset share one (rowspan) cell. */
  start: number;
  end: number;
  startLine: number;
  /** The column of its first character on `startLine`: where a diagnostic about the cell points. */
  startColumn: number;
  endLine: number;
  /**
   * Where each of its paragraphs starts, with its non-blank characters: a
   * rowspan cell may be one paragraph of this block and the whole of another
   * opinion's, and the accounting counts it once.
   */
  paragraphs: readonly { start: number; characters: number }[];
}

export interface CommentDraft {
  kind: 'comment' | 're-opinion';
  text: string;
  submitter: string | null;
  /** The mark `【個人 A】`, the trailing `(…)`, or the 提出者 cell, as printed. */
  submitterRaw: string | null;
  /** The submitters of a mark that lists several or counts them (`A会、(株)電算、個人(3名)`); null for one. */
  joint: JointPart[] | null;
  /** The row's 該当箇所 cell, which applies to every comment of the row. */
  place: TextBlock | null;
  /** The place whose refs apply: the cell itself, or for 同上 the cell it repeats. */
  placeRefsFrom: TextBlock | null;
  /** The row's 提出者 cell, when it (not a mark) named the submitter. */
  submitterColumn: TextBlock | null;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The paragraphs it was made of, as printed (its mark included): a rowspan cell may be a paragraph of one comment and the whole of another's. */
  paragraphs: TextBlock['paragraphs'];
}

export interface SplitOpinion {
  draft: OpinionDraft;
  summary: string | null;
  comments: CommentDraft[];
  response: TextBlock | null;
  flag: TextBlock | null;
  /** Flags printed after the first, reported as a flag-conflict with their text. */
  otherFlags: TextBlock[];
  /** The 件数 cell: how many opinions the summary stands for. */
  count: TextBlock | null;
}

/** Characters that end a sentence or a quotation: a cell ending otherwise was cut by a page break. */
export const SENTENCE_END = /[。．.!?！？」』)）】〕：:]$/;

export function splitComments(draft: OpinionDraft, knownSubmitters: ReadonlySet<string>, file: VFile): SplitOpinion {
  const opinion = joinPageSplits(draft.parts.opinion, file);
  const { summary, rest } = draft.labelInOpinionCell ? takeSummary(opinion, draft.label, knownSubmitters) : { summary: null, rest: opinion };
  const context: RowContext = {
    known: knownSubmitters,
    subRows: draft.subRows,
    placeOf: rowCell(draft.parts.place, draft.startLine),
    repeatedPlaceOf: rowCell(draft.parts.place.map((part) => ({ ...part, paragraphs: part.sameAs ?? part.paragraphs })), draft.startLine),
    submitterOf: rowCell(draft.parts.submitter, draft.startLine),
  };
  const comments = [
    ...commentsOf(rest, 'comment', context),
    ...commentsOf(joinPageSplits(draft.parts['re-opinion'], file), 're-opinion', { ...context, unmarkedBy: draft.reOpinionBy }),
  ];
  return {
    draft,
    summary,
    comments,
    response: block(joinPageSplits(draft.parts.response, file), '\n'),
    ...flagsOf(draft, file),
    // Paragraphs (or rows) joined by a space: two numbers printed for one opinion read as none, not as one longer number.
    count: block(draft.parts.count.flatMap((part) => part.paragraphs), ' '),
  };
}

/** Concatenate the rows of one column, gluing a sentence that a page break cut in two. */
export function joinPageSplits(parts: readonly RowPart[], file: VFile): Paragraph[] {
  const joined: Paragraph[] = [];
  for (const part of parts) {
    const [first, ...others] = part.paragraphs;
    const last = joined.at(-1);
    if (part.afterBreak && last && first && !SENTENCE_END.test(last.text) && !isWholeMark(last.text)) {
      joined[joined.length - 1] = { ...last, text: last.text + first.text, end: first.end, endLine: first.endLine, endColumn: first.endColumn };
      report(file, 'page-split-joined', `Joined a cell cut by a page break: …${last.text.slice(-8)}|${first.text.slice(0, 8)}…`, {
        line: first.line,
        column: first.column,
        offset: first.start,
      });
      pushAll(joined, others);
    } else {
      pushAll(joined, part.paragraphs);
    }
  }
  return joined;
}

/**
 * The summary is the text after the label up to the end of its paragraph, or
 * up to the first `。` followed by a space when the converter put summary and
 * comment in one paragraph (`…すべき。  『…』には…`).
 */
function takeSummary(paragraphs: Paragraph[], label: string, known: ReadonlySet<string>): { summary: string | null; rest: Paragraph[] } {
  const [first, ...others] = paragraphs;
  if (!first || !first.text.startsWith(label)) return { summary: null, rest: paragraphs };
  const afterLabel = first.text.slice(label.length).trim();
  const cut = /。[ \u3000]+/.exec(afterLabel);
  // `意見3 延期すべき。【A社】`: a paragraph its submitter closes is that submitter's comment, not a gist of others.
  if (!cut && submitterMark(afterLabel, others.length === 0, known)) return { summary: null, rest: [{ ...first, text: afterLabel }, ...others] };
  if (!cut) return { summary: afterLabel || null, rest: others };
  const summary = afterLabel.slice(0, cut.index + 1);
  const remainder = afterLabel.slice(cut.index + cut[0].length);
  return { summary, rest: [{ ...first, text: remainder }, ...others] };
}

/** What a row says about all its comments: its 該当箇所 and its 提出者 cells. */
interface RowContext {
  known: ReadonlySet<string>;
  /** Where a sub-row of the opinion starts (a rowspan number continues on it): a comment ends before it. */
  subRows: readonly number[];
  placeOf: (line: number) => TextBlock | null;
  repeatedPlaceOf: (line: number) => TextBlock | null;
  submitterOf: (line: number) => TextBlock | null;
  /** Who wrote a comment with neither mark nor 提出者 cell: the party a 再意見 column is named for. */
  unmarkedBy?: string | null;
}

/**
 * The cell of a column on the row of `line` (or the nearest row above it in
 * the opinion). A line above the opinion's first row is a rowspan cell's,
 * carried down from the opinion above: it stands on that first row.
 */
function rowCell(parts: readonly RowPart[], firstLine: number): (line: number) => TextBlock | null {
  const cells = parts.map((part) => ({ line: part.line, block: block(part.paragraphs, '\n') }));
  return (line) => cells.filter((cell) => cell.line <= Math.max(line, firstLine)).at(-1)?.block ?? null;
}

/* The blanks before a mark are trimmed by the caller: a leading `[ \u3000]*` here would be retried at every blank of a long run (quadratic). */
/** `【個人A】`, and the same in 〔…〕 or ［…］ as some notices print it. */
const TRAILING_MARK = /(?:【([^【】]+)】|〔([^〔〕]+)〕|［([^［］]+)］)$/;
/** A submitter's code after a sentence, `…すべき。(EBC)` (S11, S10): capitals, never a bare Roman numeral (a section). */
const SUBMITTER_CODE = /^(?![IVXLC]+$)[A-Z][A-Z0-9&-]{1,7}$/;
const SENTENCE_BEFORE = /[。．.]\s*$/;
/** A paragraph that names its submitter by a label: `提出者:テスト株式会社`, `【意見提出者：個人】`. */
const SUBMITTER_LINE = /^[【[［(（]?(?:意見)?提出者(?:名)?[ \u3000]*[:：][ \u3000]*([^【】[\]［］()（）:：]+?)[ \u3000]*[】\]］)）]?$/;

function isWholeMark(text: string): boolean {
  return /^(?:【[^【】]+】|〔[^〔〕]+〕|［[^［］]+］)$/.test(text);
}

/** A mark at the end of a paragraph: where it starts, the mark as printed, and the name inside its brackets. */
interface Mark {
  index: number;
  printed: string;
  name: string;
}

/**
 * The submitter mark that closes `text`, if any: `【…】` naming a submitter; a
 * trailing (団体名) that reads as one, at the very end of the cell (`isLast`)
 * or after a sentence (several opinions in one cell, each closed by its
 * submitter); a code such as (EBC) only after a sentence.
 */
function submitterMark(text: string, isLast: boolean, known: ReadonlySet<string>): Mark | null {
  const labelled = SUBMITTER_LINE.exec(text);
  if (labelled) return { index: 0, printed: text, name: labelled[1] ?? '' };
  const mark = TRAILING_MARK.exec(text);
  const inner = mark?.[1] ?? mark?.[2] ?? mark?.[3] ?? '';
  if (mark) return isSubmitterMark(inner, known) ? { index: mark.index, printed: mark[0], name: inner } : null;
  const trailing = trailingParenthesised(text);
  if (!trailing) return null;
  const afterSentence = SENTENCE_BEFORE.test(text.slice(0, trailing.index));
  if (afterSentence && SUBMITTER_CODE.test(trailing.name.normalize('NFKC'))) return trailing;
  return (isLast || afterSentence) && isSubmitterMark(trailing.name, known) ? trailing : null;
}

/**
 * The parenthesised text that ends `text`, nested parentheses and all:
 * `…すべき。(一般社団法人全国加工食品表示協議会)` (the 消費者庁 style of naming a
 * submitter), `…。(A会、(株)電算、個人(3名))` (S19, a joint list). Found by one
 * scan back from the end.
 */
function trailingParenthesised(text: string): Mark | null {
  if (!/[)）]$/.test(text)) return null;
  let depth = 0;
  for (let index = text.length - 1; index >= 0; index--) {
    const char = text.charAt(index);
    if (char === ')' || char === '）') depth++;
    else if ((char === '(' || char === '（') && --depth === 0) {
      const name = text.slice(index + 1, -1);
      return name.trim() === '' ? null : { index, printed: text.slice(index), name };
    }
  }
  return null;
}

/** A comment ends at its submitter mark: a paragraph `【個人 A】`, or a mark after the text. */
function commentsOf(paragraphs: Paragraph[], kind: CommentDraft['kind'], context: RowContext): CommentDraft[] {
  const comments: CommentDraft[] = [];
  let pending: Paragraph[] = [];
  /** The paragraphs of the comment being read as printed: those of `pending`, with the marks that open or close it. */
  let printed: Paragraph[] = [];
  /** A mark printed alone before the text (`【提出者:A社】`, `【個人A】`) in a cell that opens with one and does not end with one: it names the text below it. */
  let opening: string | null = null;
  const leading = marksLead(paragraphs, context.known);
  const close = (closingMark: string | null, closing: Paragraph): void => {
    const mark = closingMark ?? opening;
    opening = null;
    const text = pending.map((p) => p.text).join('\n');
    const first = pending[0] ?? closing;
    const column = mark === null ? context.submitterOf(first.line) : null;
    const submitterRaw = mark ?? column?.text ?? null;
    if (text !== '' || mark !== null) {
      comments.push({
        kind,
        text,
        // A column named for its party (NTT再意見) names it where the text does not: nothing printed in the cell, so no submitterRaw.
        submitter: submitterRaw === null ? (context.unmarkedBy ?? null) : normalizeSubmitterName(submitterRaw),
        submitterRaw,
        joint: submitterRaw === null ? null : jointSubmitters(submitterRaw),
        place: context.placeOf(first.line),
        placeRefsFrom: context.repeatedPlaceOf(first.line),
        submitterColumn: column,
        start: first.start,
        end: closing.end,
        startLine: first.line,
        endLine: closing.endLine,
        paragraphs: printed.map((paragraph) => ({ start: paragraph.start, characters: nonBlankLength(paragraph.text) })),
      });
    }
    pending = [];
    printed = [];
  };
  /** Close the comment an opening mark began, before paragraph `index`; a mark with no text below it is a comment of its own. */
  const closeOpened = (index: number): void => {
    const closing = pending.at(-1) ?? paragraphs[index - 1];
    if (closing) close(null, closing);
  };
  paragraphs.forEach((paragraph, index) => {
    const previous = pending.at(-1);
    if (previous && context.subRows.some((start) => previous.start < start && start <= paragraph.start)) close(null, previous);
    const found = submitterMark(paragraph.text, index === paragraphs.length - 1, context.known);
    // Where marks open comments, the next mark (or one closing a paragraph) ends the comment the one before opened.
    if (leading && found && opening !== null) closeOpened(index);
    printed.push(paragraph);
    if (leading && found && found.index === 0) {
      opening = found.printed;
    } else if (found) {
      const before = paragraph.text.slice(0, found.index).trimEnd();
      if (before !== '') pending.push({ ...paragraph, text: before });
      close(found.printed, paragraph);
    } else {
      pending.push(paragraph);
    }
  });
  const last = pending.at(-1);
  if (last) close(null, last);
  return comments;
}

/**
 * Do the marks of a cell open its comments rather than close them? The cell's
 * first paragraph is a mark alone, and its last closes with none: each mark
 * alone on its paragraph then names the text below it, up to the next one.
 */
function marksLead(paragraphs: readonly Paragraph[], known: ReadonlySet<string>): boolean {
  const [first, last] = [paragraphs[0], paragraphs.at(-1)];
  if (!first || !last || paragraphs.length < 2) return false;
  return submitterMark(first.text, false, known)?.index === 0 && submitterMark(last.text, true, known) === null;
}

function block(paragraphs: Paragraph[], separator: string): TextBlock | null {
  const first = paragraphs[0];
  const last = paragraphs.at(-1);
  if (!first || !last) return null;
  return {
    text: paragraphs.map((p) => p.text).join(separator),
    start: first.start,
    end: last.end,
    startLine: first.line,
    startColumn: first.column,
    endLine: last.endLine,
    paragraphs: paragraphs.map((paragraph) => ({ start: paragraph.start, characters: nonBlankLength(paragraph.text) })),
  };
}

/** The flag cell as printed: `<p>有</p><p>(一部)</p>` reads `有(一部)`. Several flags: the first counts, the others are reported. */
function flagsOf(draft: OpinionDraft, file: VFile): { flag: TextBlock | null; otherFlags: TextBlock[] } {
  const flags = draft.parts.flag.map((part) => block(part.paragraphs, '')).filter((flag) => flag !== null);
  const [first, ...others] = flags;
  for (const other of others) {
    report(file, 'flag-conflict', `Unexpected second revision flag ${other.text} for ${opinionName(draft)}, expected one flag per opinion`, {
      line: other.startLine,
      column: other.startColumn,
    }, other.text);
  }
  return { flag: first ?? null, otherFlags: others };
}
