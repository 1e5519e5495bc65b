/**
 * What a PDF text extraction leaves on its lines, whatever the table's layout:
 * page numbers on lines of their own, and a cell's text hard-wrapped at the
 * cell's width, whose paragraphs are told from where their lines end.
 */
import { displayWidth } from './merged-row.js';
import type { LinePiece } from './parse-cells.js';

/** A page number that a PDF converter left on its own line (`1/17`, `- 3 -`, `－3－`): a page break, as a blank line is. */
export const PAGE_NUMBER = /^\s*(?:[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4}|[-－―‐]\s*[0-9０-９]{1,4}\s*[-－―‐])\s*$/;

/** The characters a sentence ends with: where a cell's line ends its paragraph, or the cell itself. */
export const SENTENCE_END = /[。．.!?！？」』)）]$/;
/** Where a cell's short line ends its paragraph: a sentence's end, or a submitter's mark's (`…株式会社】`), which closes a comment. */
export const PARAGRAPH_END = /[。．.!?！？」』)）】]$/;
/** How much shorter than the cell's longest line a line that ends a sentence is when it ends its paragraph, in characters and in display columns. */
const SHORT_LINE = { characters: 3, width: 5 };

/**
 * A cell's lines (one piece each), hard-wrapped at the cell's width, as
 * paragraphs: a line goes on with the paragraph above, nothing between them.
 * A new paragraph starts after a line that ends a sentence or a submitter's
 * mark well short of the cell's longest line (the text would have filled it),
 * and a piece that stands
 * `alone` (right-aligned or centred text, a submitter's mark `【株式会社A】`)
 * is a paragraph of its own. Lengths are compared both in characters and in
 * display columns, as extractions lay text out by either.
 */
export function wrappedParagraphs(pieces: readonly { piece: LinePiece; alone: boolean }[]): LinePiece[][] {
  const longest = { characters: 0, width: 0 };
  const measured = pieces.map(({ piece, alone }) => {
    const length = { characters: piece.text.length, width: displayWidth(piece.text) };
    if (!alone) {
      longest.characters = Math.max(longest.characters, length.characters);
      longest.width = Math.max(longest.width, length.width);
    }
    return { piece, alone, ...length };
  });
  const paragraphs: LinePiece[][] = [];
  let goesOn = false;
  for (const { piece, alone, characters, width } of measured) {
    if (goesOn && !alone) paragraphs.at(-1)?.push(piece);
    else paragraphs.push([piece]);
    goesOn = !alone && !(PARAGRAPH_END.test(piece.text) && characters <= longest.characters - SHORT_LINE.characters && width <= longest.width - SHORT_LINE.width);
  }
  return paragraphs;
}
