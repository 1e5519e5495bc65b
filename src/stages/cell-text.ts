/**
 * Stage 4: a cell's hast tree -> its paragraphs as plain text
 * (hast-util-to-text, the HTML innerText steps) plus the clean-up that
 * Japanese text needs: a line break between two Japanese characters is no
 * space, footnote markers become superscripts, U+00A0 becomes a space.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';

/** One paragraph of a cell (a `<p>`, an `<li>`, or a run of bare text). */
export interface Paragraph {
  text: string;
  /** Offsets of the paragraph's markup in the decoded input. */
  start: number;
  end: number;
  line: number;
  /** 1-based column of the paragraph's first character on `line`. */
  column: number;
  endLine: number;
  /** `<p style="text-align: right;">`: where converters put submitter marks. */
  rightAligned: boolean;
}

const BLOCKS = new Set(['p', 'div', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'section', 'article']);
const LISTS = new Set(['ul', 'ol', 'dl']);
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The paragraphs of one cell, empty ones dropped. */
export function cellParagraphs(tree: Root): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let loose: RootContent[] = [];
  const flushLoose = (): void => {
    if (loose.length > 0) pushParagraph(paragraphs, loose, false);
    loose = [];
  };
  for (const node of flattenLists(tree.children)) {
    if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flushLoose();
      pushParagraph(paragraphs, [node], isRightAligned(node));
    } else if (node.type !== 'comment' && node.type !== 'doctype') {
      loose.push(node);
    }
  }
  flushLoose();
  return paragraphs;
}

function flattenLists(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node) =>
    node.type === 'element' && LISTS.has(node.tagName) ? flattenLists(node.children as RootContent[]) : [node],
  );
}

function pushParagraph(paragraphs: Paragraph[], nodes: RootContent[], rightAligned: boolean): void {
  const container: Element = { type: 'element', tagName: 'div', properties: {}, children: nodes as ElementContent[] };
  const text = cleanText(toText(prepareForText(container)));
  const first = nodes[0]?.position;
  const last = nodes.at(-1)?.position;
  if (text === '' || !first || !last) return;
  paragraphs.push({
    text,
    start: first.start.offset ?? 0,
    end: last.end.offset ?? 0,
    line: first.start.line,
    column: first.start.column,
    endLine: last.end.line,
    rightAligned,
  });
}

function isRightAligned(node: Element): boolean {
  const style = node.properties['style'];
  return typeof style === 'string' && /text-align\s*:\s*right/i.test(style);
}

/**
 * A copy of `node` ready for innerText: `<sup>7</sup>` becomes `⁷` so that
 * `CIO<sup>7</sup>` never reads `CIO7`; a line break between Japanese
 * characters is dropped (hast-util-to-text would make it a space).
 */
function prepareForText<T extends RootContent | ElementContent>(node: T): T {
  if (node.type === 'text') return { ...node, value: joinJapaneseLines(node.value) };
  if (node.type !== 'element') return node;
  const superscript = superscriptOf(node);
  if (superscript !== null) return { type: 'text', value: superscript } as T;
  const children = node.children.map((child) => prepareForText(child));
  // `CIO <sup>7</sup>` reads `CIO⁷`: a footnote marker hangs on its word.
  children.forEach((child, index) => {
    const previous = children[index - 1];
    if (previous?.type === 'text' && superscriptOf(node.children[index]) !== null) {
      children[index - 1] = { ...previous, value: previous.value.replace(/[ \t]+$/, '') };
    }
  });
  return { ...node, children };
}

/** `<sup>7</sup>` -> `⁷`; null for anything that is not a numeric `<sup>`. */
function superscriptOf(node: RootContent | ElementContent | undefined): string | null {
  if (node?.type !== 'element' || node.tagName !== 'sup') return null;
  const digits = toText(node).trim();
  return /^[0-9]+$/.test(digits) ? [...digits].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join('') : null;
}

const JAPANESE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆、。「」『』（）【】・：';
const JAPANESE_LINE_BREAK = new RegExp(`(?<=[${JAPANESE}])[ \\t]*(?:\\r\\n|\\n|\\r)[ \\t]*(?=[${JAPANESE}])`, 'gu');

export function joinJapaneseLines(text: string): string {
  return text.replace(JAPANESE_LINE_BREAK, '');
}

/**
 * Plain-text clean-up (CONTRACT.md "Text fields"): U+00A0 -> space, runs of
 * spaces collapsed, lines trimmed of spaces and U+3000, empty lines dropped.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r\v]+/g, ' ').replace(/^[ \u3000]+|[ \u3000]+$/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}
