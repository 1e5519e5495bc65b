/**
 * JSON-LD output of one notice (CONTRACT.md "CSV and JSON-LD").
 *
 * The graph uses the terms of `schemas/context.v1.jsonld` (documented in
 * `schemas/README.md`): schema.org where it fits, the project vocabulary
 * `https://w3id.org/pubcom/vocab#` elsewhere. The context is embedded inline
 * as `@context`, so every output file expands offline with any processor.
 *
 * Pure: no I/O. The caller reads the context file (`CONTEXT_FILE` in the
 * `schemas/` folder) once, parses it and passes it to `toJsonLd`.
 *
 * Node ids are `urn:pubcom:<notice id>` plus a fragment (`#op-14`,
 * `#op-14-c1`, `#op-14-response`, `#s-1`, `#section-III`, `#respondent`):
 * deterministic, and free of any path or host of the converting machine.
 */
import type { Comment, CountBreakdown, DraftChanges, NoticeDocument, Opinion, Period, Ref, SourceSpan, Submitter } from '../schema/records.js';

/** File name of the context, in the package's `schemas/` folder. */
export const CONTEXT_FILE = 'context.v1.jsonld';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * The graph of one notice, with `context` embedded as its `@context`.
 *
 * `context` is the parsed context file (`{"@context": {...}}`); the inner
 * context object itself is accepted too. It is copied, not shared.
 */
export function toJsonLd(doc: NoticeDocument, context: object, sourceText: string): object {
  const { notice } = doc;
  const base = `urn:pubcom:${iriSegment(notice.id)}`;
  const sourceId = `${base}#source`;
  const anchor = annotator(sourceText, sourceId);
  const nodeId = (localId: string): string => `${base}#${iriSegment(localId)}`;

  const submitterIds = new Map<string, string>();
  for (const s of notice.submitters) {
    if (!submitterIds.has(s.name)) submitterIds.set(s.name, nodeId(s.id));
  }
  const opinionIds = new Map<string, string>();
  for (const op of doc.opinions) {
    if (!opinionIds.has(op.key)) opinionIds.set(op.key, nodeId(op.id));
  }
  const respondentId = notice.respondent === null ? null : nodeId('respondent');

  const submitterNode = (s: Submitter): JsonObject =>
    withoutNulls({
      '@id': nodeId(s.id),
      '@type': SUBMITTER_TYPE[s.kind],
      identifier: s.id,
      name: s.name,
      submitterKind: s.kind,
      representative: s.representative,
      opinionCount: s.opinionCount,
      opinionCountRaw: s.opinionCountRaw,
      dateReceived: s.received,
      dateReceivedRaw: s.receivedRaw,
      jointWith: s.jointWith.length === 0 ? null : s.jointWith.map(nodeId),
    });

  const authorNamed = (name: string): Json => submitterIds.get(name) ?? { '@type': 'Thing', name };
  /** A joint mark's authors: each named submitter, and people only counted as a blank node with their number. */
  const authorOf = (c: Comment): Json => {
    if (c.jointSubmitters) return c.jointSubmitters.map((part) => (part.name === null ? { '@type': SUBMITTER_TYPE[part.kind], submitterCount: part.count } : authorNamed(part.name)));
    return c.submitter === null ? null : authorNamed(c.submitter);
  };

  const commentNode = (c: Comment): JsonObject =>
    withoutNulls({
      '@id': nodeId(c.id),
      '@type': 'Comment',
      identifier: c.id,
      commentKind: c.kind,
      author: authorOf(c),
      submitterRaw: c.submitterRaw,
      place: c.place,
      text: c.text,
      ref: c.refs.map((r) => refNode(r, anchor)),
      ...anchor(c.source),
    });

  const opinionNode = (op: Opinion): JsonObject => {
    const opId = nodeId(op.id);
    const response: Json =
      op.response === null
        ? null
        : withoutNulls({
            '@id': nodeId(`${op.id}-response`),
            '@type': 'Answer',
            parentItem: opId,
            author: respondentId,
            text: op.response.text,
            refersTo: op.response.refersTo.map((key) => opinionIds.get(key) ?? nodeId(`op-${key}`)),
            sharedWith: op.response.sharedWith.map((key) => opinionIds.get(key) ?? nodeId(`op-${key}`)),
            ref: op.response.refs.map((r) => refNode(r, anchor)),
            ...anchor(op.response.source),
          });
    return withoutNulls({
      '@id': opId,
      '@type': ['Comment', 'Opinion'],
      identifier: op.id,
      key: op.key,
      position: op.number,
      label: op.label,
      section: op.section === null ? null : nodeId(`section-${op.section}`),
      topic: op.topic,
      abstract: op.summary,
      comment: op.comments.map(commentNode),
      response,
      revised: op.revised,
      revisedRaw: op.revisedRaw,
      opinionCount: op.opinionCount,
      opinionCountRaw: op.opinionCountRaw,
      outcome: op.outcome,
      ...anchor(op.source),
    });
  };

  const graph = withoutNulls({
    '@context': structuredClone(innerContext(context)),
    '@id': base,
    '@type': 'Report',
    identifier: notice.id,
    schemaVersion: doc.schemaVersion,
    name: notice.title,
    about: notice.subject,
    publisher:
      respondentId === null || notice.respondent === null
        ? null
        : { '@id': respondentId, '@type': 'GovernmentOrganization', name: notice.respondent },
    consultationPeriod: periodNode(notice.period),
    caseNumber: notice.caseNumber,
    dateDecided: notice.decided?.date ?? null,
    dateDecidedRaw: notice.decided?.raw ?? null,
    legalBasis: notice.legalBasis,
    datePublished: notice.published?.date ?? null,
    datePublishedRaw: notice.published?.raw ?? null,
    submitterCount: notice.submitterCount,
    submitterCountUnit: notice.submitterCountUnit,
    opinionCount: notice.opinionCount,
    unrelatedOpinionCount: notice.unrelatedOpinionCount,
    submitterBreakdown: notice.submitterBreakdown.map(breakdownNode),
    reConsultationPeriod: periodNode(notice.rePeriod),
    reSubmitterCount: notice.reSubmitterCount,
    submitter: notice.submitters.map(submitterNode),
    consultation: notice.consultations.map((c) =>
      withoutNulls({
        '@type': 'Consultation',
        label: c.label,
        about: c.subject,
        consultationPeriod: periodNode(c.period),
        submitterCount: c.submitterCount,
        submitterCountUnit: c.submitterCountUnit,
        submitterBreakdown: c.submitterBreakdown.map(breakdownNode),
        draftChanges: draftChangesNode(c.draftChanges),
        line: c.line,
      }),
    ),
    glossary: notice.glossary.map(({ term, meaning, line }) => ({ '@type': 'DefinedTerm', name: term, description: meaning, line })),
    note: notice.notes.map(({ text, line }) => ({ '@type': 'Note', text, line })),
    draftChanges: draftChangesNode(notice.draftChanges),
    sourceDocument: { '@id': sourceId, sourceFile: notice.source.file, sourceSha256: notice.source.sha256 },
    sourceFile: notice.source.file,
    sourceSha256: notice.source.sha256,
    sourceEncoding: notice.source.encoding,
    coverage: {
      '@type': 'Coverage',
      characters: notice.coverage.characters,
      attributed: notice.coverage.attributed,
      reported: notice.coverage.reported,
      share: notice.coverage.share,
    },
    hasSection: doc.sections.map((s) =>
      withoutNulls({
        '@id': nodeId(`section-${s.id}`),
        '@type': 'Section',
        identifier: s.id,
        label: s.label,
        name: s.title,
        ...anchor(s.source),
      }),
    ),
    hasPart: doc.opinions.map(opinionNode),
    diagnostic: doc.diagnostics.map((d) =>
      withoutNulls({
        '@type': 'Diagnostic',
        severity: d.severity,
        code: d.code,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      }),
    ),
  });
  return graph;
}

/** Pretty-printed JSON with a final newline: the bytes of a `.jsonld` file. */
export function serializeJsonLd(value: object): string {
  return JSON.stringify(value, undefined, 2) + '\n';
}

function breakdownNode(b: CountBreakdown): JsonObject {
  return withoutNulls({ '@type': 'CountBreakdown', label: b.label, count: b.count, unit: b.unit, partOf: b.partOf });
}

function draftChangesNode(changes: DraftChanges | null): JsonObject | null {
  if (changes === null) return null;
  return withoutNulls({
    '@type': 'DraftChanges',
    revised: changes.revised,
    changeCount: changes.changeCount,
    changeCountRaw: changes.changeCountRaw,
    changeAnnex: changes.annex,
    statement: changes.statements.map(({ text, line }) => ({ '@type': 'Statement', text, line })),
  });
}

const SUBMITTER_TYPE: Record<Submitter['kind'], string> = {
  organization: 'Organization',
  individual: 'Person',
  unknown: 'Thing',
};

function periodNode(p: Period | null): Json {
  if (p === null) return null;
  return { '@type': 'Period', startDate: p.start, endDate: p.end, raw: p.raw };
}

/** A ref as a blank `Reference` node; the kind's own fields follow `canonical`, then where it is printed. */
function refNode(r: Ref, anchor: Anchor): JsonObject {
  const head: JsonObject = { '@type': 'Reference', refKind: r.kind, raw: r.raw, canonical: r.canonical, ...anchor(r.source) };
  switch (r.kind) {
    case 'section':
      return { ...head, part: r.part, path: r.path, qualifiers: r.qualifiers };
    case 'page':
      return { ...head, page: r.page };
    case 'annex':
      return { ...head, annex: r.annex, path: r.path };
    case 'table-item':
      return { ...head, item: r.item };
    case 'figure':
      return { ...head, figure: r.figure };
    case 'article':
      return withoutNulls({ ...head, article: r.article, branch: r.branch, paragraph: r.paragraph, articleItem: r.articleItem });
    case 'whole':
    case 'other':
      return head;
  }
}

type Anchor = (span: SourceSpan) => JsonObject;

/** Characters of context on each side of a TextQuoteSelector's `exact`. */
const QUOTE_CONTEXT = 32;

/**
 * Where a record was printed, as a W3C Web Annotation target on the decoded
 * input: a `SpecificResource` with a `TextPositionSelector` (in code points,
 * as the Web Annotation model counts) and a `TextQuoteSelector` with
 * prefix and suffix, so a standard tool can find the quoted text again.
 */
function annotator(text: string, sourceId: string): Anchor {
  const astral = astralOffsets(text);
  const codePoint = (offset: number): number => offset - countBelow(astral, offset);
  return (span) => ({
    startLine: span.startLine,
    endLine: span.endLine,
    sourceSpan: {
      '@type': 'SpecificResource',
      hasSource: sourceId,
      hasSelector: [
        { '@type': 'TextPositionSelector', start: codePoint(span.startOffset), end: codePoint(span.endOffset) },
        {
          '@type': 'TextQuoteSelector',
          exact: text.slice(span.startOffset, span.endOffset),
          prefix: text.slice(Math.max(0, span.startOffset - QUOTE_CONTEXT), span.startOffset),
          suffix: text.slice(span.endOffset, span.endOffset + QUOTE_CONTEXT),
        },
      ],
    },
  });
}

/** UTF-16 offsets of the second halves of surrogate pairs: each is one code unit that is no code point of its own. */
function astralOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) offsets.push(++index);
    }
  }
  return offsets;
}

/** How many of the sorted `offsets` are below `limit`. */
function countBelow(offsets: readonly number[], limit: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The context object to embed: the file's `@context` value, or `context` itself. */
function innerContext(context: object): Json {
  const inner: unknown = '@context' in context ? (context as { '@context': unknown })['@context'] : context;
  return inner as Json;
}

/** A shallow copy without the keys whose value is null (key order kept). */
function withoutNulls(entries: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null) out[key] = value;
  }
  return out;
}

const IRI_KEEP_ASCII = /^[A-Za-z0-9\-._~]$/;
const IRI_KEEP_OTHER = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const utf8 = new TextEncoder();

/**
 * `value` as one IRI path/fragment segment: ASCII other than unreserved
 * characters, and whitespace, control, format, private-use and unpaired
 * surrogate code points are percent-encoded (UTF-8); other Unicode (kana,
 * kanji, …) is kept as is, as IRIs allow. Injective, since `%` is encoded.
 */
function iriSegment(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80 ? IRI_KEEP_ASCII.test(ch) : IRI_KEEP_OTHER.test(ch) && !(cp >= 0xfff0 && cp <= 0xffff)) {
      out += ch;
    } else {
      for (const byte of utf8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}
