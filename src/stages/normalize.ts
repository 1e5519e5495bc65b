/**
 * Stage 7: drafts -> records. Names submitters and matches every mark to the
 * notice's list, reads refs, cross-references, flags and outcomes, and gives
 * every record its stable id. Raw text is kept beside each normalised value.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { outcomeOf, refersToOf } from '../normalize/outcome.js';
import { findRefs, parsePlace } from '../normalize/refs.js';
import { guessKind, submitterKey } from '../normalize/submitters.js';
import type { Comment, NoticeDocument, Opinion, Outcome, Ref, Submitter } from '../schema/records.js';
import type { Draft } from './assemble-rows.js';
import type { NoticeHeader } from './read-header.js';
import type { CommentDraft, SplitOpinion } from './split-comments.js';

export interface SourceInfo {
  id: string;
  file: string;
  sha256: string;
  encoding: string;
}

export function normalize(source: SourceInfo, header: NoticeHeader, draft: Draft, split: SplitOpinion[], file: VFile): NoticeDocument {
  const submitters = collectSubmitters(header, split, file);
  const byKey = new Map(submitters.map((submitter) => [submitterKey(submitter.name), submitter.name]));
  const opinions = assignIds(split, file).map(({ opinion, id }) => toOpinion(opinion, id, byKey, draft.hasFlagColumn, file));
  resolveDeferrals(opinions, file);
  return {
    schemaVersion: 1,
    notice: {
      id: source.id,
      title: header.title,
      subject: header.subject,
      respondent: draft.respondent ?? header.respondent,
      period: header.period,
      submitterCount: header.submitterCount,
      submitterCountUnit: header.submitterCountUnit,
      submitterBreakdown: header.groups.map(({ label, count, unit }) => ({ label, count, unit })),
      rePeriod: null,
      reSubmitterCount: null,
      submitters,
      source: { file: source.file, sha256: source.sha256, encoding: source.encoding },
    },
    sections: draft.sections.map(({ id, label, title, line }) => ({ id, label, title, source: { startLine: line, endLine: line } })),
    opinions,
    diagnostics: [],
  };
}

/** The listed submitters in list order, then anyone a mark names who is not listed. */
function collectSubmitters(header: NoticeHeader, split: SplitOpinion[], file: VFile): Submitter[] {
  const submitters: Submitter[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: Submitter['kind']): void => {
    const key = submitterKey(name);
    if (seen.has(key)) return;
    seen.add(key);
    submitters.push({ id: `s-${submitters.length + 1}`, name, kind });
  };
  for (const group of header.groups) for (const name of group.names) add(name, group.kind);
  const listed = submitters.length;
  checkCounts(header, listed, file);
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

function checkCounts(header: NoticeHeader, listed: number, file: VFile): void {
  const where = header.countLine ? { line: header.countLine.number, column: 1 } : null;
  for (const group of header.groups) {
    if (group.names.length > 0 && group.names.length !== group.count) {
      report(file, 'submitter-count-mismatch', `Unexpected ${group.names.length} names under ${group.label}, expected ${group.count} as stated`, where);
    }
  }
  if (header.submitterCount !== null && listed > 0 && listed !== header.submitterCount) {
    report(file, 'submitter-count-mismatch', `Unexpected ${listed} listed submitters, expected ${header.submitterCount} as stated (${header.submitterCount}${header.submitterCountUnit ?? ''})`, where);
  }
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
      refs: plainRefs(findRefs(response.text)),
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
    refs: [...(comment.place === null ? [] : parsePlace(comment.place)), ...plainRefs(findRefs(comment.text))],
    source: { startLine: comment.startLine, endLine: comment.endLine },
  };
}

/** Each place once (the first mention), without the scan offsets: a ref record holds what CONTRACT.md lists. */
function plainRefs(found: readonly (Ref & { start: number; end: number })[]): Ref[] {
  const seen = new Set<string>();
  const refs: Ref[] = [];
  for (const { start: _start, end: _end, ...ref } of found) {
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
