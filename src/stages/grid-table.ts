/**
 * Grid tables with merged cells, as pandoc (3 and later) writes a Word or
 * HTML table whose cells span rows or columns, and w3m an HTML table (in
 * box-drawing characters): `+---+` rules and `|` walls standing on columns
 * counted in display width, where a cell spanning rows leaves a gap in the
 * rule under its first row (`|     +------+      |`) and one spanning
 * columns has no wall between them. Each cell is the rectangle
 * its walls enclose, and goes into the rows it spans as an HTML `rowspan` or
 * `colspan` cell does (tableRows): repeated, marked `fromRowspan`, into each
 * row below its first, and `null` in the slots of the columns it covers. The
 * text-art reader, which splits each line at its bars, cannot read these.
 */
import type { VFile } from 'vfile';
import { rowCellText, type Block, type CellNode, type RowBlock } from './blocks.js';
import { displayWidth } from './merged-row.js';
import { linePiece, wrappedCell, type LinePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** The characters of a rule: ASCII dashes and `=` (pandoc), the dashes of old text-art tables (U+2212 −, ―, ー), and box-drawing lines. */
export const RULE_CHARACTERS = '-−―ー─━═=';
/** Where rules and walls meet: `+`, and the corners and tees of box drawing (`┌┬┐├┼┤└┴┘`, heavy and double too), as w3m draws a table. */
export const JOINT_CHARACTERS = '+┌┬┐├┼┤└┴┘┏┳┓┣╋┫┗┻┛╔╦╗╠╬╣╚╩╝╒╤╕╞╪╡╘╧╛╓╥╖╟╫╢╙╨╜';
/** The walls between cells: ASCII and full-width bars, box-drawing lines. */
export const WALL_CHARACTERS = '|｜│┃║';
/** One column's piece of a rule between two joints, with pandoc's alignment colons: `+------+`, `+:====:+`, `├────┤`. */
const RULE_SEGMENT = new RegExp(`[${JOINT_CHARACTERS}]:?[${RULE_CHARACTERS}]+:?[${JOINT_CHARACTERS}]`);
const RULE_CHARACTER = new RegExp(`[${RULE_CHARACTERS}:]`);
const JOINT = new RegExp(`[${JOINT_CHARACTERS}]`);
const WALL = new RegExp(`[${WALL_CHARACTERS}]`);

/** A line laid out in display columns: the character that starts at each column ('' for the right half of a wide one) and its index. */
interface Columns {
  line: Line;
  characters: string[];
  indexes: number[];
  rule: boolean;
}

/** A cell of the grid: its first row band and column, and how many of each it spans. */
interface GridCell {
  band: number;
  column: number;
  width: number;
  height: number;
}

/**
 * The rows of the table of `lines` (from its top rule to its bottom rule),
 * then its end; null when its walls and joints do not all stand on the
 * columns of its rules (old text-art tables, whose widths drift: the
 * text-art reader splits those at their bars) or when it merges no cell.
 */
export function spannedGridTable(lines: readonly Line[], file: VFile, markdown = false): Block[] | null {
  const laid = lines.map(displayColumns);
  const bandEdges = laid.flatMap((columns, index) => (columns.rule ? [index] : []));
  const joints = jointColumns(laid);
  if (bandEdges[0] !== 0 || bandEdges.at(-1) !== laid.length - 1 || joints.length < 3) return null;
  const grid = new Grid(laid, bandEdges, joints);
  if (!grid.aligned()) return null;
  const cells = grid.cells();
  if (!cells || cells.every((cell) => cell.width === 1 && cell.height === 1)) return null;
  return [...grid.rows(cells, file, markdown), { type: 'table-end', line: (lines.at(-1) as Line).number }];
}

function displayColumns(line: Line): Columns {
  const characters: string[] = [];
  const indexes: number[] = [];
  let index = 0;
  for (const character of line.text) {
    // Ambiguous characters (○, ※) take one column, as pandoc pads them.
    const width = displayWidth(character, false);
    characters.push(character);
    indexes.push(index);
    if (width === 2) {
      characters.push('');
      indexes.push(index);
    }
    index += character.length;
  }
  return { line, characters, indexes, rule: RULE_SEGMENT.test(line.text) };
}

/** The columns of the joints (`+`, `┼`… next to a rule character) of every rule: where the grid's columns part. */
function jointColumns(laid: readonly Columns[]): number[] {
  const joints = new Set<number>();
  for (const { characters, rule } of laid) {
    if (!rule) continue;
    characters.forEach((character, column) => {
      if (JOINT.test(character) && (RULE_CHARACTER.test(characters[column - 1] ?? '') || RULE_CHARACTER.test(characters[column + 1] ?? ''))) joints.add(column);
    });
  }
  return [...joints].sort((a, b) => a - b);
}

class Grid {
  readonly bands: number;
  readonly columns: number;

  constructor(
    private readonly laid: readonly Columns[],
    /** Index in `laid` of each rule line: band `b` lies between rules `b` and `b + 1`. */
    private readonly bandEdges: readonly number[],
    /** Display column of each joint: grid column `c` lies between joints `c` and `c + 1`. */
    private readonly joints: readonly number[],
  ) {
    this.bands = bandEdges.length - 1;
    this.columns = joints.length - 1;
  }

  /**
   * Does every wall stand on a joint's column, on every line of a band alike,
   * and does every rule run whole over the columns it crosses? The top and
   * bottom rules run over every column; each band holds a line of text.
   */
  aligned(): boolean {
    const last = this.bands;
    for (let column = 0; column < this.columns; column++) if (!this.ruledOver(0, column) || !this.ruledOver(last, column)) return false;
    for (let band = 0; band < this.bands; band++) {
      const texts = this.textLines(band);
      if (texts.length === 0) return false;
      for (const { characters } of texts) {
        const walls = characters.flatMap((character, column) => (WALL.test(character) ? [column] : []));
        if (walls.some((column) => !this.joints.includes(column))) return false;
        if (!walls.includes(this.joints[0] as number) || !walls.includes(this.joints.at(-1) as number)) return false;
        if (characters.slice((this.joints.at(-1) as number) + 1).some((character) => character.trim() !== '')) return false;
      }
      for (let joint = 1; joint < this.columns; joint++) {
        const walled = texts.map(({ characters }) => WALL.test(characters[this.joints[joint] as number] ?? ''));
        if (walled.some((wall) => wall !== walled[0])) return false;
      }
    }
    for (let edge = 1; edge < this.bands; edge++) for (let column = 0; column < this.columns; column++) if (this.partlyRuled(edge, column)) return false;
    return true;
  }

  /** The cells, each the rectangle its walls enclose, in reading order; null when walls enclose no rectangle. */
  cells(): GridCell[] | null {
    const taken = Array.from({ length: this.bands }, () => new Array<boolean>(this.columns).fill(false));
    const cells: GridCell[] = [];
    for (let band = 0; band < this.bands; band++) {
      for (let column = 0; column < this.columns; column++) {
        if (taken[band]?.[column]) continue;
        let width = 1;
        while (column + width < this.columns && !this.walled(band, column + width)) width++;
        let height = 1;
        while (band + height < this.bands && !this.ruledOver(band + height, column)) height++;
        const cell = { band, column, width, height };
        if (!this.encloses(cell)) return null;
        for (let row = band; row < band + height; row++) {
          for (let covered = column; covered < column + width; covered++) {
            if (taken[row]?.[covered]) return null;
            (taken[row] as boolean[])[covered] = true;
          }
        }
        cells.push(cell);
      }
    }
    return cells;
  }

  /** A row block per band: each cell in its first band, repeated from the band above (`fromRowspan`) in the others. */
  rows(cells: readonly GridCell[], file: VFile, markdown: boolean): RowBlock[] {
    const slots = Array.from({ length: this.bands }, () => new Array<CellNode | null>(this.columns).fill(null));
    for (const cell of cells) {
      const node = wrappedCell(this.pieces(cell), file, markdown);
      if (!node) continue;
      node.spansRow = cell.width === this.columns && this.columns > 1;
      (slots[cell.band] as (CellNode | null)[])[cell.column] = node;
      for (let band = cell.band + 1; band < cell.band + cell.height; band++) (slots[band] as (CellNode | null)[])[cell.column] = { ...node, fromRowspan: true };
    }
    return slots.map((cellsOfBand, band) => {
      const texts = this.textLines(band);
      const first = (texts[0] as Columns).line;
      const last = (texts.at(-1) as Columns).line;
      return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells: cellsOfBand, texts: cellsOfBand.map(rowCellText) };
    });
  }

  /** The cell's text, a piece per line it spans (blank pieces kept: they part its paragraphs), rules inside it included. */
  private pieces(cell: GridCell): LinePiece[] {
    const from = (this.joints[cell.column] as number) + 1;
    const to = this.joints[cell.column + cell.width] as number;
    const lines = this.laid.slice((this.bandEdges[cell.band] as number) + 1, this.bandEdges[cell.band + cell.height]);
    return lines.map(({ line, indexes }) => {
      const start = indexes[from] ?? line.text.length;
      const end = indexes[to] ?? line.text.length;
      return linePiece(line, start, end) ?? { line, from: start, text: '' };
    });
  }

  /** The lines of text of a band (between its two rules). */
  private textLines(band: number): Columns[] {
    return this.laid.slice((this.bandEdges[band] as number) + 1, this.bandEdges[band + 1]);
  }

  /** Is there a wall at joint `joint` in `band` (on its lines of text)? */
  private walled(band: number, joint: number): boolean {
    return WALL.test(this.textLines(band)[0]?.characters[this.joints[joint] as number] ?? '');
  }

  /** Does rule `edge` run whole over grid column `column`? */
  private ruledOver(edge: number, column: number): boolean {
    return this.between(edge, column).every((character) => RULE_CHARACTER.test(character));
  }

  /**
   * Does rule `edge` run from a joint over only part of grid column `column`
   * (a rule of other widths: no grid)? A cell spanning the rule may hold a
   * dash in its text there, away from the joints.
   */
  private partlyRuled(edge: number, column: number): boolean {
    const characters = this.between(edge, column);
    const fromJoint = RULE_CHARACTER.test(characters[0] ?? '') || RULE_CHARACTER.test(characters.at(-1) ?? '');
    return fromJoint && !characters.every((character) => RULE_CHARACTER.test(character));
  }

  /** The characters of rule `edge` strictly between the joints of grid column `column`. */
  private between(edge: number, column: number): string[] {
    const { characters } = this.laid[this.bandEdges[edge] as number] as Columns;
    const from = (this.joints[column] as number) + 1;
    const to = this.joints[column + 1] as number;
    return Array.from({ length: to - from }, (_, offset) => characters[from + offset] ?? ' ');
  }

  /** Are walls and rules round `cell`, and none inside it? */
  private encloses({ band, column, width, height }: GridCell): boolean {
    for (let row = band; row < band + height; row++) {
      if (!this.walled(row, column) || !this.walled(row, column + width)) return false;
      for (let joint = column + 1; joint < column + width; joint++) if (this.walled(row, joint)) return false;
    }
    for (let covered = column; covered < column + width; covered++) {
      if (!this.ruledOver(band, covered) || !this.ruledOver(band + height, covered)) return false;
      for (let edge = band + 1; edge < band + height; edge++) if (this.ruledOver(edge, covered)) return false;
    }
    return true;
  }
}
