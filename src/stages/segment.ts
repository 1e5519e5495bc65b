/**
 * Stage 2: text -> segments, one per physical line. PDF converters leave a
 * result notice as a title block, headings (`【…】`, `**…**`, `# …`), header
 * rows, TAB-separated table rows whose cells hold HTML, blank lines (page
 * breaks) and separator junk (`-----⇥--⇥--`). Markdown structure of a
 * non-table line is read with remark-parse.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { PhrasingContent, Root as MdastRoot } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { columnRole, type ColumnRole } from '../normalize/columns.js';

/** A physical line: 1-based number and its offsets in the decoded text (end excludes the line break). */
export interface Line {
  number: number;
  start: number;
  end: number;
  text: string;
}

/** One TAB-separated cell: its raw HTML and where it starts in the decoded text. */
export interface Cell {
  html: string;
  start: number;
  /** 1-based column of the cell's first character on its line. */
  column: number;
}

export type Segment =
  | { type: 'blank'; line: Line }
  | { type: 'separator'; line: Line }
  | { type: 'heading'; line: Line; text: string; style: 'bracket' | 'bold' | 'atx' }
  | { type: 'header'; line: Line; cells: Cell[]; roles: (ColumnRole | null)[] }
  | { type: 'row'; line: Line; cells: Cell[] }
  /** A row that reads like a header (short labels) but names no opinion column pubcom knows. */
  | { type: 'unknown-header'; line: Line; cells: Cell[]; texts: string[] }
  | { type: 'text'; line: Line; text: string };

const markdown = unified().use(remarkParse);

/** Split `text` into physical lines; CRLF, LF and lone CR each end one line (as vfile-location counts). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  let number = 1;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    lines.push({ number: number++, start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  lines.push({ number, start, end: text.length, text: text.slice(start) });
  return lines;
}

export function segment(text: string): Segment[] {
  return splitLines(text).map(classifyLine);
}

function classifyLine(line: Line): Segment {
  if (line.text.trim() === '') return { type: 'blank', line };
  if (line.text.includes('\t')) {
    const cells = splitCells(line);
    if (cells.every((cell) => /^\s*-*\s*$/.test(cell.html)) && /-{3}/.test(line.text)) return { type: 'separator', line };
    const texts = cells.map((cell) => headerText(cell.html));
    const roles = texts.map(columnRole);
    if (isHeaderRow(roles)) return { type: 'header', line, cells, roles };
    if (looksLikeHeader(texts)) return { type: 'unknown-header', line, cells, texts };
    return { type: 'row', line, cells };
  }
  if (/^\s*-{3,}\s*$/.test(line.text)) return { type: 'separator', line };
  return classifyTextLine(line);
}

/** The plain text of a cell that may be a header (`原案<br>該当箇所`); long cells are data, not headers. */
function headerText(html: string): string {
  return html.length > 100 ? '' : toText(fromHtml(html, { fragment: true }));
}

/** A header row names an opinion column and at least one other known column. */
function isHeaderRow(roles: (ColumnRole | null)[]): boolean {
  const known = roles.filter((role) => role !== null);
  return roles.includes('opinion') && known.length >= 2;
}

/**
 * Short labels in every cell, one of them about opinions or answers: a header
 * row in words pubcom does not know yet, which must not become data.
 */
function looksLikeHeader(texts: string[]): boolean {
  const labels = texts.map((text) => text.trim()).filter((text) => text !== '');
  return (
    labels.length >= 2 &&
    labels.every((text) => text.length <= 30 && !/[。．]/.test(text) && !/^意見\s*[0-9０-９]/.test(text)) &&
    labels.some((text) => /意見|考え方|回答|コメント|対応/.test(text))
  );
}

function splitCells(line: Line): Cell[] {
  const cells: Cell[] = [];
  let offset = 0;
  for (const html of line.text.split('\t')) {
    cells.push({ html, start: line.start + offset, column: offset + 1 });
    offset += html.length + 1;
  }
  return cells;
}

function classifyTextLine(line: Line): Segment {
  const tree = markdown.parse(line.text) as MdastRoot;
  const node = tree.children[0];
  if (node?.type === 'heading') return { type: 'heading', line, text: phrasingText(node.children).trim(), style: 'atx' };
  if (node?.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'strong') {
    return { type: 'heading', line, text: phrasingText(node.children[0].children).trim(), style: 'bold' };
  }
  const trimmed = line.text.trim();
  if (/^【[^【】]+】$/.test(trimmed)) return { type: 'heading', line, text: trimmed, style: 'bracket' };
  return { type: 'text', line, text: trimmed };
}

function phrasingText(nodes: PhrasingContent[]): string {
  return nodes
    .map((node) => ('value' in node ? node.value : 'children' in node ? phrasingText(node.children) : ''))
    .join('');
}
