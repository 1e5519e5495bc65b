/**
 * The review page of one converted notice: a self-contained HTML document
 * (inline style, no script, no external resource, a CSP that forbids any)
 * showing each opinion as a card beside the source lines it was read from.
 *
 * Pure: the same document and source text give the same bytes. Every piece of
 * text (from the notice, the JSON or the source) is escaped, attribute values
 * included; source lines hold raw HTML of the notices and show as text.
 *
 * Anchors: `#op-…` (an opinion card, its JSON id), `#op-…-c1` (a comment),
 * `#section-III` (a section heading, `section-` + its id), `#L42` (a source
 * line; the first place the line is shown). Fields that later schema versions
 * add are read when present (diagnostic `endLine`, comment `place`,
 * `notice.coverage`) and never required.
 */
import type { Comment, CountBreakdown, Diagnostic, DraftChanges, NoticeDocument, Opinion, Ref, Section, Severity, Submitter } from '../schema/records.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Physical lines as the pipeline counts them: CRLF, LF and a lone CR each end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: 'エラー', warning: '警告', info: '情報' };
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
const OUTCOME_LABEL: Readonly<Record<string, string>> = {
  revised: '修正',
  unchanged: '原案のとおり',
  noted: '参考・承り',
  unknown: '不明',
};
const KIND_LABEL: Readonly<Record<string, string>> = { comment: '意見', 're-opinion': '再意見' };
const SUBMITTER_KIND_LABEL: Readonly<Record<string, string>> = { organization: '法人・団体', individual: '個人', unknown: '不明' };

/** What a 提出者一覧 printed beside a submitter's name, and who submitted with it (a document written before these fields existed has none). */
function listedDetails(submitter: Submitter, all: readonly Submitter[]): string {
  const parts = [
    (submitter.representative ?? null) === null ? null : `代表者 ${submitter.representative}`,
    (submitter.opinionCountRaw ?? null) === null ? null : `意見数 ${submitter.opinionCountRaw}`,
    (submitter.receivedRaw ?? null) === null ? null : `受付日 ${submitter.receivedRaw}`,
    (submitter.jointWith ?? []).length === 0 ? null : `連名 ${(submitter.jointWith ?? []).map((id) => all.find((other) => other.id === id)?.name ?? id).join('、')}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? '' : ` <span class="muted">${escapeHtml(parts.join('・'))}</span>`;
}

export interface RenderOptions {
  /** Shown in a banner above the notice, e.g. that the source is not the one converted. */
  warnings?: readonly string[];
}

/** One HTML5 document for `doc`, with the lines of `sourceText` (the decoded input) beside each opinion. */
export function renderNoticeHtml(doc: NoticeDocument, sourceText: string, options: RenderOptions = {}): string {
  const page = new Page(doc, splitLines(sourceText), options.warnings ?? []);
  return page.render();
}

interface LineDiagnostic {
  diagnostic: Diagnostic;
  /** Index into `doc.diagnostics`: the anchor `d-N` of its entry in the list. */
  index: number;
  /** Whether this line is where the diagnostic starts (the column applies). */
  first: boolean;
}

class Page {
  private readonly usedIds = new Set<string>();
  /** Lines shown in some opinion's source pane: diagnostics there link to them. */
  private readonly paneLines = new Set<number>();
  private readonly diagnosticsByLine = new Map<number, LineDiagnostic[]>();
  private readonly opinionsByKey = new Map<string, Opinion>();
  private readonly sectionsById = new Map<string, Section>();
  /** Key -> opinions whose response defers to it. */
  private readonly referredBy = new Map<string, Opinion[]>();

  constructor(
    private readonly doc: NoticeDocument,
    private readonly lines: readonly string[],
    private readonly warnings: readonly string[],
  ) {
    for (const opinion of doc.opinions) {
      if (!this.opinionsByKey.has(opinion.key)) this.opinionsByKey.set(opinion.key, opinion);
      for (let line = opinion.source.startLine; line <= this.lastLine(opinion.source); line++) this.paneLines.add(line);
      for (const key of opinion.response?.refersTo ?? []) {
        const list = this.referredBy.get(key) ?? [];
        list.push(opinion);
        this.referredBy.set(key, list);
      }
    }
    for (const section of doc.sections) if (!this.sectionsById.has(section.id)) this.sectionsById.set(section.id, section);
    doc.diagnostics.forEach((diagnostic, index) => {
      if (diagnostic.line === null) return;
      const end = Math.max(diagnostic.line, optionalNumber(diagnostic, 'endLine') ?? diagnostic.line);
      for (let line = diagnostic.line; line <= Math.min(end, Math.max(diagnostic.line, lines.length)); line++) {
        const list = this.diagnosticsByLine.get(line) ?? [];
        list.push({ diagnostic, index, first: line === diagnostic.line });
        this.diagnosticsByLine.set(line, list);
      }
    });
  }

  render(): string {
    const notice = this.doc.notice;
    const title = notice.title ?? notice.subject ?? notice.id;
    return [
      '<!DOCTYPE html>',
      '<html lang="ja">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(`${notice.id} — ${title}`)}</title>`,
      `<style>${STYLE}</style>`,
      '</head>',
      '<body>',
      ...this.warnings.map((warning) => `<p class="banner" role="alert">${escapeHtml(warning)}</p>`),
      this.header(),
      this.toc(),
      this.diagnosticsList(),
      '<main>',
      ...this.body(),
      '</main>',
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  /** The last line of `span` to show: a span past the end of the source (a stale JSON) stops one line after it. */
  private lastLine(span: { startLine: number; endLine: number }): number {
    return Math.min(span.endLine, Math.max(span.startLine, this.lines.length + 1));
  }

  /** An id for an element, or null when an earlier element holds it (ids stay unique). */
  private claim(id: string): string | null {
    if (this.usedIds.has(id)) return null;
    this.usedIds.add(id);
    return id;
  }

  private idAttribute(id: string): string {
    const claimed = this.claim(id);
    return claimed === null ? '' : ` id="${escapeHtml(claimed)}"`;
  }

  private header(): string {
    const { notice, opinions, sections, diagnostics } = this.doc;
    const comments = opinions.reduce((sum, opinion) => sum + opinion.comments.length, 0);
    const facts: [string, string][] = [];
    const fact = (label: string, html: string | null): void => {
      if (html !== null) facts.push([label, html]);
    };
    fact('件名', notice.subject === null ? null : escapeHtml(notice.subject));
    fact('回答者', notice.respondent === null ? null : escapeHtml(notice.respondent));
    // Documents written before these fields existed have none of them.
    fact('案件番号', notice.caseNumber ? escapeHtml(notice.caseNumber) : null);
    fact('根拠法令', notice.legalBasis ? escapeHtml(notice.legalBasis) : null);
    if (notice.decided) fact('公布・決定日', `${escapeHtml(notice.decided.raw)} <span class="muted">(${escapeHtml(notice.decided.date)})</span>`);
    fact('意見募集期間', periodHtml(notice.period));
    if (notice.published) fact('公表日', `${escapeHtml(notice.published.raw)} <span class="muted">(${escapeHtml(notice.published.date)})</span>`);
    if (notice.rePeriod !== null) fact('再意見募集期間', periodHtml(notice.rePeriod));
    fact('提出者数', escapeHtml(countText(notice.submitterCount, notice.submitterCountUnit, notice.submitterBreakdown)));
    if (notice.reSubmitterCount !== null) fact('再意見提出者数', escapeHtml(String(notice.reSubmitterCount)));
    // Documents written before these fields existed have none of them.
    if ((notice.opinionCount ?? null) !== null) fact('意見数(記載)', escapeHtml(`${notice.opinionCount}件`));
    if ((notice.unrelatedOpinionCount ?? null) !== null) fact('うち案件外の意見', escapeHtml(`${notice.unrelatedOpinionCount}件`));
    for (const consultation of notice.consultations ?? []) {
      const stated = countText(consultation.submitterCount, consultation.submitterCountUnit, consultation.submitterBreakdown ?? []);
      const changes = consultation.draftChanges ?? null;
      fact(`意見募集 ${consultation.label}`, `${escapeHtml(consultation.subject)}: ${periodHtml(consultation.period)}、提出 ${escapeHtml(stated)}${changes === null ? '' : `、${escapeHtml(draftChangesText(changes))}`}`);
    }
    const glossary = (notice.glossary ?? []).map(({ term, meaning }) => `${term}: ${meaning}`).join('、');
    if (glossary !== '') fact('凡例', escapeHtml(glossary));
    for (const note of notice.notes ?? []) fact('注記', escapeHtml(note.text));
    const changes = notice.draftChanges ?? null;
    if (changes !== null) {
      fact('原案の修正', `${escapeHtml(draftChangesText(changes))} <span class="muted">(${changes.statements.map((statement) => `${statement.line}行: ${escapeHtml(statement.text)}`).join(' / ')})</span>`);
    }
    fact(
      '入力',
      `<code>${escapeHtml(notice.source.file)}</code> <span class="muted">(${escapeHtml(notice.source.encoding)})</span>`,
    );
    fact('SHA-256', `<code class="hash">${escapeHtml(notice.source.sha256)}</code>`);
    const severities = (['error', 'warning', 'info'] as const)
      .map((severity) => `${SEVERITY_LABEL[severity]} ${diagnostics.filter((d) => d.severity === severity).length}`)
      .join('・');
    fact(
      '件数',
      escapeHtml(`意見 ${opinions.length}・コメント ${comments}・節 ${sections.length}・提出者 ${notice.submitters.length}・診断 ${diagnostics.length}(${severities})`),
    );
    const coverage = coverageOf(notice);
    if (coverage !== null) {
      fact(
        'カバー率',
        escapeHtml(`${(coverage.share * 100).toFixed(1)}%(表の文字 ${coverage.characters} 中 ${coverage.attributed} がレコードに、${coverage.reported} が診断に)`),
      );
    }
    const submitters =
      notice.submitters.length === 0
        ? '<p class="muted">提出者の一覧なし</p>'
        : `<ol class="submitters">${notice.submitters
            .map(
              (submitter) =>
                `<li${this.idAttribute(submitter.id)}><span class="name">${escapeHtml(submitter.name)}</span> <span class="chip kind-${escapeHtml(submitter.kind)}">${escapeHtml(SUBMITTER_KIND_LABEL[submitter.kind] ?? submitter.kind)}</span>${listedDetails(submitter, notice.submitters)}</li>`,
            )
            .join('')}</ol>`;
    return [
      '<header class="notice">',
      `<p class="notice-id"><code>${escapeHtml(notice.id)}</code></p>`,
      `<h1>${escapeHtml(notice.title ?? notice.subject ?? notice.id)}</h1>`,
      `<dl class="facts">${facts.map(([label, html]) => `<dt>${escapeHtml(label)}</dt><dd>${html}</dd>`).join('')}</dl>`,
      `<details class="submitters-box"${notice.submitters.length <= 12 ? ' open' : ''}><summary>提出者(${notice.submitters.length})</summary>${submitters}</details>`,
      '</header>',
    ].join('\n');
  }

  private toc(): string {
    if (this.doc.opinions.length === 0) return '<nav class="toc"><p class="muted">意見なし</p></nav>';
    const links = this.doc.opinions
      .map((opinion) => {
        const worst = this.worstSeverity(opinion);
        const mark = worst === null ? '' : ` sev-${escapeHtml(worst)}`;
        return `<a class="toc-link${mark}" href="#${escapeHtml(opinion.id)}">${escapeHtml(shownLabel(opinion))}</a>`;
      })
      .join(' ');
    return `<nav class="toc" aria-label="意見の一覧">${links}</nav>`;
  }

  private worstSeverity(opinion: Opinion): Severity | null {
    let worst: Severity | null = null;
    for (let line = opinion.source.startLine; line <= this.lastLine(opinion.source); line++) {
      for (const { diagnostic } of this.diagnosticsByLine.get(line) ?? []) {
        if (worst === null || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[worst]) worst = diagnostic.severity;
      }
    }
    return worst;
  }

  private diagnosticsList(): string {
    const { diagnostics } = this.doc;
    if (diagnostics.length === 0) return '<section class="diagnostics"><h2>診断</h2><p class="muted">診断なし</p></section>';
    const items = diagnostics.map((diagnostic, index) => {
      const place = diagnostic.line === null ? '' : `L${diagnostic.line}${diagnostic.column === null ? '' : `:${diagnostic.column}`}`;
      let where = '<span class="where muted">位置なし</span>';
      let excerpt = '';
      if (diagnostic.line !== null) {
        if (this.paneLines.has(diagnostic.line)) {
          where = `<a class="where" href="#L${diagnostic.line}">${escapeHtml(place)}</a>`;
        } else {
          // The line is in no opinion's pane (a note between tables, a header row): show it here, as the link target.
          const end = Math.max(diagnostic.line, optionalNumber(diagnostic, 'endLine') ?? diagnostic.line);
          const shown: string[] = [];
          for (let line = diagnostic.line; line <= Math.min(end, diagnostic.line + 20); line++) {
            if (!this.paneLines.has(line)) shown.push(this.sourceLine(line, false));
          }
          where = `<a class="where" href="#L${diagnostic.line}">${escapeHtml(place)}</a>`;
          excerpt = `<div class="src excerpt">${shown.join('')}</div>`;
        }
      }
      return (
        `<li${this.idAttribute(`d-${index + 1}`)} class="diag sev-${escapeHtml(diagnostic.severity)}">` +
        `${where} <span class="sev">${escapeHtml(SEVERITY_LABEL[diagnostic.severity] ?? diagnostic.severity)}</span> ` +
        `<code class="code">${escapeHtml(diagnostic.code)}</code> <span class="message">${escapeHtml(diagnostic.message)}</span>${excerpt}</li>`
      );
    });
    return `<section class="diagnostics"><h2>診断(${diagnostics.length})</h2><ol>${items.join('')}</ol></section>`;
  }

  /** Section headings and opinion cards in document order: a heading comes before the first opinion below it. */
  private body(): string[] {
    const parts: string[] = [];
    const pending = [...this.doc.sections].sort((a, b) => a.source.startLine - b.source.startLine);
    let next = 0;
    for (const opinion of this.doc.opinions) {
      while (next < pending.length && (pending[next]?.source.startLine ?? Infinity) <= opinion.source.startLine) {
        parts.push(this.sectionHeading(pending[next] as Section));
        next++;
      }
      parts.push(this.card(opinion));
    }
    for (; next < pending.length; next++) parts.push(this.sectionHeading(pending[next] as Section));
    return parts;
  }

  private sectionHeading(section: Section): string {
    const label = section.label === null ? '' : `${section.label} `;
    return `<h2 class="section"${this.idAttribute(`section-${section.id}`)}>${escapeHtml(label + section.title)} <span class="line-ref muted">L${section.source.startLine}</span></h2>`;
  }

  private card(opinion: Opinion): string {
    const body: string[] = [];
    const number = opinion.number === null ? `key ${opinion.key}` : `No. ${opinion.number}`;
    body.push(
      '<header class="card-head">',
      `<h3><a class="self" href="#${escapeHtml(opinion.id)}">${escapeHtml(shownLabel(opinion))}</a></h3>`,
      `<span class="muted ident">${escapeHtml(`${number} · ${opinion.id}`)}</span>`,
      this.flag(opinion),
      `<span class="chip outcome outcome-${escapeHtml(opinion.outcome)}" title="outcome: ${escapeHtml(opinion.outcome)}">${escapeHtml(OUTCOME_LABEL[opinion.outcome] ?? opinion.outcome)}</span>`,
      '</header>',
    );
    const meta: string[] = [];
    if (opinion.section !== null) {
      const section = this.sectionsById.get(opinion.section);
      const text = section ? `${section.label === null ? '' : `${section.label} `}${section.title}` : opinion.section;
      meta.push(section ? `<a href="#section-${escapeHtml(section.id)}">${escapeHtml(text)}</a>` : escapeHtml(text));
    }
    if (opinion.topic !== null) meta.push(`<span class="topic">${escapeHtml(opinion.topic)}</span>`);
    if (meta.length > 0) body.push(`<p class="meta">${meta.join(' <span class="muted">›</span> ')}</p>`);
    body.push(
      opinion.summary === null
        ? '<p class="summary absent">(要旨なし)</p>'
        : `<p class="summary">${escapeHtml(opinion.summary)}</p>`,
    );
    if (opinion.comments.length === 0) body.push('<p class="missing">(コメントなし)</p>');
    opinion.comments.forEach((comment, index) => body.push(this.comment(comment, index)));
    body.push(this.response(opinion));
    const referrers = this.referredBy.get(opinion.key) ?? [];
    if (referrers.length > 0) {
      body.push(`<p class="backrefs">この考え方を参照: ${referrers.map((other) => this.opinionLink(other.key)).join('、')}</p>`);
    }
    return [
      `<article class="opinion"${this.idAttribute(opinion.id)}>`,
      `<div class="card">${body.join('\n')}</div>`,
      this.sourcePane(opinion),
      '</article>',
    ].join('\n');
  }

  private flag(opinion: Opinion): string {
    const state = opinion.revised === null ? 'none' : opinion.revised ? 'yes' : 'no';
    const text = opinion.revisedRaw === null ? '修正欄なし' : `修正 ${opinion.revisedRaw}`;
    return `<span class="chip flag flag-${state}" title="revised: ${String(opinion.revised)}">${escapeHtml(text)}</span>`;
  }

  private comment(comment: Comment, index: number): string {
    const submitter =
      comment.submitter === null
        ? '<span class="submitter absent">提出者なし</span>'
        : `<span class="submitter">${escapeHtml(comment.submitter)}</span>`;
    const raw =
      comment.submitterRaw !== null && comment.submitterRaw !== comment.submitter
        ? ` <span class="muted raw">${escapeHtml(comment.submitterRaw)}</span>`
        : '';
    const kind = `<span class="chip kind">${escapeHtml(KIND_LABEL[comment.kind] ?? comment.kind)}</span>`;
    const place = optionalString(comment, 'place');
    return [
      `<section class="comment kind-${escapeHtml(comment.kind)}"${this.idAttribute(comment.id)}>`,
      `<h4>${kind} <span class="muted">${index + 1}.</span> ${submitter}${raw} ${this.spanLink(comment.source)}</h4>`,
      place === null ? '' : `<p class="place"><span class="muted">該当箇所</span> ${escapeHtml(place)}</p>`,
      `<p class="text">${escapeHtml(comment.text)}</p>`,
      this.refs(comment.refs),
      '</section>',
    ].join('');
  }

  private response(opinion: Opinion): string {
    const response = opinion.response;
    const respondent = this.doc.notice.respondent;
    const heading = respondent === null ? '考え方' : `${respondent}の考え方`;
    if (response === null) {
      return `<section class="response"><h4>${escapeHtml(heading)}</h4><p class="missing">(回答なし)</p></section>`;
    }
    const links: string[] = [];
    if (response.refersTo.length > 0) {
      links.push(`<p class="xref">参照先: ${response.refersTo.map((key) => this.opinionLink(key)).join('、')}</p>`);
    }
    const shared = response.sharedWith ?? [];
    if (shared.length > 0) {
      links.push(`<p class="xref">同じ回答: ${shared.map((key) => this.opinionLink(key)).join('、')}</p>`);
    }
    return [
      '<section class="response">',
      `<h4>${escapeHtml(heading)} ${this.spanLink(response.source)}</h4>`,
      `<p class="text">${escapeHtml(response.text)}</p>`,
      ...links,
      this.refs(response.refs),
      '</section>',
    ].join('');
  }

  /** A link to the card of the opinion with `key`, or plain text when the notice has none. */
  private opinionLink(key: string): string {
    const target = this.opinionsByKey.get(key);
    if (!target) return `<span class="xref-missing" title="この告示にない意見">意見 ${escapeHtml(key)}</span>`;
    return `<a class="xref-link" href="#${escapeHtml(target.id)}">${escapeHtml(shownLabel(target))}</a>`;
  }

  private refs(refs: readonly Ref[]): string {
    if (refs.length === 0) return '';
    const chips = refs.map((ref) => {
      const title = escapeHtml(`${ref.kind}: ${ref.canonical}`);
      const content = `${escapeHtml(ref.raw)}${ref.canonical === ref.raw ? '' : ` <span class="canonical">${escapeHtml(ref.canonical)}</span>`}`;
      if (ref.kind === 'section' && this.sectionsById.has(ref.part)) {
        return `<li><a class="ref ref-section" href="#section-${escapeHtml(ref.part)}" title="${title}">${content}</a></li>`;
      }
      return `<li><span class="ref ref-${escapeHtml(ref.kind)}" title="${title}">${content}</span></li>`;
    });
    return `<ul class="refs" aria-label="参照">${chips.join('')}</ul>`;
  }

  /** `L12–14`, linking to the first line in the card's pane. */
  private spanLink(span: { startLine: number; endLine: number }): string {
    const text = span.endLine > span.startLine ? `L${span.startLine}–${span.endLine}` : `L${span.startLine}`;
    return `<a class="line-ref" href="#L${span.startLine}">${escapeHtml(text)}</a>`;
  }

  private sourcePane(opinion: Opinion): string {
    const { startLine, endLine } = opinion.source;
    const rows: string[] = [];
    const last = this.lastLine(opinion.source);
    for (let line = startLine; line <= last; line++) rows.push(this.sourceLine(line, true));
    if (last < endLine) rows.push(`<div class="line missing">(L${last + 1}–${endLine} は入力にない)</div>`);
    const label = endLine > startLine ? `原文 L${startLine}–${endLine}` : `原文 L${startLine}`;
    return `<aside class="src" aria-label="${escapeHtml(label)}"><div class="src-head">${escapeHtml(label)}</div>${rows.join('')}</aside>`;
  }

  /** One numbered source line, highlighted by its diagnostics; in a pane each is noted below it (the list already says it). */
  private sourceLine(line: number, inPane: boolean): string {
    const text = this.lines[line - 1];
    const notes = this.diagnosticsByLine.get(line) ?? [];
    let worst: Severity | null = null;
    for (const { diagnostic } of notes) {
      if (worst === null || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[worst]) worst = diagnostic.severity;
    }
    const classes = ['line', ...(worst === null ? [] : [`sev-${worst}`]), ...(inPane ? [] : ['outside'])].map(escapeHtml);
    const content = text === undefined ? '<span class="missing">(この行は入力にない)</span>' : lineHtml(text, notes);
    const below = (inPane ? notes : [])
      .map(
        ({ diagnostic, index }) =>
          `<div class="line-note sev-${escapeHtml(diagnostic.severity)}"><a href="#d-${index + 1}">${escapeHtml(SEVERITY_LABEL[diagnostic.severity] ?? diagnostic.severity)}</a> <code>${escapeHtml(diagnostic.code)}</code>${diagnostic.column === null ? '' : ` <span class="muted">列 ${escapeHtml(String(diagnostic.column))}</span>`} ${escapeHtml(diagnostic.message)}</div>`,
      )
      .join('');
    return `<div class="${classes.join(' ')}"${this.idAttribute(`L${line}`)}><a class="ln" href="#L${line}">${line}</a><span class="lt">${content}</span></div>${below}`;
  }
}

/** A source line as text: markers at diagnostic columns, TABs shown as cell separators, controls as symbols. */
function lineHtml(text: string, notes: readonly LineDiagnostic[]): string {
  const cuts = [
    ...new Set(
      notes
        .filter((note) => note.first && note.diagnostic.column !== null)
        .map((note) => clampColumn(text, (note.diagnostic.column ?? 1) - 1)),
    ),
  ].sort((a, b) => a - b);
  const pieces: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    pieces.push(textHtml(text.slice(at, cut)));
    const here = notes.filter((note) => note.first && note.diagnostic.column !== null && clampColumn(text, note.diagnostic.column - 1) === cut);
    const severity = here.reduce<Severity>((worst, note) => (SEVERITY_RANK[note.diagnostic.severity] > SEVERITY_RANK[worst] ? note.diagnostic.severity : worst), 'info');
    const title = here.map((note) => `${note.diagnostic.code}: ${note.diagnostic.message}`).join('\n');
    pieces.push(`<span class="at sev-${escapeHtml(severity)}" title="${escapeHtml(title)}"></span>`);
    at = cut;
  }
  pieces.push(textHtml(text.slice(at)));
  return pieces.join('');
}

/** A 0-based code-unit index within `text`, never inside a surrogate pair. */
function clampColumn(text: string, index: number): number {
  let at = Math.max(0, Math.min(index, text.length));
  const before = text.charCodeAt(at - 1);
  if (at > 0 && at < text.length && before >= 0xd800 && before <= 0xdbff) at++;
  return at;
}

function textHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]|\t/g, (character) => {
    if (character === '\t') return '<span class="tab" title="TAB">\t</span>';
    const code = character.charCodeAt(0);
    const picture = code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
    return `<span class="ctl" title="U+${code.toString(16).toUpperCase().padStart(4, '0')}">${picture}</span>`;
  });
}

/** A stated count with its counts by type; a count that breaks another down follows it in parentheses: 団体・事業者 89者(うち金融関係 19者、その他 70者). */
function countText(count: number | null, unit: string | null, breakdown: readonly CountBreakdown[]): string {
  const stated = count === null ? '記載なし' : `${count}${unit ?? ''}`;
  const counted = (part: CountBreakdown): string => `${part.label} ${part.count}${part.unit}`;
  // Documents written before partOf existed have none: every count is its own.
  const partsOf = (label: string): string[] => breakdown.filter((part) => (part.partOf ?? null) === label).map(counted);
  const parts = breakdown
    .filter((part) => (part.partOf ?? null) === null)
    .map((part) => (partsOf(part.label).length > 0 ? `${counted(part)}(うち${partsOf(part.label).join('、')})` : counted(part)));
  return parts.length === 0 ? stated : `${stated}(${parts.join('、')})`;
}

/** What a notice says of its draft, in a few words: 修正あり、4箇所、別添2に記載. */
function draftChangesText(changes: DraftChanges): string {
  return [changes.revised ? '修正あり' : '原案どおり', changes.changeCountRaw, changes.annex === null ? null : `${changes.annex}に記載`].filter((part) => part !== null).join('、');
}

function periodHtml(period: { start: string; end: string; raw: string } | null): string {
  if (period === null) return '<span class="muted">記載なし</span>';
  return `${escapeHtml(period.raw)} <span class="muted">(${escapeHtml(`${period.start} – ${period.end}`)})</span>`;
}

/** `notice.coverage` when the document has it (schema 1.2 and later). */
function coverageOf(notice: object): { characters: number; attributed: number; reported: number; share: number } | null {
  const coverage = (notice as { coverage?: unknown }).coverage;
  if (typeof coverage !== 'object' || coverage === null) return null;
  const { characters, attributed, reported, share } = coverage as Record<string, unknown>;
  if (typeof characters !== 'number' || typeof attributed !== 'number' || typeof reported !== 'number' || typeof share !== 'number') return null;
  return { characters, attributed, reported, share };
}

function optionalNumber(record: object, key: string): number | null {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function optionalString(record: object, key: string): string | null {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

const STYLE = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #5d6670; --line: #d5dbe1; --bg: #f4f6f8; --card: #fff;
  --accent: #0b5cad; --info: #e7f0fb; --info-b: #7aa7d9; --warn: #fff3c4; --warn-b: #d6a400; --err: #fde2e1; --err-b: #c9302c; }
* { box-sizing: border-box; }
html { scroll-padding-top: 0.5rem; }
body { margin: 0; padding: 1rem 1.25rem 3rem; background: var(--bg); color: var(--fg);
  font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.6; }
a { color: var(--accent); }
code { font-family: ui-monospace, monospace; font-size: 0.9em; }
.muted { color: var(--muted); }
.missing { color: var(--err-b); font-style: italic; }
.absent { color: var(--muted); font-style: italic; font-weight: normal; }
.banner { background: var(--err); border: 1px solid var(--err-b); border-radius: 8px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; font-weight: 600; }
header.notice { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
header.notice h1 { font-size: 1.3rem; margin: 0.1rem 0 0.6rem; line-height: 1.4; }
.notice-id { margin: 0; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 1rem; margin: 0 0 0.5rem; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-size: 0.8em; }
ol.submitters { margin: 0.3rem 0 0; padding-left: 1.6rem; columns: 2 22rem; }
ol.submitters li { break-inside: avoid; }
details.submitters-box summary { cursor: pointer; font-weight: 600; color: var(--muted); }
nav.toc { margin: 0.75rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
.toc-link { display: inline-block; padding: 0.05rem 0.5rem; border: 1px solid var(--line); border-radius: 999px; background: var(--card); text-decoration: none; font-size: 0.85rem; }
.toc-link.sev-warning { background: var(--warn); border-color: var(--warn-b); }
.toc-link.sev-error { background: var(--err); border-color: var(--err-b); }
.toc-link.sev-info { border-color: var(--info-b); }
section.diagnostics { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 1rem; margin-bottom: 1rem; }
section.diagnostics h2 { font-size: 1rem; margin: 0.2rem 0; }
section.diagnostics ol { margin: 0; padding-left: 1.6rem; }
li.diag { margin: 0.2rem 0; overflow-wrap: anywhere; }
li.diag .where { font-family: ui-monospace, monospace; font-size: 0.85rem; }
.sev { display: inline-block; padding: 0 0.4rem; border-radius: 4px; font-size: 0.8rem; border: 1px solid var(--line); }
li.sev-info .sev { background: var(--info); border-color: var(--info-b); }
li.sev-warning .sev { background: var(--warn); border-color: var(--warn-b); }
li.sev-error .sev { background: var(--err); border-color: var(--err-b); }
h2.section { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--line); }
h2.section .line-ref { font-size: 0.8rem; font-weight: normal; }
article.opinion { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.75rem; margin: 0 0 1rem; scroll-margin-top: 0.5rem; }
article.opinion:target > .card { outline: 3px solid var(--accent); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.9rem; min-width: 0; }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 0.6rem; }
.card-head h3 { margin: 0; font-size: 1.1rem; }
.card-head h3 a { text-decoration: none; }
.ident { font-size: 0.8rem; }
.chip { display: inline-block; padding: 0 0.45rem; border-radius: 4px; font-size: 0.8rem; border: 1px solid var(--line); background: var(--bg); }
.flag-yes { background: #e3f5e1; border-color: #4c9a45; }
.flag-no { background: #eef0f2; }
.flag-none { color: var(--muted); }
.outcome-revised { background: #e3f5e1; border-color: #4c9a45; }
.outcome-unchanged { background: #eef0f2; }
.outcome-noted { background: var(--info); border-color: var(--info-b); }
.outcome-unknown { background: var(--warn); border-color: var(--warn-b); }
p.meta { margin: 0.3rem 0 0; font-size: 0.85rem; }
p.summary { margin: 0.4rem 0; font-weight: 600; }
p.text { margin: 0.2rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
section.comment { border-left: 3px solid var(--line); padding: 0.1rem 0 0.1rem 0.6rem; margin: 0.5rem 0; }
section.comment.kind-re-opinion { border-left-color: #9b7bd0; }
section.comment h4, section.response h4 { margin: 0; font-size: 0.85rem; font-weight: normal; }
.submitter { font-weight: 600; }
.raw { font-size: 0.8rem; }
p.place { margin: 0.1rem 0; font-size: 0.85rem; }
.line-ref { font-family: ui-monospace, monospace; font-size: 0.8rem; }
section.response { background: #f3f8fd; border: 1px solid #cfe0f1; border-radius: 6px; padding: 0.4rem 0.6rem; margin-top: 0.6rem; }
section.response h4 { font-weight: 600; }
p.xref, p.backrefs { margin: 0.3rem 0 0; font-size: 0.9rem; }
.xref-link { font-weight: 600; }
.xref-missing { color: var(--err-b); text-decoration: line-through dotted; }
ul.refs { list-style: none; margin: 0.3rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
.ref { display: inline-block; padding: 0 0.45rem; border-radius: 999px; font-size: 0.8rem; border: 1px solid var(--line); background: var(--bg); color: var(--fg); text-decoration: none; }
a.ref { border-color: var(--accent); color: var(--accent); }
.canonical { font-family: ui-monospace, monospace; color: var(--muted); font-size: 0.75rem; }
aside.src { background: #fbfbfa; border: 1px solid var(--line); border-radius: 8px; padding: 0.3rem 0; min-width: 0; max-height: 80vh; overflow: auto;
  font-family: ui-monospace, monospace; font-size: 0.75rem; line-height: 1.5; }
.src-head { padding: 0 0.6rem 0.2rem; color: var(--muted); border-bottom: 1px solid var(--line); margin-bottom: 0.2rem; font-family: system-ui, sans-serif; }
.line { display: grid; grid-template-columns: 3.2em minmax(0, 1fr); gap: 0.5em; padding: 0 0.6rem 0 0; }
.line:target { outline: 2px solid var(--accent); }
.ln { text-align: right; color: var(--muted); text-decoration: none; user-select: none; }
.lt { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 2; }
.line.sev-info { background: var(--info); }
.line.sev-warning { background: var(--warn); box-shadow: inset 3px 0 var(--warn-b); }
.line.sev-error { background: var(--err); box-shadow: inset 3px 0 var(--err-b); }
.line-note { margin: 0 0.6rem 0.2rem 3.7em; padding: 0 0.4rem; font-family: system-ui, sans-serif; font-size: 0.75rem; border-left: 3px solid var(--info-b); overflow-wrap: anywhere; }
.line-note.sev-warning { border-left-color: var(--warn-b); }
.line-note.sev-error { border-left-color: var(--err-b); }
.tab { box-shadow: inset 1px 0 #b9c2cc; }
.ctl { color: var(--err-b); }
.at::before { content: "\\25B6"; font-size: 0.7em; vertical-align: 0.15em; }
.at.sev-info::before { color: var(--info-b); }
.at.sev-warning::before { color: var(--warn-b); }
.at.sev-error::before { color: var(--err-b); }
.src.excerpt { margin: 0.2rem 0; border: 1px solid var(--line); border-radius: 6px; background: #fbfbfa; font-family: ui-monospace, monospace; font-size: 0.75rem; }
@media (max-width: 900px) { article.opinion { grid-template-columns: minmax(0, 1fr); } aside.src { max-height: 50vh; } }
@media print { aside.src { max-height: none; } }
`
  .trim()
  .replace(/\n\s*/g, '\n');

/** The label as printed; an opinion of a table without labels (label "") shows its key, `#3`, so its links have text. */
function shownLabel(opinion: Opinion): string {
  return opinion.label === '' ? `#${opinion.key}` : opinion.label;
}
