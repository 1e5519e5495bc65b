/**
 * Stage 7: drafts -> records. Names submitters and matches every mark to the
 * notice's list, reads refs, cross-references, flags and outcomes, and gives
 * every record its stable id. Raw text is kept beside each normalised value.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { outcomeOf, refersToOf } from '../normalize/outcome.js';
import { findRefs, parsePlace } from '../normalize/refs.js';
import { guessKind, normalizeSubmitterName, submitterKey } from '../normalize/submitters.js';
import type { Overrides } from '../schema/overrides.js';
import type { Comment, NoticeDocument, Opinion, Outcome, Ref, Submitter } from '../schema/records.js';
import type { Draft, SubmitterList } from './assemble-rows.js';
import type { Count, NoticeHeader } from './read-header.js';
import type { CommentDraft, SplitOpinion } from './split-comments.js';

export interface SourceInfo {
  id: string;
  file: string;
  sha256: string;
  encoding: string;
}

export function normalize(source: SourceInfo, header: NoticeHeader, draft: Draft, drafts: SplitOpinion[], file: VFile, overrides: Overrides = {}): NoticeDocument {
  const split = withAliases(drafts, overrides.submitterAliases ?? {});
  const submitters = collectSubmitters(header, draft.submitterLists, split, file);
  const byKey = new Map(submitters.map((submitter) => [submitterKey(submitter.name), submitter.name]));
  const opinions = assignIds(split, file).map(({ opinion, id }) => toOpinion(opinion, id, byKey, draft.hasFlagColumn, file));
  linkSharedResponses(split, opinions);
  resolveDeferrals(opinions, file);
  return {
    schemaVersion: 1,
    notice: {
      id: source.id,
      title: header.title,
      subject: header.subject,
      respondent: overrides.respondent ?? draft.respondent ?? header.respondent ?? header.issuer,
      period: header.period,
      submitterCount: header.submitterCount?.count ?? null,
      submitterCountUnit: header.submitterCount?.unit ?? null,
      submitterBreakdown: [...header.groups.map(({ label, count, unit }) => ({ label, count, unit })), ...header.breakdown],
      rePeriod: header.rePeriod,
      reSubmitterCount: header.reSubmitterCount?.count ?? null,
      submitters,
      source: { file: source.file, sha256: source.sha256, encoding: source.encoding },
    },
    sections: draft.sections.map(({ id, label, title, line }) => ({ id, label, title, source: { startLine: line, endLine: line } })),
    opinions,
    diagnostics: [],
  };
}

/** An override's alias replaces the name a mark printed (`EBC` -> its full name); the mark stays in submitterRaw. */
function withAliases(split: SplitOpinion[], aliases: Record<string, string>): SplitOpinion[] {
  const byKey = new Map(Object.entries(aliases).map(([mark, name]) => [submitterKey(mark), name]));
  if (byKey.size === 0) return split;
  return split.map((opinion) => ({
    ...opinion,
    comments: opinion.comments.map((comment) => ({
      ...comment,
      submitter: comment.submitter === null ? null : (byKey.get(submitterKey(comment.submitter)) ?? comment.submitter),
    })),
  }));
}

/** The listed submitters in list order (by type, then 提出者一覧 by round), then anyone a mark names who is not listed. */
function collectSubmitters(header: NoticeHeader, lists: readonly SubmitterList[], split: SplitOpinion[], file: VFile): Submitter[] {
  const submitters: Submitter[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: Submitter['kind']): void => {
    const key = submitterKey(name);
    if (seen.has(key)) return;
    seen.add(key);
    submitters.push({ id: `s-${submitters.length + 1}`, name, kind });
  };
  for (const group of header.groups) for (const name of group.names) add(name, group.kind);
  for (const list of lists) for (const { name } of list.names) add(normalizeSubmitterName(name), guessKind(normalizeSubmitterName(name)));
  const listed = submitters.length;
  checkCounts(header, lists, file);
  reportUnmarked(split, file);
  for (const { comments } of split) {
    for (const comment of comments) {
      if (comment.submitter === null) continue;
      if (listed > 0 && !seen.has(submitterKey(comment.submitter))) {
        report(file, 'unknown-submitter', `Unexpected submitter ${comment.submitterRaw ?? comment.submitter}, expected one of the ${listed} listed at the top`, { line: comment.endLine, column: 1 });
      }
      add(comment.submitter, guessKind(comment.submitter));
    }
  }
  return submitters;
}

/**
 * Where a notice closes comments with 【submitter】 marks, a comment without one
 * is worth a look. (Notices that name only consenting submitters, in
 * parentheses, leave the others unnamed on purpose.)
 */
function reportUnmarked(split: SplitOpinion[], file: VFile): void {
  const comments = split.flatMap(({ draft, comments }) => comments.map((comment) => ({ draft, comment })));
  if (!comments.some(({ comment }) => comment.submitterRaw?.startsWith('【'))) return;
  for (const { draft, comment } of comments) {
    if (comment.submitter === null) {
      report(file, 'missing-submitter', `Unexpected comment of ${draft.label} without a submitter, expected 【name】 at its end`, { line: comment.endLine, column: 1 });
    }
  }
}

/** Stated counts against the names listed, per type and per round; a mismatch is worth a look, not a failure. */
function checkCounts(header: NoticeHeader, lists: readonly SubmitterList[], file: VFile): void {
  const mismatch = (listed: number, stated: Count | null, what: string): void => {
    if (stated === null || listed === 0 || listed === stated.count) return;
    report(file, 'submitter-count-mismatch', `Unexpected ${listed} ${what}, expected ${stated.count}${stated.unit ?? ''} as stated`, { line: stated.line, column: 1 });
  };
  for (const group of header.groups) {
    if (group.names.length > 0) mismatch(group.names.length, { count: group.count, unit: group.unit, line: header.submitterCount?.line ?? 1 }, `names under ${group.label}`);
  }
  const inRound = (round: SubmitterList['round']): number =>
    lists.filter((list) => list.round === round).reduce((sum, list) => sum + list.names.length + list.unnamed, 0);
  const grouped = header.groups.reduce((sum, group) => sum + group.names.length, 0);
  mismatch(grouped + inRound('opinion'), header.submitterCount, 'submitters listed');
  mismatch(inRound('re-opinion'), header.reSubmitterCount, 're-opinion submitters listed');
}

/** `op-` + key; a repeated key is an error and the repeat gets a suffix so ids stay unique. */
function assignIds(split: SplitOpinion[], file: VFile): { opinion: SplitOpinion; id: string }[] {
  const used = new Set<string>();
  return split.map((opinion) => {
    let id = `op-${opinion.draft.key}`;
    if (used.has(id)) {
      report(file, 'duplicate-opinion', `Unexpected second ${opinion.draft.label}, expected each opinion number once`, { line: opinion.draft.startLine, column: 1 });
      let n = 2;
      while (used.has(`${id}-dup${n}`)) n++;
      id = `${id}-dup${n}`;
    }
    used.add(id);
    return { opinion, id };
  });
}

function toOpinion(split: SplitOpinion, id: string, submitters: Map<string, string>, hasFlagColumn: boolean, file: VFile): Opinion {
  const { draft, summary, response, flag } = split;
  const comments = split.comments.map((comment, index) => toComment(comment, `${id}-c${index + 1}`, submitters));
  if (summary === null && comments.length === 0) {
    report(file, 'empty-opinion', `Unexpected ${draft.label} without text, expected a summary or a comment`, { line: draft.startLine, column: 1 });
  }
  if (response === null) {
    report(file, 'missing-response', `Unexpected ${draft.label} without a response, expected text in the response column`, { line: draft.startLine, column: 1 });
  }
  return {
    id,
    key: draft.key,
    number: /^[0-9]+$/.test(draft.key) ? Number(draft.key) : null,
    label: draft.label,
    section: draft.section,
    topic: draft.topic,
    summary,
    comments,
    response: response && {
      text: response.text,
      refersTo: refersToOf(response.text),
      sharedWith: [],
      refs: uniqueRefs(findRefs(response.text)),
      source: { startLine: response.startLine, endLine: response.endLine },
    },
    revised: hasFlagColumn ? revisedOf(flag?.text ?? null, draft.label, flag?.startLine ?? draft.startLine, file) : null,
    revisedRaw: flag?.text ?? null,
    outcome: response ? outcomeOf(response.text) : 'unknown',
    source: { startLine: draft.startLine, endLine: draft.endLine },
  };
}

function toComment(comment: CommentDraft, id: string, submitters: Map<string, string>): Comment {
  return {
    id,
    kind: comment.kind,
    submitter: comment.submitter === null ? null : (submitters.get(submitterKey(comment.submitter)) ?? comment.submitter),
    submitterRaw: comment.submitterRaw,
    text: comment.text,
    refs: uniqueRefs([...(comment.place === null ? [] : parsePlace(comment.place)), ...findRefs(comment.text)]),
    source: { startLine: comment.startLine, endLine: comment.endLine },
  };
}

/** Each place once (the first mention: the row's 該当箇所, then the text), without scan offsets: a ref record holds what CONTRACT.md lists. */
function uniqueRefs(found: readonly (Ref | (Ref & { start: number; end: number }))[]): Ref[] {
  const seen = new Set<string>();
  const refs: Ref[] = [];
  for (const { start: _start, end: _end, ...ref } of found as (Ref & { start?: number; end?: number })[]) {
    const identity = JSON.stringify([ref.kind, ref.canonical, 'qualifiers' in ref ? ref.qualifiers : []]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    refs.push(ref as Ref);
  }
  return refs;
}

/** 有 -> true, 無 -> false (also 有(一部)); empty -> null; anything else is reported. */
function revisedOf(raw: string | null, label: string, line: number, file: VFile): boolean | null {
  if (raw === null) return null;
  if (/^有/.test(raw)) return true;
  if (/^無/.test(raw)) return false;
  report(file, 'flag-unrecognised', `Unexpected revision flag ${raw} for ${label}, expected 有 or 無`, { line, column: 1 });
  return null;
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

/** A response that only defers (意見 11 に対する考え方のとおり) takes the outcome of the one it defers to. */
function resolveDeferrals(opinions: Opinion[], file: VFile): void {
  const byKey = new Map(opinions.map((opinion) => [opinion.key, opinion]));
  const outcomeOfKey = (key: string, seen: Set<string>): Outcome => {
    const target = byKey.get(key);
    if (!target || seen.has(key)) return 'unknown';
    seen.add(key);
    if (target.outcome !== 'unknown') return target.outcome;
    const next = target.response?.refersTo[0];
    return next === undefined ? 'unknown' : outcomeOfKey(next, seen);
  };
  for (const opinion of opinions) {
    for (const key of opinion.response?.refersTo ?? []) {
      if (!byKey.has(key)) {
        report(file, 'refers-to-unknown', `Unexpected reference to opinion ${key}, expected a key of this notice`, { line: opinion.response?.source.startLine ?? opinion.source.startLine, column: 1 });
      }
    }
  }
  for (const opinion of opinions) {
    const first = opinion.response?.refersTo[0];
    if (opinion.outcome === 'unknown' && first !== undefined) opinion.outcome = outcomeOfKey(first, new Set([opinion.key]));
  }
}
