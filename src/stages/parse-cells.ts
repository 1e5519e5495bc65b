/**
 * Stage 3: each cell's HTML -> a hast tree (hast-util-from-html, the parser
 * that rehype-parse wraps, called directly: a notice has thousands of small
 * cells, and a unified processor run per cell costs a VFile and option
 * merging each time), with positions moved from the cell to the whole input
 * file so every node can be traced back to its line and column in the notice.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { Node, Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { pushAll, pushReversed } from '../arrays.js';
import type { CellNode } from './blocks.js';
import { isNarrow, markdownCell } from './markdown-cell.js';
import { displayWidth } from './merged-row.js';
import type { Line } from './segment.js';

/** One TAB-separated cell: its raw HTML, its offset in the input and its 1-based column on its line. */
export interface Cell {
  html: string;
  start: number;
  column: number;
}

/**
 * Elements nested deeper than this are no table cell a converter writes; the
 * later stages walk a cell recursively (hast-util-to-text among them), and a
 * few thousand levels would overflow their stack.
 */
const MAX_CELL_DEPTH = 500;

/**
 * Parse one cell that sits on physical line `line` of the input. A cell nested
 * deeper than {@link MAX_CELL_DEPTH} (or so deeply that the hast conversion
 * itself overflows the stack) is read with parse5 alone, iteratively, as one
 * run of plain text (`tooDeep`), rather than failing the whole notice.
 */
export function parseCell(cell: Cell, line: number): { tree: Root; tooDeep: boolean } {
  if (!MARKUP.test(cell.html)) return { tree: plainTree(cell, line), tooDeep: false };
  try {
    const tree = fromHtml(cell.html, { fragment: true });
    if (shiftPositions(tree, line, cell) <= MAX_CELL_DEPTH) return { tree, tooDeep: false };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const point = { line, column: cell.column, offset: cell.start };
  const end = { line, column: cell.column + cell.html.length, offset: cell.start + cell.html.length };
  return { tree: { type: 'root', children: [{ type: 'text', value: plainText(cell.html), position: { start: point, end } }] }, tooDeep: true };
}

/** {@link parseCell}, reporting `cell-too-deep` on `file` for a cell read as plain text. */
export function parseCellReported(cell: Cell, line: number, file: VFile): Root {
  const { tree, tooDeep } = parseCell(cell, line);
  if (tooDeep) {
    report(file, 'cell-too-deep', 'Unexpected HTML nested too deeply to convert, expected ordinary markup: the cell is read as plain text', { line, column: cell.column, offset: cell.start });
  }
  return tree;
}

/** The cell of `line` from index `from` to `to`, its HTML parsed as a TAB cell's is. */
export function lineCell(line: Line, from: number, to: number, file: VFile): CellNode {
  const cell = { html: line.text.slice(from, to), start: line.start + from, column: from + 1 };
  const tree = parseCellReported(cell, line.number, file);
  return { children: tree.children as CellNode['children'], line: line.number, column: cell.column, offset: cell.start, spansRow: false, fromRowspan: false };
}

/** A piece of one physical line: its text, trimmed, starting at index `from` of the line's text. */
export interface LinePiece {
  line: Line;
  from: number;
  text: string;
  /** Where the cell the piece was cut from ends on its line (index): how much room the line had left. */
  end?: number;
}

/** The text of `line` from `from` to `to`, trimmed, as a piece; null when it is blank. */
export function linePiece(line: Line, from = 0, to = line.text.length): LinePiece | null {
  const raw = line.text.slice(from, to);
  const text = raw.trim();
  return text === '' ? null : { line, from: from + raw.indexOf(text), text, end: to };
}

/** A cell whose every piece of a line is a paragraph of its own (labelled paragraphs, prose): {@link cellOfPieces} of one piece per group. */
export function cellOfLinePieces(pieces: readonly (LinePiece | null)[], file: VFile): CellNode | null {
  return cellOfPieces(pieces.flatMap((piece) => (piece ? [[piece]] : [])), file);
}

/**
 * A cell of a table that wraps its text over lines (text-art, grid and
 * dash-ruled tables), from its pieces line by line. Pieces on consecutive
 * lines make one paragraph, joined with nothing between them: a hard wrap
 * may split a word or a code (`(OM` / `P)`, hard case 11). A blank piece
 * between two with text ends a paragraph, as pandoc parts a cell's
 * paragraphs with a blank line; pieces on one line are cells a merged row
 * holds side by side, and each starts one. A wrap at a space between two
 * words keeps the space ({@link keepSpaceAtWrap}). The cells of pandoc's
 * tables (`markdown`) are markdown: read by {@link markdownCell}.
 */
export function wrappedCell(pieces: readonly LinePiece[], file: VFile, markdown = false): CellNode | null {
  const paragraphs: LinePiece[][] = [];
  let ended = true;
  for (const piece of pieces) {
    if (piece.text === '') {
      ended = true;
      continue;
    }
    const current = paragraphs.at(-1);
    const previous = current?.at(-1);
    if (ended || !current || !previous || previous.line === piece.line) paragraphs.push([piece]);
    else if (markdown) current.push(piece);
    else current.splice(-1, 1, ...keepSpaceAtWrap(previous, piece));
    ended = false;
  }
  return markdown ? markdownCell(paragraphs) : cellOfPieces(paragraphs, file);
}

/**
 * Two pieces a wrap parted, the second taking the space before it (or the
 * first the space after it) where the wrap was at a space: narrow characters
 * meet there (those pandoc counts one column wide: Latin, and symbols such
 * as `α` or `×`), and the word that went down would not have fitted on the
 * line above, as a program that wraps at spaces (w3m) moves a word down
 * only then (`of` / `the Act` gives `of the Act`). A code an old table
 * split by hand went down with room to spare (`(OM` / `P)` stays `(OMP)`).
 * A wrap next to a Japanese character drops the space: Japanese text has
 * none there, and pandoc 2 wraps between two Japanese characters without one.
 */
function keepSpaceAtWrap(previous: LinePiece, next: LinePiece): LinePiece[] {
  // Both pieces hold text: their edge characters are there.
  if (!isNarrow([...previous.text].at(-1)) || !isNarrow([...next.text][0])) return [previous, next];
  const room = displayWidth(previous.line.text.slice(previous.from + previous.text.length, previous.end ?? previous.line.text.length), false);
  const word = displayWidth(next.text.split(' ')[0] ?? '', false);
  // The space and the word, and a column more for a cell padded before its wall.
  if (word + 2 <= room) return [previous, next];
  if (next.line.text.charAt(next.from - 1) === ' ') return [previous, { ...next, from: next.from - 1, text: ` ${next.text}` }];
  if (previous.line.text.charAt(previous.from + previous.text.length) === ' ') return [{ ...previous, text: `${previous.text} ` }, next];
  return [previous, next];
}

/**
 * A cell made of pieces of lines rather than one TAB cell (labelled paragraphs,
 * text-art tables): a paragraph (`<p>`) per group of pieces, joined with nothing
 * between them, each piece parsed as a TAB cell is (markup read, positions in
 * the input). Null when no piece has text.
 */
export function cellOfPieces(groups: readonly (readonly LinePiece[])[], file: VFile): CellNode | null {
  const point = (piece: LinePiece, at: number) => ({ line: piece.line.number, column: at + 1, offset: piece.line.start + at });
  const paragraphs: Element[] = [];
  for (const group of groups) {
    const pieces = group.filter((piece) => piece.text !== '');
    const [first, last] = [pieces[0], pieces.at(-1)];
    if (!first || !last) continue;
    const children: ElementContent[] = [];
    for (const piece of pieces) {
      const tree = parseCellReported({ html: piece.text, start: piece.line.start + piece.from, column: piece.from + 1 }, piece.line.number, file);
      pushAll(children, tree.children as ElementContent[]);
    }
    paragraphs.push({ type: 'element', tagName: 'p', properties: {}, children, position: { start: point(first, first.from), end: point(last, last.from + last.text.length) } });
  }
  const head = paragraphs[0]?.position?.start;
  if (!head) return null;
  return { children: paragraphs, line: head.line, column: head.column, offset: head.offset ?? 0, spansRow: false, fromRowspan: false };
}

/**
 * What the HTML parser could read as other than the cell's own characters: a
 * tag or comment, a character reference, and the characters it drops or
 * rewrites (NUL, CR). Most cells have none of them (three in five in the seed
 * notice), and skipping the parser for those saves a fifth of parsing.
 */
const MARKUP = /[<&\0\r]/;

/** The tree hast-util-from-html gives a cell without markup: one text node (none for an empty cell), placed like {@link shiftPositions}. */
function plainTree(cell: Cell, line: number): Root {
  if (cell.html === '') return { type: 'root', children: [], data: { quirksMode: false } };
  const span = (): Position => ({
    start: { line, column: cell.column, offset: cell.start },
    end: { line, column: cell.column + cell.html.length, offset: cell.start + cell.html.length },
  });
  return { type: 'root', children: [{ type: 'text', value: cell.html, position: span() }], data: { quirksMode: false }, position: span() };
}

/** The text nodes of an HTML fragment in document order, walked without recursion. */
function plainText(fragment: string): string {
  const parts: string[] = [];
  const stack: DefaultTreeAdapterMap['childNode'][] = [...parseFragment(fragment).childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) parts.push(node.value);
    else if ('childNodes' in node && node.nodeName !== 'script' && node.nodeName !== 'style') pushReversed(stack, node.childNodes);
  }
  return parts.join('');
}

/** A cell lies on one physical line, so every point in it moves to that line. Iterative: cells may nest deeply. Returns the tree's depth. */
function shiftPositions(tree: Node, line: number, cell: Cell): number {
  // Two parallel stacks, so that no object is made per node of every cell.
  const stack: Node[] = [tree];
  const depths: number[] = [0];
  let deepest = 0;
  for (let node = stack.pop(); node; node = stack.pop()) {
    const depth = depths.pop() ?? 0;
    deepest = Math.max(deepest, depth);
    const position = node.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        point.column += cell.column - 1;
        point.line = line;
        if (point.offset !== undefined) point.offset += cell.start;
      }
    }
    if ('children' in node && Array.isArray(node.children)) {
      for (const child of node.children as Node[]) {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}
