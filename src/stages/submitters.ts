/**
 * Stage 7a: who submitted what. The listed submitters (by type in the title
 * block, then 提出者一覧 by round) come first, then anyone a mark names; each
 * stated count is checked against its list, and an override's aliases
 * replace abbreviations.
 */
import type { VFile } from 'vfile';
import { opinionName, report, type Place } from '../diagnostics.js';
import { dayDuring } from '../normalize/dates.js';
import { COUNT_CELL, digitsValue, guessKind, normalizeSubmitterName, submitterKey } from '../normalize/submitters.js';
import type { SourceSpan, Submitter } from '../schema/records.js';
import type { Locator } from './locate.js';
import type { ListedName, SubmitterList } from './submitter-lists.js';
import type { Count, NoticeHeader } from './read-header.js';
import type { CommentDraft, SplitOpinion } from './split-comments.js';

/** An override's alias replaces the name a mark printed (`EBC` -> its full name); the mark stays in submitterRaw. */
export function withAliases(split: SplitOpinion[], aliases: Record<string, string>): SplitOpinion[] {
  const byKey = new Map(Object.entries(aliases).map(([mark, name]) => [submitterKey(mark), name]));
  if (byKey.size === 0) return split;
  return split.map((opinion) => ({
    ...opinion,
    comments: opinion.comments.map((comment) => ({
      ...comment,
      submitter: comment.submitter === null ? null : (byKey.get(submitterKey(comment.submitter)) ?? comment.submitter),
      joint: comment.joint?.map((part) => (part.name === null ? part : { ...part, name: byKey.get(submitterKey(part.name)) ?? part.name })) ?? null,
    })),
  }));
}

/**
 * The counts of a notice that states them only over its 提出者一覧
 * (`意見提出者一覧　計4者（14件）`): the first list's of each round, where the
 * title block states none.
 */
export function withListedCounts(header: NoticeHeader, lists: readonly SubmitterList[]): NoticeHeader {
  const stated = (round: SubmitterList['round']): SubmitterList | undefined => lists.find((list) => list.round === round && list.stated !== null);
  return {
    ...header,
    submitterCount: header.submitterCount ?? stated('opinion')?.stated ?? null,
    reSubmitterCount: header.reSubmitterCount ?? stated('re-opinion')?.stated ?? null,
    opinionCount: header.opinionCount ?? stated('opinion')?.statedOpinions ?? null,
  };
}

/** The listed submitters in list order (by type, then 提出者一覧 by round), then anyone a mark names who is not listed. */
export function collectSubmitters(header: NoticeHeader, lists: readonly SubmitterList[], split: SplitOpinion[], locate: Locator, file: VFile): Submitter[] {
  const submitters: Submitter[] = [];
  const byKey = new Map<string, Submitter>();
  const add = (name: string, kind: Submitter['kind']): Submitter => {
    const key = submitterKey(name);
    const known = byKey.get(key);
    if (known) return known;
    const submitter: Submitter = { id: `s-${submitters.length + 1}`, name, kind, representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] };
    byKey.set(key, submitter);
    submitters.push(submitter);
    return submitter;
  };
  for (const group of header.groups) for (const name of group.names) add(name, group.kind);
  for (const list of lists) {
    const entries = new Map<number, Submitter[]>();
    for (const listed of list.names) {
      const name = normalizeSubmitterName(listed.name);
      const guessed = guessKind(name);
      const submitter = add(name, guessed === 'unknown' ? (listed.kind ?? guessed) : guessed);
      addListed(submitter, firstRoundOnly(listed, list.round, name, file), header.period, file);
      entries.set(listed.entry, [...(entries.get(listed.entry) ?? []), submitter]);
    }
    for (const members of entries.values()) linkJoint(members);
  }
  const listed = submitters.length;
  checkCounts(header, lists, file);
  reportUnmarked(split, locate, file);
  for (const { comments } of split) {
    for (const comment of comments) {
      // A joint mark names each of its named parts; people it only counts (個人(3名)) are no entry.
      const named = comment.joint ? comment.joint.flatMap((part) => (part.name === null ? [] : [{ name: part.name, kind: part.kind }])) : comment.submitter === null ? [] : [{ name: comment.submitter, kind: guessKind(comment.submitter) }];
      for (const { name, kind } of named) {
        if (listed > 0 && !byKey.has(submitterKey(name))) {
          report(file, 'unknown-submitter', `Unexpected submitter ${comment.joint ? name : (comment.submitterRaw ?? name)}, expected one of the ${listed} listed at the top`, markPlace(comment, locate));
        }
        add(name, kind);
      }
    }
  }
  return submitters;
}

/** Where a comment's submitter is printed: its 提出者 cell, its mark, or (a mark the text does not hold as printed) the comment's end. */
function markPlace(comment: CommentDraft, locate: Locator): Place {
  const column = comment.submitterColumn;
  if (column) return { line: column.startLine, column: column.startColumn };
  const mark = comment.submitterRaw === null ? null : locate.find(comment.submitterRaw, comment, comment.start);
  return pointAt(mark ?? locate.span({ start: comment.end, end: comment.end }));
}

function pointAt(span: SourceSpan): Place {
  return { line: span.startLine, column: span.startColumn, offset: span.startOffset };
}

/** The companies of a 連名 row each name the others as their joint submitters. */
function linkJoint(members: readonly Submitter[]): void {
  for (const member of members) {
    const others = members.filter((other) => other !== member && !member.jointWith.includes(other.id)).map((other) => other.id);
    member.jointWith.push(...others);
  }
}

/** A 再意見 round's list counts re-opinions (`株式会社A　2件`), which no field holds: reported, and the name kept. */
function firstRoundOnly(listed: ListedName, round: SubmitterList['round'], name: string, file: VFile): ListedName {
  if (round === 'opinion' || listed.opinionCountRaw === null) return listed;
  report(file, 'note-outside-table', `Unexpected ${listed.opinionCountRaw} beside ${name} in a 再意見 round's 提出者一覧, expected a count of the first round's opinions: kept in no record`, listed.countAt);
  return { ...listed, opinionCountRaw: null };
}

/**
 * A 提出者一覧 row's representative, count of opinions and 受付日 go to its submitter;
 * a second row of the same name that prints other ones is reported, not merged (printing fewer, as a 再意見 round's list does, is no conflict).
 */
function addListed(submitter: Submitter, listed: ListedName, period: NoticeHeader['period'], file: VFile): void {
  const { representative, opinionCountRaw, receivedRaw } = listed;
  const printed = [representative, opinionCountRaw, receivedRaw].filter((text) => text !== null);
  if (printed.length === 0) return;
  if (submitter.representative !== null || submitter.opinionCountRaw !== null || submitter.receivedRaw !== null) {
    const differs = (again: string | null, kept: string | null): boolean => again !== null && again !== kept;
    if (differs(representative, submitter.representative) || differs(opinionCountRaw, submitter.opinionCountRaw) || differs(receivedRaw, submitter.receivedRaw)) {
      report(file, 'note-outside-table', `Unexpected ${submitter.name} listed again with ${printed.join(' ')}, expected each submitter once: kept in no record`, listed.at);
    }
    return;
  }
  submitter.representative = representative;
  submitter.receivedRaw = receivedRaw;
  submitter.received = receivedRaw === null ? null : receivedDay(submitter.name, receivedRaw, period, listed.receivedAt, file);
  submitter.opinionCountRaw = opinionCountRaw;
  if (opinionCountRaw === null) return;
  const digits = COUNT_CELL.exec(opinionCountRaw)?.[1];
  if (digits === undefined) report(file, 'count-unread', `Unexpected 意見数 ${opinionCountRaw} for ${submitter.name}, expected one number such as 3 or 12件: opinionCount is null`, listed.countAt);
  submitter.opinionCount = digits === undefined ? null : digitsValue(digits);
}

/** A 受付日 cell's date, reported when it reads as none (`郵送`, `2月30日`) or its weekday is not its own (the date is kept). */
function receivedDay(name: string, raw: string, period: NoticeHeader['period'], at: Place, file: VFile): string | null {
  const day = dayDuring(raw, period);
  if (day === null) {
    const withYear = period === null ? ' with its year (the notice states no consultation period to take it from)' : '';
    report(file, 'received-unread', `Unexpected 受付日 ${raw} for ${name}, expected a date such as 4月1日 or 2024/4/1${withYear}: received is null`, at);
  } else if (day.weekdayMismatch !== null) {
    report(file, 'received-weekday', `${day.weekdayMismatch} (the 受付日 of ${name})`, at);
  }
  return day?.iso ?? null;
}

/**
 * Where a notice closes comments with 【submitter】 marks, a comment without one
 * is worth a look. (Notices that name only consenting submitters, in
 * parentheses, leave the others unnamed on purpose.)
 */
function reportUnmarked(split: SplitOpinion[], locate: Locator, file: VFile): void {
  const comments = split.flatMap(({ draft, comments }) => comments.map((comment) => ({ draft, comment })));
  if (!comments.some(({ comment }) => comment.submitterRaw?.startsWith('【'))) return;
  for (const { draft, comment } of comments) {
    if (comment.submitter === null) {
      report(file, 'missing-submitter', `Unexpected comment of ${opinionName(draft)} without a submitter, expected 【name】 at its end`, pointAt(locate.span({ start: comment.end, end: comment.end })));
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
    lists.filter((list) => list.round === round).reduce((sum, list) => sum + new Set(list.names.map((listed) => listed.entry)).size + list.unnamed, 0);
  const grouped = header.groups.reduce((sum, group) => sum + group.names.length, 0);
  mismatch(grouped + inRound('opinion'), header.submitterCount, 'submitters listed');
  mismatch(inRound('re-opinion'), header.reSubmitterCount, 're-opinion submitters listed');
}
