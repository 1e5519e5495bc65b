/**
 * What changed in meaning between two sets of converted notices: the review
 * report of a pull request (`pubcom diff OLD NEW`). Pure: it compares parsed
 * values, never bytes, so key order, indentation and runs of whitespace in
 * text never count as changes, and source spans (line numbers) are ignored.
 * Notices are matched by id (file name), opinions by opinion id, comments by
 * comment id, refs by kind + canonical form, diagnostics by severity + code +
 * message (a diagnostic whose line only shifted is not a change).
 *
 * Only the fields named here are read, so a newer JSON with extra fields
 * (spans with columns, `notice.coverage`, …) is compared on what both sides
 * share.
 */
import { compareCodeUnits } from '../diagnostics.js';
import { diffChars } from 'diff';
import type { Comment, Diagnostic, NoticeDocument, Opinion, Ref, Submitter } from '../schema/records.js';

/** Unchanged code points kept on each side of an edit in an inline diff. */
const CONTEXT = 12;
/** Longest inserted or deleted run shown in full (code points). */
const MAX_PIECE = 80;
/** Edits shown per inline diff; the rest are counted. */
const MAX_EDITS = 6;
/** Length of a quoted gist of an added or removed record (code points). */
const GIST = 60;
/** Longest quoted value (a field, a diagnostic message). */
const MAX_VALUE = 120;
/** Beyond this edit distance a text is shown as replaced wholesale (keeps the diff cheap and deterministic). */
const MAX_EDIT_LENGTH = 2000;

/** A ref as compared: kind + canonical identify it; raw is shown. */
export interface RefView {
  kind: string;
  canonical: string;
  raw: string;
}

/** A diagnostic as reported, with the opinion whose lines hold it (if any). */
export interface DiagnosticView {
  severity: string;
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  opinionId: string | null;
}

/**
 * One change in meaning. `place` is `summary`, `response` or a comment id.
 * Opinion-level and notice-level changes share this union so that counting
 * and rendering are one switch each.
 */
export type DiffEntry =
  | { type: 'flag'; old: boolean | null; new: boolean | null; oldRaw: string | null; newRaw: string | null }
  | { type: 'outcome'; old: string; new: string }
  | { type: 'text'; place: string; old: string | null; new: string | null; inline: string }
  | { type: 'comment-added' | 'comment-removed'; commentId: string; submitter: string | null; gist: string }
  | { type: 'submitter'; commentId: string; old: string | null; new: string | null }
  | { type: 'ref-gained' | 'ref-lost'; place: string; ref: RefView }
  | { type: 'refers-to'; old: string[]; new: string[] }
  | { type: 'notice-submitter-added' | 'notice-submitter-removed'; name: string; kind: string }
  | { type: 'section'; change: 'added' | 'removed' | 'retitled'; id: string; old: string | null; new: string | null }
  | { type: 'diagnostic-appeared' | 'diagnostic-disappeared'; diagnostic: DiagnosticView }
  | { type: 'field'; field: string; old: string; new: string };

/** An opinion that was added, removed or changed; `gist` quotes it for added/removed ones. */
export interface OpinionDiff {
  id: string;
  label: string;
  status: 'added' | 'removed' | 'changed';
  gist: string;
  outcome: string;
  comments: number;
  changes: DiffEntry[];
}

/** A notice that was added, removed or changed. */
export interface NoticeChange {
  id: string;
  status: 'added' | 'removed' | 'changed';
  title: string | null;
  opinionCount: number;
  diagnosticCount: number;
  /** Notice-level changes: fields, submitters, sections, then diagnostics. */
  changes: DiffEntry[];
  opinions: OpinionDiff[];
}

/** The totals of the report's table. */
export interface DiffCounts {
  noticesChanged: number;
  noticesAdded: number;
  noticesRemoved: number;
  opinionsAdded: number;
  opinionsRemoved: number;
  opinionsChanged: number;
  flagsFlipped: number;
  outcomesChanged: number;
  textsChanged: number;
  commentsAdded: number;
  commentsRemoved: number;
  submittersChanged: number;
  noticeSubmittersAdded: number;
  noticeSubmittersRemoved: number;
  refsGained: number;
  refsLost: number;
  refersToChanged: number;
  sectionsChanged: number;
  diagnosticsAppeared: number;
  diagnosticsDisappeared: number;
  otherFieldsChanged: number;
}

/** The structured result of {@link diffNotices}; {@link renderDiffReport} turns it into markdown. */
export interface NoticeDiff {
  /** Only notices with a change, sorted by id (code units). */
  notices: NoticeChange[];
  counts: DiffCounts;
  compared: { oldNotices: number; newNotices: number; oldOpinions: number; newOpinions: number };
}

// ---------------------------------------------------------------- ordering


/** Code-unit order with digit runs compared as numbers, so op-2 sorts before op-10. Locale-free. */
export function compareNatural(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) || x.length - y.length : compareCodeUnits(x, y);
    if (order !== 0) return Math.sign(order);
  }
  return left.length - right.length || compareCodeUnits(a, b);
}

function unionKeys<K extends string>(a: ReadonlyMap<K, unknown>, b: ReadonlyMap<K, unknown>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(compareNatural);
}

/** First record per id: ids are unique in valid output; a duplicate is left to the converter's own diagnostic. */
function byId<T extends { id: string }>(records: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records ?? []) if (!map.has(record.id)) map.set(record.id, record);
  return map;
}

// ---------------------------------------------------------------- values

/** Whitespace runs collapsed and ends trimmed: the text as compared, so pure re-spacing is no change. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function normalizeNullable(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : normalizeText(text);
}

/** A value as compared: sorted keys, normalised strings, as compact JSON. */
export function canonicalValue(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? 'null';
}

function canonicalize(value: unknown): unknown {
  if (typeof value === 'string') return normalizeText(value);
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodeUnits(a, b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonicalize(inner)]));
  }
  return value ?? null;
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return shorten(typeof value === 'string' ? normalizeText(value) : canonicalValue(value), MAX_VALUE);
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** At most `max` code points: the head and the tail around an ellipsis. */
export function shorten(text: string, max: number): string {
  const points = codePoints(text);
  if (points.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${points.slice(0, head).join('')}…${points.slice(points.length - (max - 1 - head)).join('')}`;
}

function sortedSet(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map(normalizeText))].sort(compareNatural);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

// ---------------------------------------------------------------- inline diff

type Segment = { kind: 'same'; text: string } | { kind: 'edit'; removed: string; added: string };

/** Runs of changed and unchanged text; tiny unchanged islands between edits are folded in so the diff reads as phrases. */
function segments(a: string, b: string): Segment[] {
  const changes = diffChars(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) return [{ kind: 'edit', removed: a, added: b }];
  const raw: Segment[] = changes.map((change) =>
    change.added ? { kind: 'edit', removed: '', added: change.value }
      : change.removed ? { kind: 'edit', removed: change.value, added: '' }
        : { kind: 'same', text: change.value },
  );
  return mergeEdits(foldIslands(mergeEdits(raw)));
}

function mergeEdits(list: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of list) {
    const last = out[out.length - 1];
    if (last?.kind === 'edit' && segment.kind === 'edit') {
      out[out.length - 1] = { kind: 'edit', removed: last.removed + segment.removed, added: last.added + segment.added };
    } else out.push(segment);
  }
  return out;
}

function foldIslands(list: readonly Segment[]): Segment[] {
  return list.map((segment, i) =>
    segment.kind === 'same' && codePoints(segment.text).length <= 2 && list[i - 1]?.kind === 'edit' && list[i + 1]?.kind === 'edit'
      ? { kind: 'edit', removed: segment.text, added: segment.text }
      : segment,
  );
}

function elide(text: string, position: 'first' | 'middle' | 'last'): string {
  const points = codePoints(text);
  if (position === 'first') return points.length > CONTEXT ? `…${points.slice(-CONTEXT).join('')}` : text;
  if (position === 'last') return points.length > CONTEXT ? `${points.slice(0, CONTEXT).join('')}…` : text;
  return points.length > 2 * CONTEXT + 1 ? `${points.slice(0, CONTEXT).join('')}…${points.slice(-CONTEXT).join('')}` : text;
}

function renderEdit(segment: { removed: string; added: string }): string {
  const removed = segment.removed === '' ? '' : `[-${shorten(segment.removed, MAX_PIECE)}-]`;
  const added = segment.added === '' ? '' : `{+${shorten(segment.added, MAX_PIECE)}+}`;
  return removed + added;
}

/**
 * A short inline diff of two normalised texts, `…前後[-old-]{+new+}…`: each
 * edit with {@link CONTEXT} unchanged code points around it, at most
 * {@link MAX_EDITS} edits. A missing text (null) is all added or all removed.
 */
export function inlineDiff(oldText: string | null, newText: string | null): string {
  const list = segments(oldText ?? '', newText ?? '');
  const edits = list.filter((segment) => segment.kind === 'edit').length;
  const parts: string[] = [];
  let shown = 0;
  for (const [i, segment] of list.entries()) {
    if (segment.kind === 'same') {
      parts.push(elide(segment.text, i === 0 ? 'first' : i === list.length - 1 ? 'last' : 'middle'));
    } else if (shown === MAX_EDITS) {
      parts.push(`… (${edits - shown} more edits)`);
      break;
    } else {
      parts.push(renderEdit(segment));
      shown++;
    }
  }
  return parts.join('');
}

// ---------------------------------------------------------------- records

function textChange(place: string, oldText: string | null | undefined, newText: string | null | undefined): DiffEntry[] {
  const a = normalizeNullable(oldText);
  const b = normalizeNullable(newText);
  return a === b ? [] : [{ type: 'text', place, old: a, new: b, inline: inlineDiff(a, b) }];
}

function fieldChange(field: string, oldValue: unknown, newValue: unknown): DiffEntry[] {
  return canonicalValue(oldValue) === canonicalValue(newValue)
    ? []
    : [{ type: 'field', field, old: displayValue(oldValue), new: displayValue(newValue) }];
}

function refKey(ref: Pick<Ref, 'kind' | 'canonical'>): string {
  return `${ref.kind}\u0000${normalizeText(ref.canonical)}`;
}

function refView(ref: Pick<Ref, 'kind' | 'canonical' | 'raw'>): RefView {
  return { kind: ref.kind, canonical: normalizeText(ref.canonical), raw: normalizeText(ref.raw) };
}

/** Refs in `a` with no counterpart (kind + canonical, as a multiset) in `b`, in `a`'s order. */
function unmatchedRefs(a: readonly Ref[], b: readonly Ref[]): Ref[] {
  const left = new Map<string, number>();
  for (const ref of b) left.set(refKey(ref), (left.get(refKey(ref)) ?? 0) + 1);
  return a.filter((ref) => {
    const count = left.get(refKey(ref)) ?? 0;
    if (count > 0) left.set(refKey(ref), count - 1);
    return count === 0;
  });
}

function refChanges(place: string, oldRefs: readonly Ref[] | undefined, newRefs: readonly Ref[] | undefined): DiffEntry[] {
  const a = oldRefs ?? [];
  const b = newRefs ?? [];
  return [
    ...unmatchedRefs(a, b).map((ref): DiffEntry => ({ type: 'ref-lost', place, ref: refView(ref) })),
    ...unmatchedRefs(b, a).map((ref): DiffEntry => ({ type: 'ref-gained', place, ref: refView(ref) })),
  ];
}

function commentGist(comment: Comment): string {
  return shorten(normalizeText(comment.text ?? ''), GIST);
}

function diffComment(a: Comment, b: Comment): DiffEntry[] {
  const submitter = normalizeNullable(a.submitter) === normalizeNullable(b.submitter)
    ? []
    : [{ type: 'submitter', commentId: a.id, old: normalizeNullable(a.submitter), new: normalizeNullable(b.submitter) } as const];
  return [
    ...textChange(a.id, a.text, b.text),
    ...submitter,
    ...fieldChange(`${a.id} kind`, a.kind, b.kind),
    ...refChanges(a.id, a.refs, b.refs),
  ];
}

function diffComments(oldComments: readonly Comment[] | undefined, newComments: readonly Comment[] | undefined): DiffEntry[] {
  const a = byId(oldComments);
  const b = byId(newComments);
  return unionKeys(a, b).flatMap((id): DiffEntry[] => {
    const before = a.get(id);
    const after = b.get(id);
    if (before === undefined && after !== undefined) return [{ type: 'comment-added', commentId: id, submitter: normalizeNullable(after.submitter), gist: commentGist(after) }];
    if (after === undefined && before !== undefined) return [{ type: 'comment-removed', commentId: id, submitter: normalizeNullable(before.submitter), gist: commentGist(before) }];
    return before && after ? diffComment(before, after) : [];
  });
}

function diffFlag(a: Opinion, b: Opinion): DiffEntry[] {
  if ((a.revised ?? null) !== (b.revised ?? null)) {
    return [{ type: 'flag', old: a.revised ?? null, new: b.revised ?? null, oldRaw: normalizeNullable(a.revisedRaw), newRaw: normalizeNullable(b.revisedRaw) }];
  }
  return fieldChange('revisedRaw', a.revisedRaw, b.revisedRaw);
}

function diffResponse(a: Opinion, b: Opinion): DiffEntry[] {
  const refersTo = [sortedSet(a.response?.refersTo), sortedSet(b.response?.refersTo)] as const;
  return [
    ...textChange('response', a.response?.text, b.response?.text),
    ...refChanges('response', a.response?.refs, b.response?.refs),
    ...(sameList(...refersTo) ? [] : [{ type: 'refers-to', old: refersTo[0], new: refersTo[1] } as const]),
    ...fieldChange('response sharedWith', sortedSet(a.response?.sharedWith), sortedSet(b.response?.sharedWith)),
  ];
}

/** Every change in meaning between two versions of one opinion, in a fixed order. */
function diffOpinion(a: Opinion, b: Opinion): DiffEntry[] {
  return [
    ...diffFlag(a, b),
    ...(a.outcome === b.outcome ? [] : [{ type: 'outcome', old: a.outcome, new: b.outcome } as const]),
    ...textChange('summary', a.summary, b.summary),
    ...diffComments(a.comments, b.comments),
    ...diffResponse(a, b),
    ...(['key', 'number', 'label', 'section', 'topic', 'opinionCount', 'opinionCountRaw'] as const).flatMap((field) => fieldChange(field, a[field], b[field])),
  ];
}

function opinionGist(opinion: Opinion): string {
  const text = opinion.summary ?? opinion.comments?.[0]?.text ?? opinion.response?.text ?? '';
  return shorten(normalizeText(text), GIST);
}

function opinionDiff(opinion: Opinion, status: OpinionDiff['status'], changes: DiffEntry[]): OpinionDiff {
  return {
    id: opinion.id,
    label: normalizeText(opinion.label ?? ''),
    status,
    gist: opinionGist(opinion),
    outcome: opinion.outcome,
    comments: opinion.comments?.length ?? 0,
    changes,
  };
}

function diffOpinions(oldOpinions: readonly Opinion[] | undefined, newOpinions: readonly Opinion[] | undefined): OpinionDiff[] {
  const a = byId(oldOpinions);
  const b = byId(newOpinions);
  return unionKeys(a, b).flatMap((id): OpinionDiff[] => {
    const before = a.get(id);
    const after = b.get(id);
    if (before === undefined) return after ? [opinionDiff(after, 'added', [])] : [];
    if (after === undefined) return [opinionDiff(before, 'removed', [])];
    const changes = diffOpinion(before, after);
    return changes.length === 0 ? [] : [opinionDiff(after, 'changed', changes)];
  });
}

// ---------------------------------------------------------------- notice level

const NOTICE_FIELDS = ['title', 'subject', 'respondent', 'caseNumber', 'decided', 'legalBasis', 'period', 'published', 'submitterCount', 'submitterCountUnit', 'opinionCount', 'unrelatedOpinionCount', 'submitterBreakdown', 'rePeriod', 'reSubmitterCount', 'consultations', 'glossary', 'notes', 'draftChanges'] as const;
/** Lists that an output written before they existed lacks: the same as empty there, so no change shows. */
const NOTICE_LISTS: ReadonlySet<string> = new Set(['submitterBreakdown', 'consultations', 'glossary', 'notes']);
const SOURCE_FIELDS = ['file', 'encoding', 'sha256'] as const;

function diffNoticeFields(a: NoticeDocument, b: NoticeDocument): DiffEntry[] {
  // Written before 2026-11-29, a count by type has no partOf (it was a count of its own), and a consultation no counts by type or draftChanges.
  const breakdown = (parts: NoticeDocument['notice']['submitterBreakdown'] | undefined): unknown => (parts ?? []).map((part) => ({ ...part, partOf: part.partOf ?? null }));
  const value = (doc: NoticeDocument, field: (typeof NOTICE_FIELDS)[number]): unknown => {
    if (field === 'submitterBreakdown') return breakdown(doc.notice.submitterBreakdown);
    if (field === 'consultations') return (doc.notice.consultations ?? []).map((c) => ({ ...c, submitterBreakdown: breakdown(c.submitterBreakdown), draftChanges: c.draftChanges ?? null }));
    return doc.notice[field] ?? (NOTICE_LISTS.has(field) ? [] : null);
  };
  return [
    ...NOTICE_FIELDS.flatMap((field) => fieldChange(field, value(a, field), value(b, field))),
    ...SOURCE_FIELDS.flatMap((field) => fieldChange(`source.${field}`, a.notice.source?.[field], b.notice.source?.[field])),
  ];
}

/** Notice submitters matched by name (their ids are positions, which shift when one is inserted). */
function diffNoticeSubmitters(a: NoticeDocument, b: NoticeDocument): DiffEntry[] {
  const byName = (doc: NoticeDocument): Map<string, Submitter> => new Map((doc.notice.submitters ?? []).map((submitter) => [normalizeText(submitter.name), submitter]));
  const before = byName(a);
  const after = byName(b);
  return unionKeys(before, after).flatMap((name): DiffEntry[] => {
    const old = before.get(name);
    const now = after.get(name);
    if (old === undefined) return [{ type: 'notice-submitter-added', name, kind: now?.kind ?? 'unknown' }];
    if (now === undefined) return [{ type: 'notice-submitter-removed', name, kind: old.kind }];
    // Outputs of pubcom before 2026-11-28 have no representative or opinionCount, before 2026-11-29 no received or jointWith.
    const fields = (['kind', 'representative', 'opinionCount', 'received'] as const).flatMap((field) => fieldChange(`submitter ${name} ${field}`, old[field] ?? null, now[field] ?? null));
    return [...fields, ...fieldChange(`submitter ${name} jointWith`, jointNames(a, old), jointNames(b, now))];
  });
}

/** The others of a submitter's joint submission by name (ids are positions, which shift), or null when it submitted alone. */
function jointNames(doc: NoticeDocument, submitter: Submitter): string | null {
  const names = (submitter.jointWith ?? []).map((id) => doc.notice.submitters.find((other) => other.id === id)?.name ?? id);
  return names.length === 0 ? null : names.join('、');
}

function diffSections(a: NoticeDocument, b: NoticeDocument): DiffEntry[] {
  const before = byId(a.sections);
  const after = byId(b.sections);
  return unionKeys(before, after).flatMap((id): DiffEntry[] => {
    const oldTitle = normalizeNullable(before.get(id)?.title);
    const newTitle = normalizeNullable(after.get(id)?.title);
    if (!before.has(id)) return [{ type: 'section', change: 'added', id, old: null, new: newTitle }];
    if (!after.has(id)) return [{ type: 'section', change: 'removed', id, old: oldTitle, new: null }];
    return oldTitle === newTitle ? [] : [{ type: 'section', change: 'retitled', id, old: oldTitle, new: newTitle }];
  });
}

function opinionAt(doc: NoticeDocument, line: number | null): string | null {
  if (line === null) return null;
  const hit = (doc.opinions ?? []).find((opinion) => opinion.source && opinion.source.startLine <= line && line <= opinion.source.endLine);
  return hit?.id ?? null;
}

function diagnosticView(doc: NoticeDocument, diagnostic: Diagnostic): DiagnosticView {
  const line = diagnostic.line ?? null;
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: normalizeText(diagnostic.message),
    line,
    column: diagnostic.column ?? null,
    opinionId: opinionAt(doc, line),
  };
}

function diagnosticKey(diagnostic: Diagnostic): string {
  return [diagnostic.severity, diagnostic.code, normalizeText(diagnostic.message)].join('\u0000');
}

function samePosition(a: Diagnostic, b: Diagnostic): boolean {
  return (a.line ?? null) === (b.line ?? null) && (a.column ?? null) === (b.column ?? null);
}

/**
 * The diagnostics of `a` left over after pairing with `b`: first those at the
 * same position, then the rest in order (a diagnostic whose line only shifted
 * pairs up and is not a change).
 */
function unpairedDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const others = [...b];
  const rest = a.filter((diagnostic) => {
    const i = others.findIndex((other) => samePosition(diagnostic, other));
    if (i >= 0) others.splice(i, 1);
    return i < 0;
  });
  return rest.slice(others.length);
}

function groupDiagnostics(list: readonly Diagnostic[] | undefined): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of list ?? []) groups.set(diagnosticKey(diagnostic), [...(groups.get(diagnosticKey(diagnostic)) ?? []), diagnostic]);
  return groups;
}

function diagnosticOrder(x: DiffEntry, y: DiffEntry): number {
  if (!('diagnostic' in x) || !('diagnostic' in y)) return 0;
  const a = x.diagnostic;
  const b = y.diagnostic;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareCodeUnits(a.code, b.code)
    || compareCodeUnits(a.message, b.message) || compareCodeUnits(x.type, y.type);
}

function diffDiagnostics(a: NoticeDocument, b: NoticeDocument): DiffEntry[] {
  const before = groupDiagnostics(a.diagnostics);
  const after = groupDiagnostics(b.diagnostics);
  return unionKeys(before, after)
    .flatMap((key): DiffEntry[] => {
      const oldList = before.get(key) ?? [];
      const newList = after.get(key) ?? [];
      return [
        ...unpairedDiagnostics(oldList, newList).map((d): DiffEntry => ({ type: 'diagnostic-disappeared', diagnostic: diagnosticView(a, d) })),
        ...unpairedDiagnostics(newList, oldList).map((d): DiffEntry => ({ type: 'diagnostic-appeared', diagnostic: diagnosticView(b, d) })),
      ];
    })
    .sort(diagnosticOrder);
}

function noticeSummary(id: string, doc: NoticeDocument, status: NoticeChange['status']): NoticeChange {
  return {
    id,
    status,
    title: normalizeNullable(doc.notice?.title),
    opinionCount: doc.opinions?.length ?? 0,
    diagnosticCount: doc.diagnostics?.length ?? 0,
    changes: [],
    opinions: [],
  };
}

function diffNotice(id: string, a: NoticeDocument, b: NoticeDocument): NoticeChange | null {
  const changes = [...diffNoticeFields(a, b), ...diffNoticeSubmitters(a, b), ...diffSections(a, b), ...diffDiagnostics(a, b)];
  const opinions = diffOpinions(a.opinions, b.opinions);
  if (changes.length === 0 && opinions.length === 0) return null;
  return { ...noticeSummary(id, b, 'changed'), changes, opinions };
}

// ---------------------------------------------------------------- counts

function emptyCounts(): DiffCounts {
  return {
    noticesChanged: 0, noticesAdded: 0, noticesRemoved: 0, opinionsAdded: 0, opinionsRemoved: 0, opinionsChanged: 0,
    flagsFlipped: 0, outcomesChanged: 0, textsChanged: 0, commentsAdded: 0, commentsRemoved: 0, submittersChanged: 0,
    noticeSubmittersAdded: 0, noticeSubmittersRemoved: 0, refsGained: 0, refsLost: 0, refersToChanged: 0,
    sectionsChanged: 0, diagnosticsAppeared: 0, diagnosticsDisappeared: 0, otherFieldsChanged: 0,
  };
}

const ENTRY_COUNT: Record<DiffEntry['type'], keyof DiffCounts> = {
  flag: 'flagsFlipped',
  outcome: 'outcomesChanged',
  text: 'textsChanged',
  'comment-added': 'commentsAdded',
  'comment-removed': 'commentsRemoved',
  submitter: 'submittersChanged',
  'ref-gained': 'refsGained',
  'ref-lost': 'refsLost',
  'refers-to': 'refersToChanged',
  'notice-submitter-added': 'noticeSubmittersAdded',
  'notice-submitter-removed': 'noticeSubmittersRemoved',
  section: 'sectionsChanged',
  'diagnostic-appeared': 'diagnosticsAppeared',
  'diagnostic-disappeared': 'diagnosticsDisappeared',
  field: 'otherFieldsChanged',
};

const NOTICE_COUNT = { added: 'noticesAdded', removed: 'noticesRemoved', changed: 'noticesChanged' } as const;
const OPINION_COUNT = { added: 'opinionsAdded', removed: 'opinionsRemoved', changed: 'opinionsChanged' } as const;

function countChanges(notices: readonly NoticeChange[]): DiffCounts {
  const counts = emptyCounts();
  const entries = notices.flatMap((notice) => [...notice.changes, ...notice.opinions.flatMap((opinion) => opinion.changes)]);
  for (const entry of entries) counts[ENTRY_COUNT[entry.type]]++;
  for (const notice of notices) counts[NOTICE_COUNT[notice.status]]++;
  for (const opinion of notices.flatMap((notice) => notice.opinions)) counts[OPINION_COUNT[opinion.status]]++;
  return counts;
}

/**
 * Compares two sets of notices (id -> document, as read from two output
 * folders) and lists every change in meaning, so a reviewer sees what a
 * converter change does to real notices without reading JSON diffs. An added
 * or removed notice is listed as such, without its contents.
 */
export function diffNotices(old: Map<string, NoticeDocument>, new_: Map<string, NoticeDocument>): NoticeDiff {
  const notices = [...new Set([...old.keys(), ...new_.keys()])].sort(compareCodeUnits).flatMap((id): NoticeChange[] => {
    const before = old.get(id);
    const after = new_.get(id);
    if (before === undefined) return after ? [noticeSummary(id, after, 'added')] : [];
    if (after === undefined) return [noticeSummary(id, before, 'removed')];
    const change = diffNotice(id, before, after);
    return change ? [change] : [];
  });
  const opinionTotal = (docs: Map<string, NoticeDocument>): number => [...docs.values()].reduce((sum, doc) => sum + (doc.opinions?.length ?? 0), 0);
  return {
    notices,
    counts: countChanges(notices),
    compared: { oldNotices: old.size, newNotices: new_.size, oldOpinions: opinionTotal(old), newOpinions: opinionTotal(new_) },
  };
}

// ---------------------------------------------------------------- markdown

/** A markdown code span holding `text` verbatim: the fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function quote(text: string | null): string {
  return text === null ? '(none)' : codeSpan(text);
}

function flagText(value: boolean | null, raw: string | null): string {
  return `${String(value)}${raw === null ? '' : ` (${raw})`}`;
}

function placeText(place: string): string {
  return place === 'summary' || place === 'response' ? place : `comment ${place}`;
}

function refText(ref: RefView): string {
  return `${ref.kind} ${codeSpan(ref.canonical)}${ref.raw === ref.canonical ? '' : ` (${codeSpan(ref.raw)})`}`;
}

function diagnosticText(d: DiagnosticView): string {
  const where = d.line === null ? 'no line' : `line ${d.line}${d.opinionId === null ? '' : ` (${d.opinionId})`}`;
  return `${d.severity} ${codeSpan(d.code)} at ${where}: ${codeSpan(shorten(d.message, MAX_VALUE))}`;
}

function listText(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : codeSpan(values.join(' '));
}

/** One list line per change; the switch is exhaustive over {@link DiffEntry}. */
function entryText(entry: DiffEntry): string {
  switch (entry.type) {
    case 'flag': return `revised flag flipped: ${flagText(entry.old, entry.oldRaw)} → ${flagText(entry.new, entry.newRaw)}`;
    case 'outcome': return `outcome: ${entry.old} → ${entry.new}`;
    case 'text': return `${placeText(entry.place)} text: ${codeSpan(entry.inline)}`;
    case 'comment-added': return `comment ${entry.commentId} added (${quote(entry.submitter)}): ${codeSpan(entry.gist)}`;
    case 'comment-removed': return `comment ${entry.commentId} removed (${quote(entry.submitter)}): ${codeSpan(entry.gist)}`;
    case 'submitter': return `comment ${entry.commentId} submitter: ${quote(entry.old)} → ${quote(entry.new)}`;
    case 'ref-gained': return `${placeText(entry.place)} ref gained: ${refText(entry.ref)}`;
    case 'ref-lost': return `${placeText(entry.place)} ref lost: ${refText(entry.ref)}`;
    case 'refers-to': return `refersTo: ${listText(entry.old)} → ${listText(entry.new)}`;
    case 'notice-submitter-added': return `submitter added: ${codeSpan(entry.name)} (${entry.kind})`;
    case 'notice-submitter-removed': return `submitter removed: ${codeSpan(entry.name)} (${entry.kind})`;
    case 'section': return `section ${codeSpan(entry.id)} ${entry.change}: ${quote(entry.old)} → ${quote(entry.new)}`;
    case 'diagnostic-appeared': return `diagnostic appeared: ${diagnosticText(entry.diagnostic)}`;
    case 'diagnostic-disappeared': return `diagnostic disappeared: ${diagnosticText(entry.diagnostic)}`;
    case 'field': return `${entry.field}: ${codeSpan(entry.old)} → ${codeSpan(entry.new)}`;
  }
}

function opinionLines(opinion: OpinionDiff): string[] {
  const head = `- **${opinion.id}** ${codeSpan(opinion.label)}`;
  if (opinion.status !== 'changed') {
    const comments = `${opinion.comments} comment${opinion.comments === 1 ? '' : 's'}`;
    return [`${head} ${opinion.status} (${opinion.outcome}, ${comments}): ${codeSpan(opinion.gist)}`];
  }
  return [head, ...opinion.changes.map((entry) => `  - ${entryText(entry)}`)];
}

function noticeLines(notice: NoticeChange): string[] {
  const heading = `### ${codeSpan(notice.id)}${notice.status === 'changed' ? '' : ` (${notice.status})`}`;
  if (notice.status !== 'changed') {
    return [heading, '', `- ${notice.opinionCount} opinions, ${notice.diagnosticCount} diagnostics: ${quote(notice.title)}`, ''];
  }
  return [heading, '', ...notice.changes.map((entry) => `- ${entryText(entry)}`), ...notice.opinions.flatMap(opinionLines), ''];
}

/** Rows of the counts table: the core rows always, the others when not zero. */
const COUNT_ROWS: ReadonlyArray<readonly [keyof DiffCounts, string, boolean]> = [
  ['noticesChanged', 'notices changed', true],
  ['noticesAdded', 'notices added', false],
  ['noticesRemoved', 'notices removed', false],
  ['opinionsAdded', 'opinions added', true],
  ['opinionsRemoved', 'opinions removed', true],
  ['opinionsChanged', 'opinions changed', true],
  ['flagsFlipped', 'revised flags flipped', true],
  ['outcomesChanged', 'outcomes changed', true],
  ['textsChanged', 'texts changed', true],
  ['commentsAdded', 'comments added', false],
  ['commentsRemoved', 'comments removed', false],
  ['submittersChanged', 'comment submitters changed', true],
  ['noticeSubmittersAdded', 'notice submitters added', false],
  ['noticeSubmittersRemoved', 'notice submitters removed', false],
  ['refsGained', 'refs gained', true],
  ['refsLost', 'refs lost', true],
  ['refersToChanged', 'refersTo changed', false],
  ['sectionsChanged', 'sections changed', false],
  ['diagnosticsAppeared', 'diagnostics appeared', true],
  ['diagnosticsDisappeared', 'diagnostics disappeared', true],
  ['otherFieldsChanged', 'other fields changed', false],
];

function countTable(counts: DiffCounts): string[] {
  const rows = COUNT_ROWS.filter(([key, , core]) => core || counts[key] > 0);
  return ['| change | count |', '|---|---:|', ...rows.map(([key, label]) => `| ${label} | ${counts[key]} |`)];
}

function noteLines(notes: readonly string[]): string[] {
  return notes.length === 0 ? [] : ['', '**Skipped files**', '', ...notes.map((note) => `- ${note}`)];
}

/**
 * The markdown report of a {@link NoticeDiff}, to paste into a pull request:
 * counts at the top, then by notice and by opinion id. When nothing changed
 * it is one line. `notes` (files that were not read) are listed at the end.
 */
export function renderDiffReport(diff: NoticeDiff, labels: { old: string; new: string }, notes: readonly string[] = []): string {
  const { oldNotices, newNotices, oldOpinions, newOpinions } = diff.compared;
  const sides = `${codeSpan(labels.old)} → ${codeSpan(labels.new)}`;
  if (diff.notices.length === 0) {
    return [`No changes in meaning: ${sides} (${newNotices} notices, ${newOpinions} opinions).`, ...noteLines(notes)].join('\n') + '\n';
  }
  return [
    `## pubcom diff: ${sides}`,
    '',
    `Compared ${oldNotices} → ${newNotices} notices, ${oldOpinions} → ${newOpinions} opinions. Formatting, key order, whitespace and line numbers are ignored.`,
    '',
    ...countTable(diff.counts),
    '',
    ...diff.notices.flatMap(noticeLines),
    ...noteLines(notes),
  ].join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '') + '\n';
}

export { compareCodeUnits };
