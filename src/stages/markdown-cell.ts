/**
 * The cells of the tables pandoc writes in markdown (grid, multiline and
 * simple tables, told from tables typed by hand by isPandocGrid and in
 * dash-ruled.ts) hold markdown, as pandoc writes a cell's text: escapes
 * (`\<原料原産地名\>`, `1\~3`), a line break as a `\` ending the line,
 * emphasis, links. Each paragraph of such a cell, a line of the input per
 * piece, is parsed with remark-parse and remark-gfm and turned into hast as
 * a pipe table's cells are (raw HTML parsed in place by hast-util-raw),
 * positions moved from the paragraph to the input. Where the table wrapped
 * a line (a soft line break), the line goes on with a space between two
 * characters pandoc counts one column wide, as pandoc wraps words only at
 * spaces, and with nothing next to a Japanese character (pandoc 2 wraps
 * Japanese text anywhere; a space there is no part of the text).
 */
import type { Element, ElementContent, Root } from 'hast';
import { raw } from 'hast-util-raw';
import type { Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { pushAll } from '../arrays.js';
import type { CellNode } from './blocks.js';
import { displayWidth } from './merged-row.js';
import type { LinePiece } from './parse-cells.js';

const gfm = unified().use(remarkParse).use(remarkGfm);

/** A backslash escaping an ASCII punctuation character (`\<`, `1\.`, `\*`): markdown, as pandoc writes text that could read as markup. */
const ESCAPE = /\\[!-/:-@[-`{-~]/;

/** Does `text` escape a character as markdown does? */
export function holdsMarkdownEscape(text: string): boolean {
  return ESCAPE.test(text);
}

/** A cell of paragraphs, each its pieces (a line each) read as markdown; null when no piece has text. */
export function markdownCell(paragraphs: readonly (readonly LinePiece[])[]): CellNode | null {
  const children: ElementContent[] = [];
  for (const paragraph of paragraphs) {
    const pieces = paragraph.filter((piece) => piece.text !== '');
    if (pieces.length === 0) continue;
    const source = pieces.map((piece) => piece.text).join('\n');
    const mdast = gfm.runSync(gfm.parse(source)) as MdastRoot;
    const hast = markdownToHast(mdast, source) as Root;
    moveToPieces(hast, pieces);
    joinWrappedLines(hast);
    pushAll(children, hast.children.filter((node): node is ElementContent => node.type === 'element' || (node.type === 'text' && node.value.trim() !== '')));
  }
  const first = paragraphs.flat().find((piece) => piece.text !== '');
  if (!first || children.length === 0) return null;
  const offset = first.line.start + first.from;
  return { children, line: first.line.number, column: first.from + 1, offset, spansRow: false, fromRowspan: false };
}

/**
 * The hast of a markdown tree parsed from `source`, its raw HTML parsed in
 * place by hast-util-raw. The line breaks mdast-util-to-hast sets between
 * blocks are dropped first: they stand for no character of the input, and
 * hast-util-raw would join one with the text after a tag the HTML parser
 * ignores (`<td>` outside a table), leaving that text, and the paragraph it
 * makes, without a start.
 */
export function markdownToHast(tree: Parameters<typeof toHast>[0], source: string): Root | Element {
  const hast = toHast(tree, { allowDangerousHtml: true }) as Root | Element;
  const stack: Node[] = [hast];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!('children' in node) || !Array.isArray(node.children)) continue;
    const children = (node.children as Node[]).filter((child) => !(child.type === 'text' && !child.position && 'value' in child && typeof child.value === 'string' && child.value.trim() === ''));
    node.children = children;
    pushAll(stack, children);
  }
  return raw(hast, { file: new VFile(source) }) as Root | Element;
}

/**
 * Positions of a parse of `pieces` joined by LF, moved to the input (line
 * `k` of the parse is piece `k`); a half position (raw HTML closed early)
 * is dropped, as in a pipe table's cells.
 */
function moveToPieces(tree: Node, pieces: readonly LinePiece[]): void {
  const stack: Node[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.position && !(node.position.start && node.position.end)) delete node.position;
    for (const point of node.position ? [node.position.start, node.position.end] : []) {
      const piece = pieces[point.line - 1];
      if (!piece) continue;
      point.line = piece.line.number;
      point.column += piece.from;
      point.offset = piece.line.start + point.column - 1;
    }
    if ('children' in node && Array.isArray(node.children)) pushAll(stack, node.children as Node[]);
  }
}

/** Each soft line break of the tree's text: a space between narrow characters, else nothing. */
function joinWrappedLines(tree: Node): void {
  const stack: Node[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text' && 'value' in node && typeof node.value === 'string' && node.value.includes('\n')) {
      const value = node.value;
      node.value = value.replace(/\n/g, (_, at: number) => (isNarrow([...value.slice(0, at)].at(-1)) && isNarrow(String.fromCodePoint(value.codePointAt(at + 1) ?? 0x20)) ? ' ' : ''));
    }
    if ('children' in node && Array.isArray(node.children)) pushAll(stack, node.children as Node[]);
  }
}

/** One column wide as pandoc counts (Latin, `α`, `×`); a character outside the text (an element's edge) counts so too. */
export function isNarrow(character: string | undefined): boolean {
  return character === undefined || displayWidth(character, false) === 1;
}
