/**
 * Where a band of a table read from pdftotext's word boxes parts into the
 * rows its numbers (or flags) anchor (word-box-rows.ts), in a table drawn
 * without gaps between its rows (Word's), where no gap shows where a row
 * ends: by where the table aligns its numbers in their rows and where the
 * lines beside them end their paragraphs.
 */
import { PARAGRAPH_END } from './pdf-lines.js';
import { middle, type Band, type Word } from './word-box-geometry.js';
import type { Alignment } from './word-box-rows.js';

/**
 * Where the rows of a band holding numbers part: where its first row starts
 * (what stands above is the rest of a row the page cut), where each row ends
 * but the last, and where the last ends in the table's last band (what
 * stands below is text after the table). Numbers at the top: each row
 * starts at its number; at the bottom: each ends at its number. Numbers
 * centred, in a band without gaps between its rows (`gapless`, Word's):
 * each row ends as far below its number as it starts above it, at the
 * nearest place a row may part (rowBounds), from the band's top down; or,
 * below the rest of a row the page cut (`continuing`), from its bottom up,
 * its last row ending at the band's end or, cut by the page (`cutAtEnd`),
 * starting at its number or centred in the page's part of it, whichever the
 * places agree with, and the first row at the band's top where that agrees
 * best.
 */
export function rowCuts(
  band: Band,
  anchors: readonly Band[],
  alignment: Alignment,
  { continuing, cutAtEnd, gapless, tableEnd }: { continuing: boolean; cutAtEnd: boolean; gapless: boolean; tableEnd: boolean },
  columnOf: (word: Word) => number,
  em: number,
): { start: number; cuts: number[]; end: number } {
  const first = anchors[0] as Band;
  const last = anchors.at(-1) as Band;
  if (alignment === 'top') return { start: first.y0, cuts: anchors.slice(1).map((anchor) => anchor.y0), end: Infinity };
  if (alignment === 'bottom') return { start: -Infinity, cuts: anchors.slice(0, -1).map((anchor) => anchor.y1 + 0.01), end: Infinity };
  /** The place a row may part between `from` and `to` nearest the estimate, and how far from it. */
  const snap = (from: number, to: number, estimate: number, ...also: number[]): { y: number; off: number } => {
    const y = nearest([...rowBounds(band.words, from, to, columnOf, em), ...also], estimate) ?? estimate;
    return { y, off: Math.abs(y - estimate) };
  };
  const between = (from: number, to: number, estimate: number): number => snap(from, to, estimate).y;
  // Where rows are drawn with gaps between them, a band of one number is one row, whatever stands above the number.
  if (anchors.length === 1 && !gapless) return { start: -Infinity, cuts: [], end: Infinity };
  const cuts: number[] = [];
  let start = -Infinity;
  if (!continuing) {
    let top = band.y0;
    anchors.slice(1).forEach((next, index) => {
      const anchor = anchors[index] as Band;
      top = between(middle(anchor), middle(next), 2 * middle(anchor) - top);
      cuts.push(top);
    });
  } else {
    // From the band's end up: the last row ends there, or, cut by the page, starts at its number or stands centred in the page's part of it.
    const upFrom = (lastTop: number): { start: number; cuts: number[]; off: number } => {
      const up: number[] = [];
      let [top, off] = [lastTop, 0];
      for (let index = anchors.length - 2; index >= 0; index--) {
        const anchor = anchors[index] as Band;
        const cut = snap(middle(anchor), middle(anchors[index + 1] as Band), top);
        up.unshift(cut.y);
        off += cut.off;
        top = 2 * middle(anchor) - cut.y;
      }
      // The band's own top among the places: no rest of a row above (the page before ended with a whole row).
      const opening = snap(band.y0, middle(first), top, band.y0);
      return { start: opening.y, cuts: up, off: off + opening.off };
    };
    const centred = upFrom(2 * middle(last) - band.y1);
    const chosen = cutAtEnd ? [upFrom(last.y0), centred].reduce((best, each) => (each.off < best.off ? each : best)) : centred;
    start = chosen.start;
    for (const cut of chosen.cuts) cuts.push(cut);
  }
  if (!tableEnd || cutAtEnd) return { start, cuts, end: Infinity };
  // The table's last row ends as far below its number as it starts above it; the band's own end among the places: no text after the table.
  const lastTop = cuts.at(-1) ?? (start === -Infinity ? band.y0 : start);
  const end = snap(middle(last), band.y1, 2 * middle(last) - lastTop, band.y1).y;
  return { start, cuts, end: end >= band.y1 ? Infinity : end };
}

/**
 * Where rows may part between `from` and `to`: the places no line crosses,
 * those where each column's line above ends a paragraph (a sentence, a
 * submitter's mark) if any do, as a row's cells end theirs.
 */
function rowBounds(words: readonly Word[], from: number, to: number, columnOf: (word: Word) => number, em: number): number[] {
  const free = freePlaces(words, from, to);
  const endsParagraphs = (y: number): boolean => {
    const lastWords = new Map<number, Word>();
    for (const word of words) {
      if (middle(word) >= y || y - word.y1 > em) continue;
      const column = columnOf(word);
      const known = lastWords.get(column);
      if (!known || word.y0 > known.y0 + em / 2 || (Math.abs(word.y0 - known.y0) <= em / 2 && word.x0 > known.x0)) lastWords.set(column, word);
    }
    return lastWords.size > 0 && [...lastWords.values()].every((word) => PARAGRAPH_END.test(word.node.value));
  };
  const ending = free.filter(endsParagraphs);
  return ending.length > 0 ? ending : free;
}

/** The places between `from` and `to` that no line of the words crosses, each word's box less a tenth of its height at either end (Word sets its lines closer than their boxes are high). */
function freePlaces(words: readonly Word[], from: number, to: number): number[] {
  const cores = words.map((word) => ({ y0: middle(word) - 0.4 * (word.y1 - word.y0), y1: middle(word) + 0.4 * (word.y1 - word.y0) }));
  const inside = cores.filter((core) => core.y1 > from && core.y0 < to).sort((a, b) => a.y0 - b.y0);
  const free: number[] = [];
  let reach = from;
  for (const [index, core] of inside.entries()) {
    if (core.y0 >= reach && index > 0) free.push((reach + core.y0) / 2);
    reach = Math.max(reach, core.y1);
  }
  return free;
}

function nearest(places: readonly number[], y: number): number | undefined {
  return places.reduce<number | undefined>((best, place) => (best === undefined || Math.abs(place - y) < Math.abs(best - y) ? place : best), undefined);
}
