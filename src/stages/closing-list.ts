/**
 * The closing list of a notice (FORMATS.md S23, hard case 18): after the
 * opinion table, a heading such as `その他の主な御意見` and bullets (`‣ …`,
 * `・…`) that print opinions the table does not answer. Each bullet, with the
 * lines that continue it, becomes an `item` block: an opinion with no response.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Block } from './blocks.js';
import { cellOfPieces, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** `その他の主な御意見`, `【その他の御意見】`, `＜その他の主なご意見等＞`: alone on its line. */
const CLOSING_HEADING = /^[[［【〔<＜(（]?[ \u3000]*その他の(?:主な)?[御ご]?意見(?:等)?[ \u3000]*[\]］】〕>＞)）]?$/;
/** The bullet that opens an item; kept in its text, as printed. */
const ITEM_BULLET = /^[ \u3000]*[‣・•◦○●◎■□◆◇▪\-－*][ \u3000]*[^\s\-－*]/;
/** What ends the list: a table row, a `【…】` or markdown heading, `以上`. */
const LIST_END = /\t|^\s*\||^\s*【[^【】]+】\s*$|^\s{0,3}#|^[ \u3000]*以上[ \u3000]*$/;

/** Is `text` (a heading's or a line's) the heading of a closing list? */
export function isClosingHeading(text: string): boolean {
  return CLOSING_HEADING.test(text.trim());
}

/**
 * The items of the closing list whose heading is `lines[from]`, and the index
 * of its last line; null when no bullet follows the heading. A line without a
 * bullet continues the item above (a wrapped line), unless a blank line (a page
 * break) came before it: then the list has ended.
 */
export function closingList(lines: readonly Line[], from: number, file: VFile): { items: Block[]; last: number } | null {
  const items: Line[][] = [];
  let last = from;
  let afterBlank = false;
  for (let index = from + 1; index < lines.length; index++) {
    const line = lines[index] as Line;
    if (line.text.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (LIST_END.test(line.text)) break;
    if (ITEM_BULLET.test(line.text)) items.push([line]);
    else if (items.length > 0 && !afterBlank) items.at(-1)?.push(line);
    else break;
    last = index;
    afterBlank = false;
  }
  if (items.length === 0) return null;
  const heading = lines[from] as Line;
  report(
    file,
    'unanswered-opinions',
    `Unexpected list of opinions without answers under ${JSON.stringify(heading.text.trim())}, expected an opinion table: each of its ${items.length} bullets is an opinion with no response, keyed by its place in the notice, with an empty label`,
    { line: heading.number, column: 1, offset: heading.start },
  );
  const blocks = items.flatMap((itemLines): Block[] => {
    const cell = cellOfPieces([itemLines.flatMap((line) => linePiece(line) ?? [])], file);
    const [first, end] = [itemLines[0] as Line, itemLines.at(-1) as Line];
    return cell ? [{ type: 'item', line: first.number, endLine: end.number, start: first.start, end: end.end, cell }] : [];
  });
  return { items: blocks, last };
}
