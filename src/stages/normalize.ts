/**
 * Stage 7: drafts -> records. Reads refs, cross-references, flags and
 * outcomes, gives every record its stable id and its source span, and
 * accounts for every character of the table cells (`notice.coverage`). Raw
 * text is kept beside each normalised value.
 */
import type { VFile } from 'vfile';
import { nonBlankLength, opinionName, report, type Accounting } from '../diagnostics.js';
import { draftChangesOf } from '../normalize/draft-changes.js';
import { categoryOutcome, outcomeOf, refersToOf, revisedFromFlag, revisedFromLegend } from '../normalize/outcome.js';
import { findRefs, parsePlace, type FoundRef } from '../normalize/refs.js';
import { COUNT_CELL, digitsValue, submitterKey } from '../normalize/submitters.js';
import type { Overrides } from '../schema/overrides.js';
import type { Comment, GlossaryEntry, Notice, NoticeDocument, Opinion, Outcome, Ref, RefValue } from '../schema/records.js';
import { reportUnattributed, type Draft } from './assemble-rows.js';
import { locator, type Locator, type Range } from './locate.js';
import { titleLineText, type NoticeHeader } from './read-header.js';
import type { CommentDraft, SplitOpinion, TextBlock } from './split-comments.js';
import { collectSubmitters, withAliases, withListedCounts } from './submitters.js';

export interface SourceInfo {
  id: string;
  file: string;
  sha256: string;
  encoding: string;
  /** The decoded input, which every span points into. */
  text: string;
}

export function normalize(source: SourceInfo, titleHeader: NoticeHeader, draft: Draft, drafts: SplitOpinion[], file: VFile, overrides: Overrides = {}): NoticeDocument {
  const header = withListedCounts(titleHeader, draft.submitterLists);
  const locate = locator(source.text);
  const split = withAliases(drafts, overrides.submitterAliases ?? {});
  reportCellsNoCommentTook(split, file);
  const submitters = collectSubmitters(header, draft.submitterLists, split, locate, file);
  const byKey = new Map(submitters.map((submitter) => [submitterKey(submitter.name), submitter.name]));
  const context = { submitters: byKey, hasFlagColumn: draft.hasFlagColumn, subject: header.subject, glossary: header.glossary, locate, file };
  const opinions = assignIds(split, file).map(({ opinion, id }) => toOpinion(opinion, id, context));
  linkSharedResponses(split, opinions);
  linkDittoResponses(opinions);
  resolveDeferrals(opinions, file);
  return {
    schemaVersion: 1,
    notice: {
      id: source.id,
      title: header.title,
      subject: header.subject,
      respondent: overrides.respondent ?? draft.respondent ?? header.respondent ?? header.issuer,
      period: header.period,
      caseNumber: header.caseNumber,
      decided: header.decided,
      legalBasis: header.legalBasis,
      published: header.published,
      submitterCount: header.submitterCount?.count ?? null,
      submitterCountUnit: header.submitterCount?.unit ?? null,
      opinionCount: header.opinionCount?.count ?? null,
      unrelatedOpinionCount: header.unrelatedOpinionCount?.count ?? null,
      submitterBreakdown: [...header.groups.map(({ label, count, unit }) => ({ label, count, unit, partOf: null })), ...header.breakdown],
      rePeriod: header.rePeriod,
      reSubmitterCount: header.reSubmitterCount?.count ?? null,
      submitters,
      consultations: header.consultations,
      glossary: header.glossary,
      notes: header.notes,
      draftChanges: draftChangesOf(draftChangeLines(draft)),
      coverage: coverageOf(draft, split, file),
      source: { file: source.file, sha256: source.sha256, encoding: source.encoding },
    },
    sections: draft.sections.map(({ id, label, title, line }) => ({ id, label, title, source: locate.line(line) })),
    opinions,
    diagnostics: [],
  };
}

/** The lines outside the opinion tables that may say what became of the draft: the title block's (a cover table's row as its filled cells), the notes and the other lines after the tables. */
function draftChangeLines(draft: Draft): { line: number; text: string }[] {
  const titleLines = draft.titleBlock.map((line) => ({ line: line.line, text: titleLineText(line) }));
  return [...titleLines, ...draft.noteLines, ...draft.changeLines];
}

/**
 * 該当箇所 and 提出者 cells reach the records through the comments beside
 * them (CONTRACT.md: a place becomes refs of every comment of its row). A
 * cell no comment took (its opinion cell left empty, a place continued on the
 * next row, a 提出者 cell beside comments with their own 【…】 marks) is
 * reported with its text instead of being lost. A cell a rowspan repeats
 * into several opinions is one cell, taken or reported once.
 */
function reportCellsNoCommentTook(split: readonly SplitOpinion[], file: VFile): void {
  const taken = new Set<number>();
  for (const { comments } of split) {
    for (const comment of comments) for (const cell of [comment.place, comment.submitterColumn]) if (cell) taken.add(cell.start);
  }
  for (const { draft } of split) {
    for (const [role, header] of [['place', '該当箇所'], ['submitter', '提出者']] as const) {
      for (const { paragraphs } of draft.parts[role]) {
        const start = paragraphs[0]?.start;
        if (start === undefined || taken.has(start)) continue;
        taken.add(start);
        reportUnattributed(file, `Unexpected ${header} cell that no comment of ${opinionName(draft)} took`, paragraphs);
      }
    }
  }
}

/**
 * Every non-blank character of the opinion tables' cells is in a record
 * field or in an unattributed-text diagnostic. The fields are counted from
 * what was built (a rowspan cell once), so a character lost on the way shows
 * as an accounting-mismatch warning instead of vanishing.
 */
function coverageOf(draft: Draft, split: readonly SplitOpinion[], file: VFile): Notice['coverage'] {
  const reported = (file.data['accounting'] as Accounting | undefined)?.reported ?? 0;
  // A cell that a rowspan shares between opinions (a response, a flag, an opinion cell giving each the same comment) is counted once,
  // by where its paragraphs start: it may be the whole of one opinion's response and a paragraph of another's.
  // A flag reported as a second flag of one opinion (its text counted in the diagnostic) may be a rowspan cell that is another's flag.
  const shared = new Set(split.flatMap(({ otherFlags }) => otherFlags.flatMap((flag) => flag.paragraphs.map((paragraph) => paragraph.start))));
  const counted = (paragraphs: TextBlock['paragraphs'], built: number): number => {
    const fresh = paragraphs.filter((paragraph) => !shared.has(paragraph.start));
    for (const paragraph of paragraphs) shared.add(paragraph.start);
    // Counted from the field as built while nothing in it was counted before, so that a character lost on the way shows.
    return fresh.length === paragraphs.length ? built : fresh.reduce((sum, paragraph) => sum + paragraph.characters, 0);
  };
  const once = (block: TextBlock | null): number => (block ? counted(block.paragraphs, nonBlankLength(block.text)) : 0);
  const textOnce = (comment: CommentDraft): number =>
    counted(comment.paragraphs, nonBlankLength(comment.text) + (comment.submitterRaw !== null && comment.submitterColumn === null ? nonBlankLength(comment.submitterRaw) : 0));
  let attributed = draft.headingAndNoteCharacters;
  for (const { draft: opinion, summary, comments, response, flag, count } of split) {
    attributed += nonBlankLength(opinion.label) + nonBlankLength(summary ?? '') + once(response) + once(flag) + once(count);
    for (const comment of comments) attributed += textOnce(comment) + once(comment.place) + once(comment.submitterColumn);
  }
  if (attributed + reported !== draft.characters) {
    report(file, 'accounting-mismatch', `Unexpected ${attributed} characters in records and ${reported} in diagnostics, expected ${draft.characters} as in the table cells`);
  }
  const characters = draft.characters;
  return { characters, attributed, reported, share: characters === 0 ? 1 : Math.round((Math.min(attributed, characters) / characters) * 10_000) / 10_000 };
}

/** `op-` + key; a repeated key is an error and the repeat gets a suffix so ids stay unique. */
function assignIds(split: SplitOpinion[], file: VFile): { opinion: SplitOpinion; id: string }[] {
  const used = new Set<string>();
  return split.map((opinion) => {
    let id = `op-${opinion.draft.key}`;
    if (used.has(id)) {
      report(file, 'duplicate-opinion', `Unexpected second ${opinionName(opinion.draft)}, expected each opinion number once`, { line: opinion.draft.startLine, column: 1 });
      let n = 2;
      while (used.has(`${id}-dup${n}`)) n++;
      id = `${id}-dup${n}`;
    }
    used.add(id);
    return { opinion, id };
  });
}

interface RecordContext {
  submitters: Map<string, string>;
  hasFlagColumn: boolean;
  /** What was consulted on: pages of this document are refs, pages of others are not. */
  subject: string | null;
  /** The notice's legend: a flag printed as a code (`A`) takes the meaning the legend gives it. */
  glossary: readonly GlossaryEntry[];
  locate: Locator;
  file: VFile;
}

function toOpinion(split: SplitOpinion, id: string, context: RecordContext): Opinion {
  const { draft, summary, response, flag, count } = split;
  const { locate, file } = context;
  const comments = split.comments.map((comment, index) => toComment(comment, `${id}-c${index + 1}`, context));
  // A number under a category (family F) has no words here; the category-lists info says so once.
  if (summary === null && comments.length === 0 && draft.category === null) {
    report(file, 'empty-opinion', `Unexpected ${opinionName(draft)} without text, expected a summary or a comment`, { line: draft.startLine, column: 1 });
  }
  if (response === null && !draft.unanswered) {
    report(file, 'missing-response', `Unexpected ${opinionName(draft)} without a response, expected text in the response column`, { line: draft.startLine, column: 1 });
  }
  return {
    id,
    key: draft.key,
    number: /^[0-9]+$/.test(draft.key) ? digitsValue(draft.key) : null,
    label: draft.label,
    section: draft.section,
    topic: draft.topic,
    summary,
    comments,
    response: response && {
      text: response.text,
      refersTo: refersToOf(response.text),
      sharedWith: [],
      refs: uniqueRefs(placedRefs(pagesOfThisDocument(response.text, findRefs(response.text), context.subject), response, locate)),
      source: locate.span(response),
    },
    revised: context.hasFlagColumn ? revisedOf(flag, opinionName(draft), context) : null,
    revisedRaw: flag?.text ?? null,
    opinionCount: count === null ? null : countOf(count, opinionName(draft), context),
    opinionCountRaw: count?.text ?? null,
    outcome: response ? outcomeOf(response.text) : draft.category !== null ? categoryOutcome(draft.category) : 'unknown',
    source: locate.span(draft),
  };
}

function countOf(count: TextBlock, opinion: string, context: RecordContext): number | null {
  const digits = COUNT_CELL.exec(count.text)?.[1];
  if (digits === undefined) report(context.file, 'count-unread', `Unexpected 件数 ${count.text} for ${opinion}, expected one number such as 3 or 12件: opinionCount is null`, { line: count.startLine, column: count.startColumn });
  return digits === undefined ? null : digitsValue(digits);
}

function toComment(comment: CommentDraft, id: string, context: RecordContext): Comment {
  const { locate } = context;
  return {
    id,
    kind: comment.kind,
    submitter: comment.submitter === null ? null : (context.submitters.get(submitterKey(comment.submitter)) ?? comment.submitter),
    submitterRaw: comment.submitterRaw,
    jointSubmitters: comment.joint?.map((part) => ({ ...part, name: part.name === null ? null : (context.submitters.get(submitterKey(part.name)) ?? part.name) })) ?? null,
    text: comment.text,
    place: comment.place?.text ?? null,
    refs: uniqueRefs([...(comment.placeRefsFrom ? placedRefs(parsePlace(comment.placeRefsFrom.text), comment.placeRefsFrom, locate) : []), ...placedRefs(pagesOfThisDocument(comment.text, findRefs(comment.text), context.subject), comment, locate)]),
    source: locate.span(comment),
  };
}

/**
 * Page numbers of another document that a comment quotes (`重要インフラガイドライン
 * では p17`, `「…実務手引書」の P44、P91`) are not places in the consulted text.
 * The quoted title is compared with the notice's subject, so `「本ガイドライン(案)」の p62` stays.
 */
export function pagesOfThisDocument(text: string, refs: readonly FoundRef[], subject: string | null): FoundRef[] {
  return refs.filter((ref) => {
    if (ref.kind !== 'page') return true;
    let before = text.slice(Math.max(0, ref.start - 120), ref.start);
    for (let previous = ''; previous !== before; ) {
      previous = before;
      before = before.replace(/(?:[pP]\.?\s*[0-9０-９]+|[0-9０-９]+\s*ページ)\s*[、,・及びと]+\s*$/, '');
    }
    if (/では\s*$/.test(before)) return false;
    const quoted = /[「『]([^「」『』]+)[」』]\s*の\s*$/.exec(before)?.[1];
    return quoted === undefined || (subject !== null && (subject.includes(quoted) || quoted.includes(subject.replace(/\(案\)$/, ''))));
  });
}

/** Each ref with the span where its raw text is printed inside `within` (the n-th time for its n-th mention). */
function placedRefs(refs: readonly (RefValue & { start?: number; end?: number })[], within: Range, locate: Locator): Ref[] {
  // Where each raw's next mention is searched from (one search per ref, however often a raw repeats); null once one was not found verbatim.
  const next = new Map<string, number | null>();
  return refs.map(({ start: _start, end: _end, ...ref }) => {
    const from = next.get(ref.raw);
    const found = from === null ? null : locate.find(ref.raw, within, from ?? within.start);
    next.set(ref.raw, found ? found.startOffset + 1 : null);
    return { ...ref, source: found ?? locate.span(within) } as Ref;
  });
}

/** Each place once (the first mention: the row's 該当箇所, then the text): a ref record holds what CONTRACT.md lists. */
function uniqueRefs(refs: readonly Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const identity = JSON.stringify([ref.kind, ref.canonical, 'qualifiers' in ref ? ref.qualifiers : []]);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** 有 -> true, 無 -> false (also 有(一部), ○/×/－, 修正あり/なし, 反映); empty -> null; anything else is reported. */
function revisedOf(flag: TextBlock | null, opinion: string, context: RecordContext): boolean | null {
  if (flag === null) return null;
  const raw = flag.text;
  const revised = revisedFromFlag(raw) ?? revisedFromLegend(raw, context.glossary);
  if (revised === null) {
    report(context.file, 'flag-unrecognised', `Unexpected revision flag ${raw} for ${opinion}, expected 有 or 無 (○ or ×, 修正あり or 修正なし, 反映 or 反映なし), or a code the notice's legend explains`, { line: flag.startLine, column: flag.startColumn });
  }
  return revised;
}

/** Opinions answered by one `rowspan` cell name each other in `sharedWith`. */
function linkSharedResponses(split: readonly SplitOpinion[], opinions: Opinion[]): void {
  const byStart = new Map<number, string[]>();
  split.forEach(({ response, draft }) => {
    if (response) byStart.set(response.start, [...(byStart.get(response.start) ?? []), draft.key]);
  });
  split.forEach(({ response, draft }, index) => {
    const record = opinions[index]?.response;
    if (response && record) record.sharedWith = (byStart.get(response.start) ?? []).filter((key) => key !== draft.key);
  });
}

/** A response that is only a ditto mark, or only points above (`上記考え方を参照`, `上記の考え方をご参照ください。`): the same as the response above it. */
const DITTO_RESPONSE = /^(?:同上|〃|同前|上記と同じ|上に同じ|前に同じ|上記(?:の)?(?:考え方|回答)(?:を|の)?(?:[御ご]?参照(?:(?:して)?ください|願います)?|とおり(?:です)?))[。.]?$/;

/** `同上` in a response cell defers to the opinion just above it (FORMATS.md hard case 8): its key goes into `refersTo`. */
function linkDittoResponses(opinions: Opinion[]): void {
  opinions.forEach((opinion, index) => {
    const above = opinions[index - 1];
    const response = opinion.response;
    if (above && response && response.refersTo.length === 0 && DITTO_RESPONSE.test(response.text.trim())) response.refersTo = [above.key];
  });
}

/**
 * A response that only defers (意見 11 に対する考え方のとおり) takes the outcome
 * of the one it defers to, at the end of a chain of deferrals. Each chain is
 * walked once, without recursion: a notice may chain thousands of opinions.
 */
function resolveDeferrals(opinions: Opinion[], file: VFile): void {
  const byKey = new Map(opinions.map((opinion) => [opinion.key, opinion]));
  /** The outcome a deferral to each key resolves to, once found. */
  const resolved = new Map<string, Outcome>();
  const outcomeOfKey = (first: string, from: string): Outcome => {
    const seen = new Set([from]);
    const chain: string[] = [];
    let outcome: Outcome = 'unknown';
    let key: string | undefined = first;
    while (key !== undefined) {
      const known = resolved.get(key);
      if (known !== undefined) {
        outcome = known;
        break;
      }
      const target = byKey.get(key);
      // A missing key, or a cycle: nothing to take.
      if (!target || seen.has(key)) break;
      seen.add(key);
      chain.push(key);
      if (target.outcome !== 'unknown') {
        outcome = target.outcome;
        break;
      }
      key = target.response?.refersTo[0];
    }
    for (const link of chain) resolved.set(link, outcome);
    return outcome;
  };
  for (const opinion of opinions) {
    for (const key of opinion.response?.refersTo ?? []) {
      if (!byKey.has(key)) {
        report(file, 'refers-to-unknown', `Unexpected reference to opinion ${key}, expected a key of this notice`, { line: opinion.response?.source.startLine ?? opinion.source.startLine, column: opinion.response?.source.startColumn ?? 1 });
      }
    }
  }
  for (const opinion of opinions) {
    const first = opinion.response?.refersTo[0];
    if (opinion.outcome === 'unknown' && first !== undefined) opinion.outcome = outcomeOfKey(first, opinion.key);
  }
}
