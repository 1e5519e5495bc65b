/**
 * Stage 2: text -> blocks. PDF converters leave a result notice either as
 * lines (a title block, headings `【…】` / `**…**` / `# …`, TAB-separated rows
 * whose cells hold HTML, GFM pipe tables, blank lines at page breaks and
 * separator junk `-----⇥--⇥--`) or as an HTML document with `<table>`s, or
 * as pdftotext's word boxes (an XHTML page of words and their places,
 * word-boxes.ts). Markdown is read with remark-parse (+ remark-gfm for pipe
 * tables), HTML with rehype-parse; every position refers to the whole input
 * file.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent, Text } from 'hast';
import { decodeHTMLStrict } from 'entities';
import { toText } from 'hast-util-to-text';
import type { PhrasingContent, Root as MdastRoot, Table } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { cellPlainText, descendants, rowCellText, tableRows, textLineBlock, type Block, type CellNode, type RowBlock } from './blocks.js';
import { report } from '../diagnostics.js';
import { closingList, isClosingHeading } from './closing-list.js';
import { hasLabelledParagraphs, labelledBlocks } from './labelled.js';
import { hasProseByTopic, proseBlocks } from './prose.js';
import { categoryBlocks, hasCategoryLists } from './category-lists.js';
import { hasStackedCells, stackedBlocks } from './stacked-cells.js';
import { lineCell } from './parse-cells.js';
import { csvRows, hasSpreadsheetQuoting, spreadsheetRecord } from './spreadsheet-rows.js';
import { continuationRow, isHeaderRow, mergedRow, spacedHeaderRow, type SplitRow } from './laid-out-rows.js';
import { PAGE_NUMBER } from './pdf-lines.js';
import { columnRole, type ColumnRole } from '../normalize/columns.js';
import { dashRuledTable } from './dash-ruled.js';
import { markdownToHast } from './markdown-cell.js';
import { spannedGridTable } from './grid-table.js';
import { isWordBoxPage, wordBoxBlocks } from './word-boxes.js';
import { isPandocGrid, isTextArtBorder, isTextArtLine, textArtTable } from './text-art.js';
import { pushAll, pushReversed } from '../arrays.js';

/** A physical line: 1-based number and its offsets in the decoded text (end excludes the line break). */
export interface Line {
  number: number;
  start: number;
  end: number;
  text: string;
}

const markdown = unified().use(remarkParse);
const gfm = unified().use(remarkParse).use(remarkGfm);
const htmlDocument = unified().use(rehypeParse);

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

/**
 * Text extracted from a vertical-writing (縦書き) PDF comes out one character
 * per line; no table can be read from it, so it is refused rather than misread.
 */
export function looksVertical(text: string): boolean {
  let lines = 0;
  let single = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    lines++;
    if (trimmed.length === 1 || (trimmed.length === 2 && (trimmed.codePointAt(0) as number) > 0xffff)) single++;
  }
  return lines >= 20 && single >= lines * 0.6;
}

/** A text that opens as an HTML document does. */
const HTML_DOCUMENT_START = /^\s*(?:<!doctype html|<html[\s>])/i;

/** An HTML document (or fragment) with a table, rather than converter lines with HTML cells. */
export function isHtmlDocument(text: string, fileName: string): boolean {
  if (/\.html?$/i.test(fileName)) return true;
  return HTML_DOCUMENT_START.test(text) || (/<table[\s>]/i.test(text) && !/\t/.test(text));
}

/** A markdown file whose tables are HTML (pandoc writes a table with merged cells so): read as the page its markdown renders. */
function isMarkdownWithHtmlTables(text: string, fileName: string): boolean {
  return /\.(?:md|markdown)$/i.test(fileName) && /<table[\s>]/i.test(text) && !HTML_DOCUMENT_START.test(text);
}

export function segment(text: string, fileName: string, file: VFile): Block[] {
  if (/\.csv$/i.test(fileName)) return csvRows(splitLines(text), file);
  if (isMarkdownWithHtmlTables(text, fileName)) return segmentTree(markdownPage(text), text, file);
  if (!isHtmlDocument(text, fileName)) return segmentLines(splitLines(text), file);
  const tree = htmlDocument.parse(text) as HastRoot;
  return isWordBoxPage(tree) ? wordBoxBlocks(tree, file) : segmentTree(tree, text, file);
}

/** The HTML a markdown text renders (remark-gfm, its raw HTML parsed in place by hast-util-raw), positions in the text. */
function markdownPage(text: string): HastRoot {
  const mdast = gfm.runSync(gfm.parse(text)) as MdastRoot;
  const tree = markdownToHast(mdast, text) as HastRoot;
  const stack: Node[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    dropHalfPosition(node);
    if ('children' in node && Array.isArray(node.children)) pushAll(stack, node.children as Node[]);
  }
  return tree;
}

function segmentLines(lines: Line[], file: VFile): Block[] {
  const markdownOf = parseMarkdownLines(lines);
  const hasTable = lines.some((line, index) => line.text.includes('\t') || isPipeRow(line.text) || opensBarePipeTable(lines, index));
  if (!hasTable) {
    // A label may be printed as a markdown heading or bold line (`### 意見1`, `**考え方**`): the labelled reader sees its words.
    const printed = lines.map((line) => printedLine(line, markdownOf));
    const originalOf = new Map(printed.map((view, index) => [view, lines[index] as Line]));
    const classify = (line: Line): Block => classifyPlainLine(originalOf.get(line) ?? line, markdownOf);
    if (hasLabelledParagraphs(printed)) return labelledBlocks(printed, classify, file);
    if (hasProseByTopic(printed)) return proseBlocks(printed, classify, file);
    if (hasCategoryLists(printed)) return categoryBlocks(printed, classify, file);
    if (hasStackedCells(printed)) return stackedBlocks(printed, classify, file);
  }
  const blocks: Block[] = [];
  /** The column roles of the latest header row (of TAB cells, or of words parted by spaces): what a row whose TABs were lost (hard case 10) is split into. */
  let tableRoles: (ColumnRole | null)[] | null = null;
  /** The latest row split at its gaps, and the block that holds its text last: a page may cut it, and the next page go on with it. */
  const split: { row: SplitRow | null; block: RowBlock | null } = { row: null, block: null };
  /** Whether the lines the page cut that were read last ended where the next row opens (text under a column their first line left blank). */
  let opensRowNext = false;
  const quoting = hasSpreadsheetQuoting(lines);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    const record = quoting ? spreadsheetRecord(lines, index, file) : null;
    const ruled = record ? null : dashRuledTable(lines, index, file);
    const merged: ReturnType<typeof mergedRow> = !record && !ruled && tableRoles && inTable(blocks) ? mergedRow(lines, index, tableRoles, opensRowNext || opensRow(blocks.at(-1)), split.row, file) : null;
    const spacedHeader: { row: RowBlock; last: number } | null = record || ruled || merged ? null : spacedHeaderRow(lines, index, file);
    const continued: ReturnType<typeof continuationRow> = record || ruled || merged || spacedHeader || !split.row || !split.block || !pageEndedSince(blocks, split.block, lines, index) ? null : continuationRow(lines, index, split.row, file);
    if (merged) [split.row, split.block] = [merged.split, merged.row];
    if (continued) split.block = continued.row;
    opensRowNext = continued?.opensRow ?? false;
    if (record) {
      blocks.push(record.row);
      if (isHeaderRow(record.row.texts)) tableRoles = record.row.texts.map(columnRole);
      index = record.last;
    } else if (ruled) {
      pushAll(blocks, ruled.blocks);
      index = ruled.last;
    } else if (merged || continued) {
      const { row, last } = (merged ?? continued) as { row: RowBlock; last: number };
      blocks.push(row);
      index = last;
    } else if (spacedHeader) {
      blocks.push(spacedHeader.row);
      tableRoles = spacedHeader.row.texts.map(columnRole);
      index = spacedHeader.last;
    } else if (isTextArtBorder(line.text)) {
      let end = index;
      while (end + 1 < lines.length && isTextArtLine((lines[end + 1] as Line).text)) end++;
      const table = lines.slice(index, end + 1);
      const markdown = isPandocGrid(table);
      pushAll(blocks, spannedGridTable(table, file, markdown) ?? textArtTable(table, file, markdown));
      index = end;
    } else if (isPipeRow(line.text) || opensBarePipeTable(lines, index)) {
      const inRun = isPipeRow(line.text) ? isPipeRow : isBarePipeRow;
      let end = index;
      while (end + 1 < lines.length && inRun((lines[end + 1] as Line).text)) end++;
      pushAll(blocks, pipeTable(lines.slice(index, end + 1), markdownOf, file));
      index = end;
    } else {
      const block = classifyLine(line, markdownOf, file);
      const heading = block.type === 'heading' || block.type === 'text' ? block : null;
      // A closing list follows the opinion table: before any table row, such a heading stays a line of the notice.
      const list = heading && isClosingHeading(heading.text) && blocks.some((seen) => seen.type === 'row') ? closingList(lines, index, file) : null;
      if (heading && list) {
        blocks.push(heading.type === 'heading' ? heading : { ...heading, type: 'heading', style: 'plain', depth: 0 });
        pushAll(blocks, list.items);
        index = list.last;
      } else {
        blocks.push(block);
        if (block.type === 'row' && isHeaderRow(block.texts)) tableRoles = block.texts.map(columnRole);
      }
    }
  }
  return blocks;
}

/** Is the latest block a table row, past page breaks, lines of text among its rows (a cell's text hard-wrapped onto a line of its own) and section headings (`【第2条関係】`) across them? */
function inTable(blocks: readonly Block[]): boolean {
  return blocks.findLast((block) => block.type !== 'break' && block.type !== 'text' && block.type !== 'heading')?.type === 'row';
}

/** Does a row open after `block` in a table whose rows need no key: after a blank line, a section heading or the header? */
function opensRow(block: Block | undefined): boolean {
  return block?.type === 'break' || block?.type === 'heading' || (block?.type === 'row' && isHeaderRow(block.texts));
}

/** A number alone on its line: `1`, `１２`. */
const BARE_NUMBER = /^\s*[0-9０-９]{1,4}\s*$/;

/**
 * Has a page ended since `row`, and nothing but page furniture come between:
 * blank lines, a page number (`- 3 -`, or `3` alone), the form feed that opens
 * a page in pdftotext's output (on the line at `index` too), the header printed again? A blank line
 * alone is no page end: text below the table may stand where a column does.
 */
function pageEndedSince(blocks: readonly Block[], row: RowBlock, lines: readonly Line[], index: number): boolean {
  let pageEnded = (lines[index] as Line).text.includes('\f');
  for (let at = blocks.length - 1; at >= 0; at--) {
    const block = blocks[at] as Block;
    if (block === row) return pageEnded;
    const header = block.type === 'row' && isHeaderRow(block.texts);
    const text = (lines[block.line - 1] as Line).text;
    // A page number alone (`1`), which a line of text could be too, is furniture only here, under a table's row.
    const pageNumber = PAGE_NUMBER.test(text) || (block.type === 'text' && BARE_NUMBER.test(text));
    if (block.type !== 'break' && !header && !pageNumber) return false;
    pageEnded ||= header || pageNumber || text.includes('\f');
  }
  return false;
}

function isPipeRow(text: string): boolean {
  return /^\s*\|.*\|\s*$/.test(text);
}

/** A GFM delimiter row, with or without its outer pipes (`--- | :---:`). */
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;

/** A GFM table may leave out its outer pipes (`番号 | 意見` over `--- | ---`): a line with a pipe over a delimiter row opens one. */
function opensBarePipeTable(lines: readonly Line[], index: number): boolean {
  const [line, next] = [lines[index], lines[index + 1]];
  return line !== undefined && next !== undefined && isBarePipeRow(line.text) && DELIMITER_ROW.test(next.text);
}

function isBarePipeRow(text: string): boolean {
  return text.includes('|') && !text.includes('\t');
}

/** `-----⇥--⇥--` (FORMATS.md hard case 4): a row of dashes a converter left between rows, which holds no text. */
function isJunkRow(cells: readonly string[]): boolean {
  return cells.every((cell) => /^\s*-*\s*$/.test(cell)) && cells.some((cell) => /-{3}/.test(cell));
}

/**
 * The rows of a table, a row of dashes alone (`| ----- | -- | -- |`) as the
 * separator it is in TAB rows. Its dashes are no text: a rowspan carries
 * none of them into the rows below.
 */
function tableBlocks(table: Element): Block[] {
  const junk = new Set<number>();
  return tableRows(table).map((row): Block => {
    if (isJunkRow(row.texts)) {
      for (const cell of row.cells) if (cell) junk.add(cell.offset);
      return { type: 'separator', line: row.line };
    }
    if (!row.cells.some((cell) => cell?.fromRowspan && junk.has(cell.offset))) return row;
    const cells = row.cells.map((cell) => (cell?.fromRowspan && junk.has(cell.offset) ? null : cell));
    return { ...row, cells, texts: cells.map(rowCellText) };
  });
}

/** A line without a TAB that still starts like a table row (`<p>…`, `意見3 …`): a row cut short, not prose. */
const ROW_START = /^\s*(?:<(?:p|ul|ol|div|span|br)[\s>/]|意見\s*[0-9０-９])/i;

function classifyLine(line: Line, markdownOf: MarkdownOf, file: VFile): Block {
  if (line.text.trim() === '' || (!line.text.includes('\t') && !ROW_START.test(line.text))) return classifyPlainLine(line, markdownOf);
  const htmlCells = line.text.split('\t');
  if (isJunkRow(htmlCells)) return { type: 'separator', line: line.number };
  let column = 1;
  const cells: CellNode[] = htmlCells.map((html) => {
    const cell = lineCell(line, column - 1, column - 1 + html.length, file);
    column += html.length + 1;
    return cell;
  });
  return { type: 'row', line: line.number, endLine: line.number, start: line.start, end: line.end, cells, texts: cells.map(rowCellText) };
}

/** A line that is no table row: a page break, a separator, a heading or text. */
function classifyPlainLine(line: Line, markdownOf: MarkdownOf): Block {
  if (line.text.trim() === '' || PAGE_NUMBER.test(line.text)) return { type: 'break', line: line.number };
  if (/^\s*-{3,}\s*$/.test(line.text)) return { type: 'separator', line: line.number };
  return classifyTextLine(line, markdownOf);
}

/** Only a line that starts like markdown (`#`, `*`, `_`) can be a markdown heading or a bold line: the others skip remark. */
const MARKDOWN_START = /^\s{0,3}(?:#|\*\*|__)/;

/** The first markdown node of a line's own parse, by line number. */
type MarkdownOf = ReadonlyMap<number, MdastRoot['children'][number]>;

/**
 * Each line that starts like markdown, read as a markdown document of its own.
 * They are parsed in one remark run, separated by blank lines (which end
 * every block such a line can open: heading, paragraph, thematic break), as
 * remark's set-up per run costs more than a short line's parse.
 */
function parseMarkdownLines(lines: readonly Line[]): MarkdownOf {
  const candidates = lines.filter((line) => MARKDOWN_START.test(line.text) && !line.text.includes('\t'));
  const nodes = new Map<number, MdastRoot['children'][number]>();
  if (candidates.length === 0) return nodes;
  const tree = markdown.parse(candidates.map((line) => line.text).join('\n\n')) as MdastRoot;
  for (const node of tree.children) {
    // Candidate i is on line 2i + 1 of the joined text.
    const candidate = candidates[((node.position?.start.line ?? 0) - 1) / 2];
    if (candidate && !nodes.has(candidate.number)) nodes.set(candidate.number, node);
  }
  return nodes;
}

/** A backslash that ends a line of markdown, itself not escaped: a hard line break. */
const HARD_BREAK = /(?<!\\)\\$/;

function classifyTextLine(line: Line, markdownOf: MarkdownOf): Block {
  const column = line.text.length - line.text.trimStart().length + 1;
  const trimmed = line.text.trim();
  if (!MARKDOWN_START.test(line.text)) {
    // A line of the notice is markdown (or a cell's HTML), where `&amp;` prints `&`, as it does on a bold line that remark reads,
    // and a backslash ending it is a line break (pandoc's `令和4年9月30日\` over `消費者庁`), which prints nothing.
    const text = decodeHTMLStrict(trimmed.replace(HARD_BREAK, ''));
    return textLineBlock(text, line.number, column);
  }
  const node = markdownOf.get(line.number);
  if (node?.type === 'heading') {
    return { type: 'heading', line: line.number, column, text: phrasingText(node.children).trim(), style: 'atx', depth: node.depth };
  }
  if (node?.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'strong') {
    return { type: 'heading', line: line.number, column, text: phrasingText(node.children[0].children).trim(), style: 'bold', depth: 0 };
  }
  return textLineBlock(trimmed, line.number, column);
}

/** A markdown heading or bold line as the words it prints (`### 意見1` -> `意見1`, offsets moved with them); any other line as it is. */
function printedLine(line: Line, markdownOf: MarkdownOf): Line {
  const node = markdownOf.get(line.number);
  const words = node?.type === 'heading' ? node.children : node?.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'strong' ? node.children[0].children : null;
  // Each line was parsed as a line of its own, so a column of its parse is a column of the line.
  const [from, to] = [words?.[0]?.position?.start.column, words?.at(-1)?.position?.end.column];
  if (from === undefined || to === undefined) return line;
  return { number: line.number, start: line.start + from - 1, end: line.start + to - 1, text: line.text.slice(from - 1, to - 1) };
}

function phrasingText(nodes: PhrasingContent[]): string {
  return nodes.map((node) => ('value' in node ? node.value : 'children' in node ? phrasingText(node.children) : '')).join('');
}

/**
 * A run of `| … |` lines: a GFM table (remark-gfm), its cells turned into hast
 * (inline HTML such as `<br>` parsed too). A converter may leave out the
 * `|---|` delimiter row that GFM requires: the run is then parsed again with
 * one after its first line, and a `pipe-delimiter-missing` info says so.
 */
function pipeTable(lines: Line[], markdownOf: MarkdownOf, file: VFile): Block[] {
  const first = lines[0] as Line;
  const last = lines.at(-1) as Line;
  let element = gfmTable(lines);
  if (!element && lines.length > 1) {
    const delimiter = { ...first, start: first.end, text: `|${' --- |'.repeat(pipeCellCount(first.text))}` };
    element = gfmTable([first, delimiter, ...lines.slice(1)]);
    if (element) report(file, 'pipe-delimiter-missing', 'Unexpected pipe table without its |---| row, expected one below the first row: read as if it were there', { line: first.number, column: 1, offset: first.start });
  }
  if (!element) return lines.map((line) => classifyTextLine(line, markdownOf));
  return [...tableBlocks(element), { type: 'table-end', line: last.number }];
}

/** The table element of a GFM parse of `lines`, positions in the input file; null when they hold no table. */
function gfmTable(lines: Line[]): Element | null {
  const source = lines.map((line) => line.text).join('\n');
  const tree = gfm.runSync(gfm.parse(source)) as MdastRoot;
  const table = tree.children.find((node): node is Table => node.type === 'table');
  if (!table) return null;
  const hast = markdownToHast(table, source);
  moveToFile(hast, lines);
  return hast.type === 'element' ? hast : ((hast.children.find((node) => node.type === 'element') as Element | undefined) ?? null);
}

/** How many cells GFM reads in a row: its pipes that no backslash escapes, less the outer ones. */
function pipeCellCount(text: string): number {
  const pipes = text.trim().match(/(?<!\\)\|/g)?.length ?? 0;
  return Math.max(1, pipes - 1);
}

/**
 * Positions of a parse of `lines` joined by LF, moved to the input file (whose
 * line breaks may be CRLF), half positions dropped (`<td>` inside a pipe-table cell).
 */
function moveToFile(tree: Node, lines: Line[]): void {
  const stack: Node[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    dropHalfPosition(node);
    if (node.position) {
      for (const point of [node.position.start, node.position.end]) {
        const line = lines[point.line - 1];
        if (!line) continue;
        point.line = line.number;
        point.offset = line.start + point.column - 1;
      }
    }
    if ('children' in node && Array.isArray(node.children)) pushAll(stack, node.children as Node[]);
  }
}

/** hast-util-raw leaves an element that raw HTML closed early a position without an end: dropped, as if the parser had given none. */
function dropHalfPosition(node: Node): void {
  if (node.position && !(node.position.start && node.position.end)) delete node.position;
}

/** An HTML document: headings, paragraphs and tables of its body, in document order. */
function segmentTree(tree: HastRoot, text: string, file: VFile): Block[] {
  const body = findBody(tree);
  const blocks: Block[] = [];
  /** Each paragraph or heading with its block: the labelled-paragraph reader takes them where there is no table. */
  const paragraphs: { node: Element; block: Block }[] = [];
  const stack: RootContent[] = withAnonymousParagraphs(body, text).reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type !== 'element') continue;
    const start = node.position?.start ?? { line: 1, column: 1 };
    const heading = /^h([1-6])$/.exec(node.tagName);
    const preformatted = node.tagName === 'pre' ? preformattedTable(node, text) : null;
    let block: Block | null = null;
    if (heading) {
      block = { type: 'heading', line: start.line, column: start.column, text: cellPlainText(asCell(node)), style: 'html', depth: Number(heading[1]) };
    } else if (node.tagName === 'table' && isLayoutTable(node)) {
      pushReversed(stack, [...captionsOf(node), ...layoutCells(node)]);
    } else if (node.tagName === 'table') {
      // A caption (`<caption>提出された御意見及び考え方</caption>`) is text printed over its table.
      for (const caption of captionsOf(node)) pushAll(blocks, textBlocks(caption));
      pushAll(blocks, tableBlocks(node));
      blocks.push({ type: 'table-end', line: node.position?.end.line ?? start.line });
    } else if (preformatted) {
      pushAll(blocks, segmentLines(preformatted, file));
    } else if ((['p', 'li', 'dt', 'dd', 'caption', 'pre', 'blockquote'].includes(node.tagName) || !node.children.some(isBlockElement)) && descendants(node, 'table').length === 0) {
      // Not one holding a table: a page without a DOCTYPE (quirks mode, as older pages are) leaves a <table> inside the <p> before it.
      block = textBlocks(node)[0] ?? null;
    } else {
      pushReversed(stack, withAnonymousParagraphs(node.children, text));
    }
    if (block) {
      blocks.push(block);
      paragraphs.push({ node, block });
    }
  }
  if (blocks.some((block) => block.type === 'row')) return blocks;
  // Labelled paragraphs (`<p>○ 意見1 …</p>` … `<p>○ 総務省の考え方1</p>`, family E) or prose by topic (family D) in a page without a table: a paragraph, or each `<br>`-parted part of one, for a line of its inner HTML.
  const blockOf = new Map<Line, Block>();
  for (const { node, block } of paragraphs) {
    const lines = block.type === 'heading' ? [] : brLines(node, text);
    if (lines.length > 1) {
      // A paragraph of several lines (`<br>`) gives a text block per line.
      for (const { line, children } of lines) blockOf.set(line, { type: 'text', line: line.number, column: 1, text: cellPlainText(asCell({ ...node, children })) });
    } else {
      const line = innerLine(node, text, true);
      if (line) blockOf.set(line, block);
    }
  }
  const lines = [...blockOf.keys()];
  const classify = (line: Line): Block => blockOf.get(line) ?? { type: 'text', line: line.number, column: 1, text: line.text };
  if (hasLabelledParagraphs(lines)) return labelledBlocks(lines, classify, file);
  if (hasProseByTopic(lines)) return proseBlocks(lines, classify, file);
  if (hasCategoryLists(lines)) return categoryBlocks(lines, classify, file);
  return blocks;
}

/**
 * An element's inner HTML as a line of the input (its number, offsets and
 * text), for readers of lines; null when the parser gave no positions. A
 * paragraph's line runs from its first printed character to its last (`<p>\n○ 意見1\n</p>`).
 */
function innerLine(node: Element, text: string, fromFirstCharacter = false): Line | null {
  return childrenLine(node.children, text, fromFirstCharacter);
}

/** The lines of a paragraph's inner HTML, split at its `<br>`s, each with its nodes: an old page may print a whole part in one `<p>`. Blank ones are left out. */
function brLines(node: Element, text: string): { line: Line; children: ElementContent[] }[] {
  const groups: ElementContent[][] = [[]];
  for (const child of node.children) {
    if (child.type === 'element' && child.tagName === 'br') groups.push([]);
    else groups.at(-1)?.push(child);
  }
  return groups.flatMap((children) => {
    const line = childrenLine(children, text, true);
    return line && line.text !== '' ? [{ line, children }] : [];
  });
}

function childrenLine(children: readonly ElementContent[], text: string, fromFirstCharacter: boolean): Line | null {
  const [first, last] = [children[0]?.position?.start, children.at(-1)?.position?.end];
  if (first?.offset === undefined || last?.offset === undefined) return null;
  const inner = text.slice(first.offset, last.offset);
  const printed = fromFirstCharacter ? inner.trim() : inner;
  const lead = fromFirstCharacter ? inner.length - inner.trimStart().length : 0;
  const linesBefore = inner.slice(0, lead).split(/\r\n|\n|\r/).length - 1;
  return { number: first.line + linesBefore, start: first.offset + lead, end: first.offset + lead + printed.length, text: printed };
}

/**
 * The lines of a `<pre>` that holds a table as text (an old HTML page's
 * text-art table, FORMATS.md family J, or TAB rows), as lines of the input
 * file, to be read as a text notice is; null for any other `<pre>`.
 */
function preformattedTable(node: Element, text: string): Line[] | null {
  const inner = innerLine(node, text);
  if (!inner) return null;
  const lines = splitLines(inner.text).map((line) => ({ ...line, number: line.number + inner.number - 1, start: line.start + inner.start, end: line.end + inner.start }));
  return lines.some((line) => isTextArtBorder(line.text) || line.text.includes('\t')) ? lines : null;
}

/**
 * A table that lays out a page rather than holds its opinions (an old page
 * puts the whole notice, title and opinion table, in one): it holds a table
 * and no header row of its own. Its cells are read as parts of the page.
 */
function isLayoutTable(table: Element): boolean {
  return descendants(table, 'table').length > 0 && !tableRows(table).some((row) => isHeaderRow(row.texts));
}

/** An element's text as a text block; none when it prints nothing. */
function textBlocks(node: Element): Block[] {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const value = cellPlainText(asCell(node), '\n');
  return value === '' ? [] : [{ type: 'text', line: start.line, column: start.column, text: value, ...(node.tagName === 'li' ? { listItem: true } : {}) }];
}

function captionsOf(table: Element): Element[] {
  return table.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'caption');
}

/** The cells of a layout table, row by row. */
function layoutCells(table: Element): Element[] {
  return descendants(table, 'tr').flatMap((tr) => tr.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th')));
}

function findBody(tree: HastRoot): RootContent[] {
  const html = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const body = html ? descendants(html, 'body')[0] : undefined;
  return body ? body.children : tree.children;
}

/**
 * `children` with each line of text and inline elements between blocks (an
 * HTML fragment's `タイトル<br>` and `意見募集期間:…` lines before its table)
 * wrapped in a paragraph of its own, so its lines are read, not dropped. A
 * line ends at a `<br>` or a line break of the source.
 */
function withAnonymousParagraphs(children: readonly RootContent[], text: string): RootContent[] {
  if (!children.some(isBlockElement)) return [...children];
  const out: RootContent[] = [];
  let line: ElementContent[] = [];
  const flush = (): void => {
    const [first, last] = [line[0], line.at(-1)];
    if (first && last && line.some((node) => toText(node).trim() !== '')) {
      const position = first.position && last.position ? { start: first.position.start, end: last.position.end } : undefined;
      out.push({ type: 'element', tagName: 'p', properties: {}, children: line, ...(position ? { position } : {}) });
    }
    line = [];
  };
  for (const node of children) {
    if (isBlockElement(node)) {
      flush();
      out.push(node);
    } else if (node.type === 'element' && node.tagName === 'br') {
      flush();
    } else if (node.type === 'text') {
      textLines(node, text).forEach((piece, index) => {
        if (index > 0) flush();
        line.push(piece);
      });
    } else if (node.type === 'element') {
      line.push(node);
    }
  }
  flush();
  return out;
}

/** A text node cut at its line breaks, each piece placed on its line of the source (the node itself where the source does not line up). */
function textLines(node: Text, text: string): Text[] {
  const pieces = node.value.split('\n');
  const start = node.position?.start;
  const end = node.position?.end;
  if (pieces.length === 1 || start?.offset === undefined || end?.offset === undefined) return [node];
  const printed = text.slice(start.offset, end.offset).split(/\r\n|\r|\n/);
  if (printed.length !== pieces.length) return [node];
  let offset = start.offset;
  return pieces.map((value, index) => {
    const from = { line: start.line + index, column: index === 0 ? start.column : 1, offset };
    offset += (printed[index] ?? '').length;
    const to = { line: from.line, column: from.column + (printed[index] ?? '').length, offset };
    offset += /^\r\n/.test(text.slice(offset, offset + 2)) ? 2 : 1;
    return { type: 'text', value, position: { start: from, end: to } };
  });
}

const BLOCK_TAGS = new Set(['p', 'div', 'table', 'ul', 'ol', 'dl', 'dt', 'dd', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'main', 'blockquote', 'pre']);

function isBlockElement(node: RootContent): boolean {
  return node.type === 'element' && BLOCK_TAGS.has(node.tagName);
}

function asCell(node: Element): CellNode {
  const start = node.position?.start;
  return { children: node.children, line: start?.line ?? 1, column: start?.column ?? 1, offset: start?.offset ?? 0, spansRow: false, fromRowspan: false };
}
