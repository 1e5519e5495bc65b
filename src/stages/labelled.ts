/**
 * Family E of FORMATS.md: labelled paragraphs instead of a table. Each opinion
 * opens with a label line (`○ 意見1(本文は別添の p.1∼7)`, `意見番号:3`) and
 * its answer with another (`○ 総務省の考え方1`, `[回答]`); the lines below a
 * label are its text. Such a document is read into the blocks a table gives:
 * a header row (番号, 意見, …の考え方), then a row per opinion whose cells are
 * its label, its lines and its answer's lines, so that every later stage reads
 * it as it reads a table. The label lines are structure, as a header row is:
 * only the label (`意見1`) and the text beside it are counted as cell text.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { opinionKey } from '../normalize/outcome.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { cellOfLinePieces, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

const BULLET = '[○◯●◎■□◆◇・]?[ \\u3000]*';
const NUMBER = '[0-9０-９]+(?:[-－‐][0-9０-９]+)*';
/** The words of a label of an opinion without a number: `お寄せいただいた意見`, `御意見`, `意見の概要`. */
const UNNUMBERED_WORDS = '(?:お寄せいただいた|寄せられた|提出された|いただいた)?[御ご]?意見(?:の(?:概要|要旨|内容))?';

/**
 * How a label ends: a closing bracket, else where the text (after a space, a
 * parenthesis or a colon) or the line ends. A colon after it (`意見1：…`) is
 * the label's, not the text's.
 */
const LABEL_END = `(?:[ \\u3000]*[\\]］】〕>＞)）]|(?=$|[ \\u3000(（:：]))(?:[ \\u3000]*[:：])?`;

/** `○ 意見1`, `意見 12`, `意見番号:3`, `ご意見1-2`, `【意見1】`: the label ends where text, a bracket or the line starts. */
const OPINION_LABEL = new RegExp(`^(${BULLET}(?:[[［【〔<＜(（][ \\u3000]*)?)((?:御|ご)?意見[ \\u3000]*(?:番号[ \\u3000]*[:：]?[ \\u3000]*)?(${NUMBER}))${LABEL_END}`);

/**
 * A notice printed as questions and answers: `Q1`, `Ｑ２`, `Q.3`, `問4` label
 * an opinion, and `A1`, `Ａ２`, `A.3`, `答4` its answer. Only in a document
 * whose first label is a question: elsewhere a line may open with `A1` (a
 * paper size, a table cell) and be no answer.
 */
const QUESTION_LABEL = new RegExp(`^(${BULLET}(?:[[［【〔<＜(（][ \\u3000]*)?)((?:[QＱ]|問)[ \\u3000]*[.．]?[ \\u3000]*(${NUMBER}))${LABEL_END}`);
const ANSWER_LABEL = new RegExp(`^${BULLET}(?:[[［【〔<＜(（][ \\u3000]*)?(?:[AＡ]|答)[ \\u3000]*[.．]?[ \\u3000]*(${NUMBER})${LABEL_END}`);

/**
 * `[お寄せいただいた意見]`, `【御意見】`, `＜意見の概要＞` (S29): a bracketed heading of an opinion without a number, alone on its line or before its words;
 * or such words before a colon (`ご意見：…`, `意見の要旨：…`), as 回答: labels an answer.
 */
const UNNUMBERED_LABEL = new RegExp(
  `^${BULLET}(?:[[［【〔<＜(（][ \\u3000]*${UNNUMBERED_WORDS}[ \\u3000]*[\\]］】〕>＞)）][ \\u3000]*[:：]?|${UNNUMBERED_WORDS}[ \\u3000]*[:：])`,
);

/**
 * `○ 総務省の考え方1`, `[回答]`, `【市の検討結果と理由】`, `回答:`: a whole line, or a
 * bracketed label or one ending in a colon before the answer's first words.
 * The body before の (`総務省`) names who answers; a title such as
 * `…意見に対する総務省の考え方` is no label (its words before の speak of 意見).
 */
const RESPONSE_LABEL = new RegExp(
  `^${BULLET}(?:[[［【〔(（<＜][ \\u3000]*([^\\s[\\]［］【】〔〕()（）<>＜＞]{1,20}?の)?(?:考え方|回答|検討結果(?:と理由)?)[ \\u3000]*(${NUMBER})?[ \\u3000]*[\\]］】〕)）>＞][ \\u3000]*[:：]?` +
    `|([^\\s[\\]［］【】〔〕()（）]{1,20}?の)?(?:考え方|回答|検討結果(?:と理由)?)[ \\u3000]*(${NUMBER})?[ \\u3000]*(?:[:：]|$))`,
);

/** A line that is only an opinion's number (`No.1`, `1.`, `【No.2】`), printed over a label without one (`【意見】`): the opinion's number. */
const NUMBER_LINE = new RegExp(`^[ \\u3000]*[[［【(（]?[ \\u3000]*(?:(?:No|NO|№)\\.?[ \\u3000]*)?(${NUMBER})[.．]?[ \\u3000]*[\\]］】)）]?[ \\u3000]*$`);

/** `以上`, the word that ends a Japanese document, ends the last answer. */
const END_MARK = /^[ \u3000]*以上[ \u3000]*$/;

interface OpinionLabel {
  /** Where the label (`意見1`) starts and ends in the line's text, and where the words after it (and its closing bracket) start. */
  labelStart: number;
  labelEnd: number;
  textStart: number;
  /** null for a heading without a number (`[お寄せいただいた意見]`): the opinion is keyed by its place. */
  key: string | null;
}

interface ResponseLabel {
  /** Where the answer's own words start in the line's text (after the label). */
  textStart: number;
  key: string | null;
  /** `総務省の考え方`, `考え方`: what a header cell of the answer column would say. */
  header: string;
}

/** A document's labels: 意見N and …の考え方 (`opinion`), or questions and answers (`question`, {@link QUESTION_LABEL}). Its first label tells. */
type LabelStyle = 'opinion' | 'question';

function opinionLabel(text: string, style: LabelStyle): OpinionLabel | null {
  const match = (style === 'question' ? QUESTION_LABEL : OPINION_LABEL).exec(text);
  if (match?.[2] && match[3]) {
    const labelStart = (match[1] ?? '').length;
    return { labelStart, labelEnd: labelStart + match[2].length, textStart: match[0].length, key: opinionKey(match[3]) };
  }
  const heading = style === 'opinion' ? UNNUMBERED_LABEL.exec(text) : null;
  return heading ? { labelStart: 0, labelEnd: 0, textStart: heading[0].length, key: null } : null;
}

function responseLabel(text: string, style: LabelStyle): ResponseLabel | null {
  if (style === 'question') {
    const answer = ANSWER_LABEL.exec(text);
    return answer?.[1] ? { textStart: answer[0].length, key: opinionKey(answer[1]), header: '回答' } : null;
  }
  const match = RESPONSE_LABEL.exec(text);
  if (!match) return null;
  const who = match[1] ?? match[3];
  if (who !== undefined && /意見|に対する/.test(who)) return null;
  const number = match[2] ?? match[4];
  return { textStart: match[0].length, key: number === undefined ? null : opinionKey(number), header: `${who ?? ''}考え方` };
}

/** The first line an opinion label opens, and the style of the document's labels; null when no line opens with one. */
function firstLabel(lines: readonly Line[]): { first: number; style: LabelStyle } | null {
  for (const [first, line] of lines.entries()) {
    if (opinionLabel(line.text, 'opinion')) return { first, style: 'opinion' };
    if (opinionLabel(line.text, 'question')) return { first, style: 'question' };
  }
  return null;
}

/** Does an opinion label open a line with an answer label further down? (The caller checks that the text holds no table.) */
export function hasLabelledParagraphs(lines: readonly Line[]): boolean {
  const label = firstLabel(lines);
  return label !== null && lines.slice(label.first + 1).some((line) => responseLabel(line.text, label.style) !== null);
}

/** One labelled part: the label line and the lines of text below it. */
interface Part {
  line: Line;
  body: Line[];
}
interface OpinionPart extends Part {
  label: OpinionLabel;
  responses: ResponsePart[];
  /** The line above a label without a number that prints the opinion's number alone (`No.1` over `【意見】`). */
  numberLine: Line | null;
}
interface ResponsePart extends Part {
  label: ResponseLabel;
  /** Printed right below its opinion (or its opinion's previous answer), so the opinion's row spans it. */
  follows: boolean;
}

/**
 * The blocks of a labelled document. `classify` reads the lines before the
 * first opinion label (the title block), the lines outside any part, and the
 * headings, which end a part (but for a `【…】` line among an opinion's lines).
 * An answer belongs to the opinion of its number (`考え方3` to `意見3`,
 * wherever it is printed), else to the opinion it follows.
 */
export function labelledBlocks(lines: readonly Line[], classify: (line: Line) => Block, file: VFile): Block[] {
  // Called where hasLabelledParagraphs found a label; without one, every line would be read as outside any part.
  const { first, style } = firstLabel(lines) ?? { first: 0, style: 'opinion' };
  const items: (Block | OpinionPart)[] = lines.slice(0, first).map(classify);
  const opinions: OpinionPart[] = [];
  /** The latest opinion of each number so far: the one an answer of that number belongs to. */
  const byKey = new Map<string, OpinionPart>();
  let open: Part | null = null;
  let header: string | null = null;
  /** Lines of the open part after its last blank line (null before one): a short heading there (`項目 2 子育て支援`) belongs to the next opinion. */
  let sinceBlank: Line[] | null = null;
  /** The line just read, when it went to `items` as the last of them and prints a number alone (`No.3` after a heading, or over the first label). */
  let numberItem: Line | null = first > 0 && NUMBER_LINE.test((lines[first - 1] as Line).text) ? (lines[first - 1] as Line) : null;
  for (const line of lines.slice(first)) {
    const opinion = opinionLabel(line.text, style);
    const label = opinion || opinions.length === 0 ? null : responseLabel(line.text, style);
    // An answer carries its question's number: `A4` that answers no question above is text (a paper size).
    const response = style === 'question' && label !== null && !byKey.has(label.key ?? '') ? null : label;
    const numberAbove = numberItem;
    numberItem = null;
    if (opinion) {
      const numberLine = opinion.key === null ? takeNumberLine(open, sinceBlank, items, numberAbove) : null;
      if (open && sinceBlank && sinceBlank.length > 0 && sinceBlank.every(isShortHeading)) {
        open.body.splice(open.body.length - sinceBlank.length);
        for (const heading of sinceBlank) items.push(classify(heading));
      }
      const key = numberLine ? opinionKey(NUMBER_LINE.exec(numberLine.text)?.[1] ?? '') : opinion.key;
      const part: OpinionPart = { line, body: [], label: { ...opinion, key }, responses: [], numberLine };
      opinions.push(part);
      if (key !== null) byKey.set(key, part);
      items.push(part);
      open = part;
      sinceBlank = null;
    } else if (response) {
      const part: ResponsePart = { line, body: [], label: response, follows: false };
      const target = answered(opinions.at(-1) as OpinionPart, byKey, part, file);
      const latest = target.responses.at(-1);
      part.follows = open === target || (latest !== undefined && open === latest && latest.follows);
      target.responses.push(part);
      header ??= response.header;
      open = part;
      sinceBlank = null;
    } else if (line.text.trim() === '' && open) {
      sinceBlank = [];
      continue;
    } else {
      const block = classify(line);
      // A `【…】` line among an opinion's lines names its submitter (【個人A】); elsewhere it heads a section.
      const inOpinion = open !== null && 'responses' in open && block.type === 'heading' && block.style === 'bracket';
      if (open && ((block.type === 'text' && !END_MARK.test(line.text)) || inOpinion)) {
        open.body.push(line);
        sinceBlank?.push(line);
      } else {
        open = null;
        items.push(block);
        if (NUMBER_LINE.test(line.text)) numberItem = line;
      }
    }
  }
  const start = lines[first] as Line;
  // Headings without numbers (`[お寄せいただいた意見]`) give a table without a number column: its rows are keyed by place.
  const numbered = opinions.some((opinion) => opinion.label.key !== null);
  const texts = [...(numbered ? ['番号'] : []), '意見', header ?? '考え方'];
  const headerRow: RowBlock = { type: 'row', line: start.number, endLine: start.number, start: start.start, end: start.start, cells: texts.map(() => null), texts };
  return items.flatMap((item) => ('label' in item ? [...(item === opinions[0] ? [headerRow] : []), opinionRow(item, numbered, file)] : [item]));
}

/**
 * The number line right above a label without a number, taken out of where it was read: the
 * lines of the open part (an answer above), or the items (the title block, or after a heading),
 * whose last is then its block.
 */
function takeNumberLine(open: Part | null, sinceBlank: Line[] | null, items: (Block | OpinionPart)[], numberItem: Line | null): Line | null {
  if (open) {
    const last = open.body.at(-1);
    if (!last || !NUMBER_LINE.test(last.text)) return null;
    open.body.pop();
    if (sinceBlank?.at(-1) === last) sinceBlank.pop();
    return last;
  }
  if (numberItem) items.pop();
  return numberItem;
}

/** A line that heads what follows rather than ends a text: short, no sentence, and no `【…】` submitter mark. */
function isShortHeading(line: Line): boolean {
  const text = line.text.trim();
  return text.length <= 40 && !/[。．.!?！？]$/.test(text) && !/^【[^【】]+】$/.test(text);
}

/** The opinion an answer belongs to: the nearest one above with its number, else the one just above (reported when its number names none). */
function answered(above: OpinionPart, byKey: ReadonlyMap<string, OpinionPart>, response: ResponsePart, file: VFile): OpinionPart {
  const { key } = response.label;
  if (key === null) return above;
  const numbered = byKey.get(key);
  if (numbered) return numbered;
  report(
    file,
    'label-unmatched',
    `Unexpected answer label ${JSON.stringify(response.line.text.trim())} whose number names no opinion, expected 意見${key} before it: its text is the answer to the opinion just above (line ${above.line.number})`,
    { line: response.line.number, column: 1, offset: response.line.start },
  );
  return above;
}

/** A row of the opinion: its label, its lines, and the lines of its answers; the row spans the answers printed right below it. */
function opinionRow(opinion: OpinionPart, numbered: boolean, file: VFile): RowBlock {
  const { line, label } = opinion;
  // One paragraph per line: a label line's words, then each line below it.
  const numberPiece = opinion.numberLine ? linePiece(opinion.numberLine) : linePiece(line, label.labelStart, label.labelEnd);
  const number = numbered ? [cellOfLinePieces([numberPiece], file)] : [];
  const text = cellOfLinePieces([linePiece(line, label.textStart), ...opinion.body.map((body) => linePiece(body))], file);
  const response = cellOfLinePieces(opinion.responses.flatMap((part) => [linePiece(part.line, part.label.textStart), ...part.body.map((body) => linePiece(body))]), file);
  // An answer label with no text (`考え方` heading the answers of a column-major notice) extends nothing.
  const spanned: Part = opinion.responses.findLast((part) => part.follows && (part.body.length > 0 || part.line.text.slice(part.label.textStart).trim() !== '')) ?? opinion;
  const last = spanned.body.at(-1) ?? spanned.line;
  const cells = [...number, text, response];
  const first = numberPiece ?? { line, from: label.labelStart };
  return { type: 'row', line: first.line.number, endLine: last.number, start: first.line.start + first.from, end: last.end, cells, texts: cells.map(rowCellText) };
}
