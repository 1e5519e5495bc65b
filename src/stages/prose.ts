/**
 * Family D of FORMATS.md: prose grouped by topic (S19). A numbered topic line
 * (`1.制度の対象に関するご意見`) heads paragraphs that print an opinion, the
 * list of who sent it in parentheses on a line of its own (`(オホーツク21世紀を
 * 考える会、(株)電算、個人(3名))`), then the answer, and again for the next
 * opinion of the topic. Such a document is read into the blocks a table gives,
 * as labelled.ts does: a header row (意見, 考え方), a heading per topic and a
 * row per opinion, whose opinion cell ends with its submitter list (which
 * split-comments reads as any trailing (…) mark).
 *
 * Nothing but the submitter list marks where an opinion ends, and nothing
 * marks where an answer ends and the next opinion starts: the next opinion is
 * taken to be the one paragraph right above its submitter list (the first of
 * a topic, all the paragraphs above it). A `prose-opinions` info says so.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isSubmitterMark } from '../normalize/submitters.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { cellOfLinePieces, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/**
 * `1.制度の対象に関するご意見`, `（２）料金に関する御意見等`, `【料金に関するご意見】`, `■料金に関する御意見`:
 * a numbered, bracketed or bulleted line that names the opinions below it.
 */
const TOPIC =
  /^[ \u3000]*(?:(?:[0-9０-９]{1,2}[.．、]|[(（][0-9０-９]{1,2}[)）]|[■□●◆◇])[ \u3000]*[^ \u3000].{0,60}[御ご]?意見(?:等|について)?|【[^【】]{0,60}[御ご]?意見(?:等|について)?】)[ \u3000]*$/;
/** A line that is all one parenthesis: `(A会、(株)電算、個人(3名))`. */
const PARENTHESISED = /^[ \u3000]*[(（](.+)[)）][ \u3000]*$/;

/** Is the line a list of who sent an opinion: a parenthesis that reads as a submitter mark (a joint one, `個人(3名)` among them)? */
function isSubmitterLine(text: string): boolean {
  const inner = PARENTHESISED.exec(text)?.[1];
  return inner !== undefined && isSubmitterMark(inner, NO_LIST);
}

/** Before split-comments, the notice's list is not at hand: a mark reads as a submitter by its words alone. */
const NO_LIST: ReadonlySet<string> = new Set();

function isTopic(line: Line): boolean {
  return TOPIC.test(line.text) && !/[。．]$/.test(line.text.trim());
}

/** Does a topic line head a submitter list before the next topic line? */
export function hasProseByTopic(lines: readonly Line[]): boolean {
  return firstTopic(lines) >= 0;
}

function firstTopic(lines: readonly Line[]): number {
  let topic = -1;
  for (const [index, line] of lines.entries()) {
    if (isTopic(line)) topic = index;
    else if (topic >= 0 && isSubmitterLine(line.text)) return topic;
  }
  return -1;
}

/** One opinion: its paragraphs, the line listing its submitters, and the paragraphs of its answer. */
interface Group {
  opinion: Line[];
  submitters: Line;
  response: Line[];
}

/**
 * The blocks of a notice of prose by topic. `classify` reads the lines before
 * the first topic (the title block), the headings, and the lines of a topic
 * that no opinion takes.
 */
export function proseBlocks(lines: readonly Line[], classify: (line: Line) => Block, file: VFile): Block[] {
  const first = firstTopic(lines);
  const start = lines[first] as Line;
  const blocks: Block[] = lines.slice(0, first).map(classify);
  blocks.push({ type: 'row', line: start.number, endLine: start.number, start: start.start, end: start.start, cells: [null, null], texts: ['意見', '考え方'] });
  report(
    file,
    'prose-opinions',
    'Unexpected opinions printed as prose under topic lines (FORMATS.md family D), expected a table: each opinion is the paragraph right above its submitter list (the first of a topic, all the paragraphs above it), and its answer the paragraphs below, up to the next opinion or topic; check an opinion of several paragraphs',
    { line: start.number, column: 1, offset: start.start },
  );
  let groups: Group[] = [];
  let pending: Line[] = [];
  const endTopic = (): void => {
    const last = groups.at(-1);
    if (last) last.response.push(...pending);
    else for (const line of pending) blocks.push(classify(line));
    for (const group of groups) blocks.push(groupRow(group, file));
    groups = [];
    pending = [];
  };
  for (const line of lines.slice(first)) {
    const block = classify(line);
    if (isTopic(line) || block.type === 'heading') {
      endTopic();
      blocks.push(block.type === 'heading' ? block : { type: 'heading', line: line.number, column: block.type === 'text' ? block.column : 1, text: line.text.trim(), style: 'plain', depth: 0 });
    } else if (isSubmitterLine(line.text)) {
      const last = groups.at(-1);
      // After an answer, only the paragraph right above is the next opinion.
      const opinion = last ? pending.splice(Math.max(0, pending.length - 1)) : pending.splice(0);
      if (last) last.response.push(...pending);
      groups.push({ opinion, submitters: line, response: [] });
      pending = [];
    } else if (block.type === 'text') {
      pending.push(line);
    } else if (block.type !== 'break') {
      blocks.push(block);
    }
  }
  endTopic();
  return blocks;
}

/** A row of the opinion: its paragraphs and its submitter list, then its answer. */
function groupRow(group: Group, file: VFile): RowBlock {
  const opinion = cellOfLinePieces([...group.opinion, group.submitters].map((line) => linePiece(line)), file);
  const response = cellOfLinePieces(group.response.map((line) => linePiece(line)), file);
  const first = group.opinion[0] ?? group.submitters;
  const last = group.response.at(-1) ?? group.submitters;
  const cells = [opinion, response];
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells, texts: cells.map(rowCellText) };
}
