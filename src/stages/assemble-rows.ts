/**
 * Stage 5: segments -> sections and opinion drafts. A row whose opinion cell
 * starts with `意見N` (or whose number cell is filled) opens an opinion; rows
 * without one continue it: detail rows with their own comments, a response or
 * flag on a later row, the rest of a cell cut by a page break. Repeated header
 * rows map columns by their header text.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { respondentFrom, type ColumnRole } from '../normalize/columns.js';
import { opinionKey } from '../normalize/outcome.js';
import { parseSectionHeading } from '../normalize/sections.js';
import type { Paragraph } from './cell-text.js';
import type { Line, Segment } from './segment.js';

/** The paragraphs one row contributes to one column of an opinion. */
export interface RowPart {
  line: number;
  paragraphs: Paragraph[];
  /** A blank line (a page break of the PDF) separates this row from the one before. */
  afterBreak: boolean;
}

export interface SectionDraft {
  id: string;
  label: string | null;
  title: string;
  line: number;
}

export interface OpinionDraft {
  label: string;
  key: string;
  section: string | null;
  topic: string | null;
  startLine: number;
  endLine: number;
  parts: Record<ColumnRole, RowPart[]>;
}

export interface Draft {
  /** Text lines before the first heading or table: the notice's title block. */
  titleBlock: { line: Line; text: string }[];
  sections: SectionDraft[];
  opinions: OpinionDraft[];
  /** From the response column's header (総務省の考え方), when it names a body. */
  respondent: string | null;
  hasFlagColumn: boolean;
}

/** A row's cells as paragraphs; supplied by the pipeline (stages 3 and 4). */
export type CellReader = (line: number, cellIndex: number) => Paragraph[];

const LABEL = /^(意見\s*[0-9０-９]+(?:\s*[-－‐]\s*[0-9０-９]+)*)(?![0-9０-９])/;

export function assembleRows(segments: readonly Segment[], readCell: CellReader, file: VFile): Draft {
  const draft: Draft = { titleBlock: [], sections: [], opinions: [], respondent: null, hasFlagColumn: false };
  let roles: (ColumnRole | null)[] | null = null;
  let section: SectionDraft | null = null;
  let opinion: OpinionDraft | null = null;
  let afterBreak = false;
  let inBody = false;

  for (const segment of segments) {
    switch (segment.type) {
      case 'blank':
        afterBreak = true;
        continue;
      case 'separator':
        continue;
      case 'heading':
        if (!inBody && segment.style === 'atx' && draft.titleBlock.length === 0) {
          draft.titleBlock.push({ line: segment.line, text: segment.text });
          continue;
        }
        inBody = true;
        section = newSection(segment.text, segment.line, draft.sections);
        draft.sections.push(section);
        opinion = null;
        continue;
      case 'header':
        inBody = true;
        roles = segment.roles;
        draft.hasFlagColumn ||= roles.includes('flag');
        draft.respondent ??= responseHeaderRespondent(segment.cells.map((cell) => cell.html), roles);
        opinion = null;
        afterBreak = false;
        continue;
      case 'unknown-header':
        inBody = true;
        roles = null;
        opinion = null;
        report(
          file,
          'unknown-header',
          `Unexpected header row ${segment.texts.map((text) => `「${text}」`).join(' ')}, expected an opinion column (提出された意見, 御意見の概要, …) and a response column (…の考え方, 回答)`,
          at(segment.line),
        );
        continue;
      case 'text':
        if (inBody) {
          report(file, 'unattributed-text', `Unexpected text outside any table: ${preview(segment.text)}`, at(segment.line));
        } else {
          draft.titleBlock.push({ line: segment.line, text: segment.text });
        }
        continue;
      case 'row': {
        if (!roles) {
          if (inBody) report(file, 'unattributed-text', `Unexpected table row before any header row: ${preview(segment.line.text)}`, at(segment.line));
          else draft.titleBlock.push({ line: segment.line, text: segment.line.text });
          continue;
        }
        const cells = readRow(segment.line, segment.cells.length, roles, readCell, file);
        const opens = openingLabel(cells);
        if (opens) {
          opinion = newOpinion(opens, section, segment.line.number);
          draft.opinions.push(opinion);
        } else if (!opinion) {
          const text = Object.values(cells).flat().map((p) => p.text).join(' ');
          if (text !== '') report(file, 'unattributed-text', `Unexpected row without an opinion label before any opinion, expected 意見N: ${preview(text)}`, at(segment.line));
          afterBreak = false;
          continue;
        }
        for (const [role, paragraphs] of Object.entries(cells) as [ColumnRole, Paragraph[]][]) {
          if (paragraphs.length > 0) opinion.parts[role].push({ line: segment.line.number, paragraphs, afterBreak });
        }
        opinion.endLine = segment.line.number;
        afterBreak = false;
      }
    }
  }
  return draft;
}

/** The row's paragraphs by column role; cells beyond the header are reported, not dropped silently. */
function readRow(line: Line, cellCount: number, roles: (ColumnRole | null)[], readCell: CellReader, file: VFile): Partial<Record<ColumnRole, Paragraph[]>> {
  const cells: Partial<Record<ColumnRole, Paragraph[]>> = {};
  if (cellCount !== roles.length) {
    report(file, 'row-cell-count', `Unexpected row with ${cellCount} cells, expected ${roles.length} as in its header row`, at(line));
  }
  for (let index = 0; index < cellCount; index++) {
    const paragraphs = readCell(line.number, index);
    const role = roles[index];
    if (role) {
      cells[role] = [...(cells[role] ?? []), ...paragraphs];
    } else if (paragraphs.length > 0) {
      const first = paragraphs[0];
      report(file, 'unattributed-text', `Unexpected text in a column without a known header: ${preview(paragraphs.map((p) => p.text).join(' '))}`, first ? { line: first.line, column: 1 + first.start - line.start, offset: first.start } : at(line));
    }
  }
  return cells;
}

/** The label that opens an opinion: the number column's text, or `意見N` at the start of the opinion cell. */
function openingLabel(cells: Partial<Record<ColumnRole, Paragraph[]>>): { label: string; key: string } | null {
  const number = cells.number?.map((p) => p.text).join('').trim();
  if (number) return { label: number, key: opinionKey(number.replace(/^(?:No\.?|NO\.?|№)\s*/, '')) };
  const first = cells.opinion?.[0]?.text;
  const match = first ? LABEL.exec(first) : null;
  return match?.[1] ? { label: match[1], key: opinionKey(match[1].replace(/^意見/, '')) } : null;
}

function newOpinion(opens: { label: string; key: string }, section: SectionDraft | null, line: number): OpinionDraft {
  return {
    ...opens,
    section: section?.id ?? null,
    topic: null,
    startLine: line,
    endLine: line,
    parts: { opinion: [], response: [], flag: [], number: [], place: [], submitter: [], 're-opinion': [] },
  };
}

function newSection(text: string, line: Line, existing: readonly SectionDraft[]): SectionDraft {
  const heading = parseSectionHeading(text);
  const taken = (id: string): boolean => existing.some((section) => section.id === id);
  const id = heading.number && !taken(heading.number) ? heading.number : `sec-${existing.length + 1}`;
  return { id, label: heading.label, title: heading.title, line: line.number };
}

function responseHeaderRespondent(cells: string[], roles: (ColumnRole | null)[]): string | null {
  const index = roles.indexOf('response');
  return index >= 0 ? respondentFrom(cells[index] ?? '') : null;
}

function at(line: Line): { line: number; column: number; offset: number } {
  return { line: line.number, column: 1, offset: line.start };
}

/** The first characters of a text, for a message that fits on one line. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
