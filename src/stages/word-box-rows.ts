/**
 * The rows of a table read from pdftotext's word boxes (word-boxes.ts): the
 * bands of its lines grouped into rows, by the numbers of its number column
 * (or, in a table without numbers drawn without gaps, its flags) and how the
 * table aligns them, or, without numbers, by the gaps between rows and how
 * each row aligns its cells.
 */
import { rowCuts } from './word-box-cuts.js';
import { countBelow, largest, lineText, middle, smallest, wordLines, type Band, type Word } from './word-box-geometry.js';

/** A row of the table: its words (of one band, or of several where a band without a number joined it). */
interface TableRow {
  words: Word[];
  /** Where its first band stands, to place the row among the other blocks. */
  page: number;
  y0: number;
}

/** What a number cell opens with: `1`, `No.3`, `意見12`, `(3)`. */
export const NUMBER_CELL = /^(?:No\.?|意見|[(（])?\s*[0-9０-９]/i;

/** Where a row's number stands in its row: read from the bands that hold one number. */
export type Alignment = 'top' | 'middle' | 'bottom';

/**
 * The table's rows: each number in the number column anchors one (a band
 * holding two is cut between them), and a band without a number joins the
 * row above or below as the table aligns its numbers (see orphanRow).
 */
export function tableRows(found: readonly Band[], numberColumn: number, columnOf: (word: Word) => number, em: number, opens: RegExp = NUMBER_CELL): { rows: AnchoredRow[]; joins: Join[]; alignment: Alignment } {
  const anchored = found.map((band) => ({ band, anchors: numberCells(band.words.filter((word) => columnOf(word) === numberColumn), em, opens) }));
  // A band at the top or the bottom of a page may be a row the page cut, its number wherever the cut left it: it shows nothing.
  const whole = anchored.filter(({ band }, index) => anchored[index - 1]?.band.page === band.page && anchored[index + 1]?.band.page === band.page);
  const bottom = largest(found.map((band) => band.y1));
  const alignment = alignmentOf(whole.flatMap(({ band, anchors }) => (anchors.length === 1 ? [{ band, anchor: anchors[0] as Band }] : [])), em) ?? edgeAlignment(anchored, bottom, em);
  // A band that holds two numbers: the table draws its rows without gaps between them.
  const gapless = anchored.some(({ anchors }) => anchors.length > 1);
  const rows: AnchoredRow[] = [];
  const orphans: { band: Band; after: number; cut: boolean }[] = [];
  /**
   * The bands since the top of this page go on with the row the page cut: the
   * page before ends at the bottom of the pages' text, or with a row whose
   * number stands at its top where the table's numbers do not (a row the page
   * cuts prints from its top).
   */
  let continuing = false;
  /** The last band that holds a number. */
  let lastNumbered: Band | undefined;
  for (const [index, { band, anchors }] of anchored.entries()) {
    const before = anchored[index - 1];
    if (before && before.band.page !== band.page) {
      // The last row on the page before, by its number.
      const last = rows.at(-1);
      const anchor = last?.page === before.band.page ? last.anchor : null;
      const numberAtTop = anchor !== null && last !== undefined && anchor.y0 - last.y0 <= em / 2;
      // A row that ends the page with its number in its middle or at its bottom, as the table's stand, not at its top as a cut row's, is whole: the page ended early.
      const endsWhole = anchor !== null && last !== undefined && lastNumbered === before.band && !numberAtTop && standsAligned(anchor, last, alignment, em);
      continuing = (before.band.y1 >= bottom - em && !endsWhole) || (numberAtTop && alignment !== 'top');
    }
    if (anchors.length > 0) lastNumbered = band;
    if (anchors.length === 0) {
      orphans.push({ band, after: rows.length - 1, cut: continuing });
      continue;
    }
    const { start, cuts, end } = rowCuts(band, anchors, alignment, { continuing, cutAtEnd: band.y1 >= bottom - em, gapless, tableEnd: index === anchored.length - 1 }, columnOf, em);
    // Lines above the first row (a Word table draws no gap between rows): the rest of the row above.
    const aboveFirst = band.words.filter((word) => middle(word) < start);
    if (aboveFirst.length > 0) orphans.push({ band: { page: band.page, y0: smallest(aboveFirst.map((word) => word.y0)), y1: largest(aboveFirst.map((word) => word.y1)), words: aboveFirst }, after: rows.length - 1, cut: continuing });
    // Lines below the last row (a Word table draws no gap before the text after it): that text.
    let rest = band.words.filter((word) => middle(word) >= start && middle(word) < end);
    continuing = false;
    anchors.forEach((anchor, index) => {
      const cut = cuts[index] ?? Infinity;
      const words = rest.filter((word) => middle(word) < cut);
      rest = rest.filter((word) => middle(word) >= cut);
      // Numbers whose boxes overlap leave the first nothing above the cut: its words are the next row's.
      if (words.length > 0) rows.push({ words, page: band.page, y0: smallest(words.map((word) => word.y0)), y1: largest(words.map((word) => word.y1)), anchor });
    });
  }
  if (alignment === 'middle') for (const start of rowStarts(orphans, rows, bottom, em)) (orphans[start] as { cut: boolean }).cut = false;
  const joins: Join[] = [];
  for (const { band, after, cut } of orphans) {
    const [above, below] = [rows[after], rows[after + 1]];
    const target = orphanRow(band, above, below, cut, alignment, em);
    if (!target) continue;
    const { row } = target;
    for (const word of band.words) row.words.push(word);
    if (row.page === band.page) [row.y0, row.y1] = [Math.min(row.y0, band.y0), Math.max(row.y1, band.y1)];
    if (target.guessed) joins.push({ band, row, to: row === above ? 'above' : 'below' });
  }
  return { rows, joins, alignment };
}

/** The most bands one row of a table without numbers is read from (a cell's paragraphs parted by gaps). */
const MAX_ROW_BANDS = 12;

/**
 * The rows of a table without a number column: the bands grouped into as
 * many rows as can be, each printing text in every column of `filled` (its
 * opinion and its answer, and its submitter where the table has one; the
 * first two alone where no grouping gives every row all three), its cells
 * aligned alike (all at the top of the row, all in its middle or all at its
 * bottom, whichever gives the most rows), so that a band of one cell's
 * paragraph parted by a gap joins its row. A row the page cuts starts each
 * of its cells on its first page; a band at the top of a page after one
 * that reaches the bottom of the pages' text goes on with it, unless it
 * prints in the `flagColumn`. Bands after the last row that print in too few columns are text after the
 * table. Where no grouping works, each band is a row.
 */
export function unnumberedRows(found: readonly Band[], fine: readonly Band[], filled: readonly (readonly number[])[], flagColumn: number, columnOf: (word: Word) => number, em: number): AnchoredRow[] {
  const joined = withoutParagraphGaps(found);
  // Rows drawn closer than a paragraph's gap (Chromium's tables) part only at a gap just wider than a cell's lines': cells centred or at the bottom tell them apart.
  const readings = [
    ...(['top', 'middle', 'bottom'] as const).map((alignment) => ({ alignment, bands: joined })),
    ...(['middle', 'bottom'] as const).map((alignment) => ({ alignment, bands: fine })),
  ];
  let best: Band[][] | null = null;
  for (const columns of filled) {
    for (const { alignment, bands } of readings) {
      // A band at the top of a page after one that reaches the bottom of the pages' text goes on with the row the page cut,
      // unless it prints a flag: a row prints its flag once, on its first page (a page may end early where the next row would not fit);
      // or unless the band above is a whole row, its cells centred (or at the bottom) and not at its top, as a cut row's first part prints.
      const bottom = largest(bands.map((band) => band.y1));
      const whole = (band: Band): boolean => alignment !== 'top' && alignedIn([band], alignment, columnOf, em) && !alignedIn([band], 'top', columnOf, em);
      const cut = (index: number): boolean => {
        const [above, band] = [bands[index - 1], bands[index] as Band];
        return above !== undefined && above.page !== band.page && above.y1 >= bottom - em && !band.words.some((word) => columnOf(word) === flagColumn) && !whole(above);
      };
      const grouping = groupBands(bands, (group) => holdsColumns(group, columns, columnOf) && alignedIn(group, alignment, columnOf, em), (index) => !cut(index) && !holdsColumns([bands[index] as Band], columns, columnOf), cut);
      if (grouping && grouping.length > (best?.length ?? 0)) best = grouping;
    }
    if (best) break;
  }
  return (best ?? joined.map((band) => [band])).map((group) => {
    const first = group[0] as Band;
    return { words: group.flatMap((band) => band.words), page: first.page, y0: first.y0, y1: first.y1, anchor: null };
  });
}

/** Gaps between bands within this much of each other are of one kind (a row's, a paragraph's), in points. */
export const GAP_TOLERANCE = 1;

/**
 * The bands with those parted by a gap narrower than rows' joined: a table
 * parts its rows by a cell's padding and border on top of what parts two
 * paragraphs, so the widest gap that recurs on the pages is a row's, and a
 * narrower one a paragraph's within a cell.
 */
function withoutParagraphGaps(found: readonly Band[]): Band[] {
  const gaps = found.flatMap((band, index) => {
    const above = found[index - 1];
    return above && above.page === band.page ? [band.y0 - above.y1] : [];
  });
  const sorted = [...gaps].sort((a, b) => a - b);
  const recurs = (gap: number): boolean => countBelow(sorted, gap + GAP_TOLERANCE / 2, true) - countBelow(sorted, gap - GAP_TOLERANCE / 2, false) >= 2;
  const rowGap = largest(sorted.filter(recurs));
  const joined: Band[] = [];
  for (const band of found) {
    const above = joined.at(-1);
    if (above && above.page === band.page && band.y0 - above.y1 < rowGap - GAP_TOLERANCE) joined[joined.length - 1] = { ...above, y1: Math.max(above.y1, band.y1), words: [...above.words, ...band.words] };
    else joined.push(band);
  }
  return joined;
}

/**
 * The grouping of consecutive bands into the most groups that each `fits`,
 * none starting at a band that `joinsAbove`, leaving out bands at the end
 * that are `left` (text after the table); null when no grouping covers the
 * rest.
 */
function groupBands(found: readonly Band[], fits: (group: readonly Band[]) => boolean, left: (index: number) => boolean, joinsAbove: (index: number) => boolean): Band[][] | null {
  // most[i]: the most groups the first i bands make, and where the last of them starts.
  const most: ({ groups: number; from: number } | null)[] = [{ groups: 0, from: 0 }];
  for (let end = 1; end <= found.length; end++) {
    most[end] = null;
    for (let start = Math.max(0, end - MAX_ROW_BANDS); start < end; start++) {
      const before = joinsAbove(start) ? null : most[start];
      if (before && before.groups + 1 > (most[end]?.groups ?? 0) && fits(found.slice(start, end))) most[end] = { groups: before.groups + 1, from: start };
    }
  }
  let last = found.length;
  // Text after the table is left out where the rows before it are as many without it.
  for (let end = found.length - 1; end >= 0 && left(end); end--) if ((most[end]?.groups ?? -1) >= (most[last]?.groups ?? -1)) last = end;
  if (!most[last]) return null;
  const groups: Band[][] = [];
  for (let end = last; end > 0; end = most[end]?.from ?? 0) groups.unshift(found.slice(most[end]?.from ?? 0, end));
  return groups;
}

/** Does the group print text in each of the `columns`? */
function holdsColumns(group: readonly Band[], columns: readonly number[], columnOf: (word: Word) => number): boolean {
  return columns.every((column) => group.some((band) => band.words.some((word) => columnOf(word) === column)));
}

/** Are the group's cells all at the top of the row, in its middle or at its bottom (a row a page cuts: all started on its first page)? */
function alignedIn(group: readonly Band[], alignment: Alignment, columnOf: (word: Word) => number, em: number): boolean {
  const page = (group[0] as Band).page;
  const words = group.flatMap((band) => (band.page === page ? band.words : []));
  const cut = group.some((band) => band.page !== page);
  const row = { y0: smallest(words.map((word) => word.y0)), y1: largest(words.map((word) => word.y1)) };
  const columns = new Map<number, { y0: number; y1: number }>();
  for (const word of words) {
    const cell = columns.get(columnOf(word)) ?? { y0: Infinity, y1: -Infinity };
    columns.set(columnOf(word), { y0: Math.min(cell.y0, word.y0), y1: Math.max(cell.y1, word.y1) });
  }
  // A row the page cuts starts each of its cells on its first page, at its top (LibreOffice) or not (Chromium); it is not checked further.
  if (cut) return group.every((band) => band.words.every((word) => columns.has(columnOf(word))));
  return (
    [...columns.values()].every((cell) => {
      if (alignment === 'top') return cell.y0 - row.y0 <= em / 2;
      if (alignment === 'bottom') return row.y1 - cell.y1 <= em / 2;
      return Math.abs(middle(cell) - middle(row)) <= em / 2;
    })
  );
}

/** A row and the number that anchors it (null in a table without numbers). */
export interface AnchoredRow extends TableRow {
  y1: number;
  anchor: Band | null;
}

/** Lines without a number joined to the row above or below. */
export interface Join {
  band: Band;
  row: AnchoredRow;
  to: 'above' | 'below';
}

/** A number cell's text that a narrow column wrapped before its end (`1-` / `2`, `No.` / `3`, `意見` / `4`). */
const NUMBER_GOES_ON = /(?:[-－‐.．]|^No|^意見)$/i;

/**
 * The number cells among a band's words of the number column: each line that
 * `opens` one (with a number) starts one (rows of one line each stand closer
 * than any gap), unless the cell above it was wrapped before its number's
 * end, and a line that does not goes on with the one close above it.
 */
function numberCells(words: readonly Word[], em: number, opens: RegExp): Band[] {
  const cells: Band[] = [];
  for (const line of wordLines(words)) {
    const cell = cells.at(-1);
    const goesOn = cell !== undefined && (!opens.test(lineText(line)) || NUMBER_GOES_ON.test(cell.words.map((word) => word.node.value).join('')));
    if (cell && goesOn && cell.page === line.page && line.y0 <= cell.y1 + em / 2) {
      cell.y1 = Math.max(cell.y1, line.y1);
      for (const word of line.words) cell.words.push(word);
    } else {
      cells.push({ page: line.page, y0: line.y0, y1: line.y1, words: [...line.words] });
    }
  }
  return cells;
}

/** Whether the bands' numbers stand at the top, the middle or the bottom of their rows, by most of the bands that show it; null if none does. */
function alignmentOf(pairs: readonly { band: Band; anchor: Band }[], em: number): Alignment | null {
  const votes = { top: 0, middle: 0, bottom: 0 };
  for (const { band, anchor } of pairs) {
    const [above, below] = [anchor.y0 - band.y0, band.y1 - anchor.y1];
    if (above <= em / 2 && below > em / 2) votes.top++;
    else if (below <= em / 2 && above > em / 2) votes.bottom++;
    else if (Math.abs(above - below) <= em / 2 && above > em / 2) votes.middle++;
  }
  if (votes.top + votes.middle + votes.bottom === 0) return null;
  return votes.middle > votes.top && votes.middle >= votes.bottom ? 'middle' : votes.bottom > votes.top ? 'bottom' : 'top';
}

/**
 * Where the numbers stand, read from the table's edges where no band holds
 * one number (a table drawn without gaps between its rows): at the top if
 * the first number stands at the top of the table's first row (unless the
 * page cuts that row, which then prints from its top), at the bottom if the
 * last stands at the bottom of its last, else in the middle.
 */
function edgeAlignment(anchored: readonly { band: Band; anchors: Band[] }[], bottom: number, em: number): Alignment {
  const [first, last] = [anchored[0], anchored.at(-1)];
  const [firstNumber, lastNumber] = [first?.anchors[0], last?.anchors.at(-1)];
  if (!first || !firstNumber) return 'top';
  const firstRowCut = first.anchors.length === 1 && first.band.y1 >= bottom - em;
  if (!firstRowCut && firstNumber.y0 - first.band.y0 <= em / 2) return 'top';
  return last && lastNumber && last.band.y1 - lastNumber.y1 <= em / 2 ? 'bottom' : 'middle';
}

/**
 * Where, among the bands at the top of a page that go on with the row the
 * page cut, the row below starts, numbers centred: the first of them after
 * which the row below keeps its number in its middle, where the whole run
 * would not (its lines and those below its number, up to the next number,
 * as far as one of them ends). A cut row's rest comes first: never its
 * first band. A row below that reaches the bottom of the pages' text may be
 * cut by the page after it, and shows nothing.
 */
function rowStarts(orphans: readonly { band: Band; after: number; cut: boolean }[], rows: readonly AnchoredRow[], bottom: number, em: number): number[] {
  const starts: number[] = [];
  for (let first = 0; first < orphans.length; ) {
    const { band, after, cut } = orphans[first] as { band: Band; after: number; cut: boolean };
    let end = first + 1;
    while (orphans[end]?.after === after && orphans[end]?.cut && orphans[end]?.band.page === band.page) end++;
    const below = rows[after + 1];
    const bottoms = below ? [below.y1, ...orphans.filter((orphan) => orphan.after === after + 1 && orphan.band.page === below.page).map((orphan) => orphan.band.y1)] : [];
    if (cut && below?.anchor && below.page === band.page && end - first > 1 && largest(bottoms) < bottom - em) {
      const anchor = below.anchor;
      const centred = (top: number): boolean => bottoms.some((end) => Math.abs((top + end) / 2 - middle(anchor)) <= em / 2);
      if (!centred(below.y0)) {
        for (let start = end - 1; start > first; start--) {
          if (!centred((orphans[start] as { band: Band }).band.y0)) continue;
          for (let index = start; index < end; index++) starts.push(index);
          break;
        }
      }
    }
    first = end;
  }
  return starts;
}

/** Does the number stand in its row as the table's do: at its top, in its middle or at its bottom? */
function standsAligned(anchor: Band, row: { y0: number; y1: number }, alignment: Alignment, em: number): boolean {
  if (alignment === 'top') return anchor.y0 - row.y0 <= em / 2;
  if (alignment === 'bottom') return row.y1 - anchor.y1 <= em / 2;
  return Math.abs(middle(anchor) - middle(row)) <= em / 2;
}

/**
 * The row a band without a number belongs to. At the top of a page that goes
 * on with the row the page before cut (`cut`): that row, above; at the top
 * of another page: the row below (numbers standing at the top: above). At
 * the bottom of a page whose next row starts on the next page: the row
 * above. Elsewhere, where numbers stand at the top of their rows: the row
 * above; at the bottom: the row below; in the middle: the row above if its
 * number stays in the middle with the band, else the row below (a guess, to
 * report). Past the last row only a band as close to it as a row's own lines
 * are joins it (the rest is text after the table).
 */
function orphanRow(band: Band, above: AnchoredRow | undefined, below: AnchoredRow | undefined, cut: boolean, alignment: Alignment, em: number): { row: AnchoredRow; guessed: boolean } | null {
  const sure = (row: AnchoredRow | undefined): { row: AnchoredRow; guessed: boolean } | null => (row ? { row, guessed: false } : null);
  if (!above) return sure(below);
  if (cut) return sure(above);
  // At the top of a page after a row that ended above the bottom: the first lines of the row below, unless numbers stand at the top.
  if (above.page !== band.page) return below?.page === band.page && alignment !== 'top' ? sure(below) : sure(above);
  if (!below) return band.y0 - above.y1 <= 2 * em ? sure(above) : null;
  // The row below starts on a later page: the band is the rest of the row above before the page cut it, whose lines a cut row prints from its top.
  if (below.page !== band.page || alignment === 'top') return sure(above);
  if (alignment === 'bottom') return sure(below);
  const anchor = above.anchor;
  const centred = anchor !== null && Math.abs((above.y0 + Math.max(above.y1, band.y1)) / 2 - middle(anchor)) <= em / 2;
  return { row: centred ? above : below, guessed: true };
}
