/**
 * The title block: what comes before the first opinion table. Result notices
 * print there the title (…に対して提出された意見及びその意見に対する総務省の
 * 考え方), the consultation period(s), the number of submitters, by type or
 * in total, and often their list (行政手続法 §43 ④ asks the result to be
 * published with the opinions submitted).
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { respondentFrom } from '../normalize/columns.js';
import { draftChangesOf, statesDraftChanges } from '../normalize/draft-changes.js';
import { findDate, findPeriod, firstDateYear, type YearContext } from '../normalize/dates.js';
import { asciiDigits, COUNT_DIGITS, digitsValue, MAX_DIGITS, parseSubmitterGroup, type SubmitterGroup } from '../normalize/submitters.js';
import type { Consultation, CountBreakdown, GlossaryEntry, NoticeNote, Period, PublishedDate } from '../schema/records.js';
import type { TitleLine } from './assemble-rows.js';

export interface Count {
  count: number;
  /** 者, 件, 通 … as printed; null where the count has none (`9の個人及び団体`). */
  unit: string | null;
  line: number;
}

export interface NoticeHeader {
  title: string | null;
  subject: string | null;
  respondent: string | null;
  /** A body printed alone on a line of the title block (消費者庁 under the date): the respondent when no header names one. */
  issuer: string | null;
  period: Period | null;
  rePeriod: Period | null;
  submitterCount: Count | null;
  reSubmitterCount: Count | null;
  /** The opinions the notice says it received, stated beside its submitters (`18の個人及び団体より延べ73件`): 73. */
  opinionCount: Count | null;
  /** The opinions it says were about something else (`うち本案件外のもの 24,851件`). */
  unrelatedOpinionCount: Count | null;
  groups: SubmitterGroup[];
  /** Counts by type from a table (団体 | 事業者 | 個人 over 5件 | 2件 | 4件). */
  breakdown: CountBreakdown[];
  /** The e-Gov 案件番号, in ASCII digits. */
  caseNumber: string | null;
  /** The e-Gov cover's 命令等の公布日・決定日. */
  decided: PublishedDate | null;
  /** The e-Gov cover's 根拠法令項, as printed. */
  legalBasis: string | null;
  /** When the result was published: a date alone on a line of the title block, or a 結果の公示日 line. */
  published: PublishedDate | null;
  /** Abbreviations and legend marks the title block defines (凡例). */
  glossary: GlossaryEntry[];
  /** Notes on how the notice counted and summarised (`※同趣旨の御意見は適宜集約しています。`). */
  notes: NoticeNote[];
  /** The consultations of a notice that reports several, each with its own period and count; empty for one. */
  consultations: Consultation[];
}

/** The words that end a title and follow the subject of the consultation; the opinions may be qualified (`科学的・技術的意見`, S23). */
/** A title line that opens with the particle after its subject: the subject is on the line above. */
/** The words a notice's title ends with: `…意見募集の結果について`, `…に対する考え方`. */
const TITLE_END = /(?:考え方|回答|概要|結果)(?:について)?[ \u3000]*$/;
const TITLE_CONTINUATION = /^[ \u3000]*(?:に対して|に対する|に関して|に関する|についての|に係る|への)/;
const TITLE_TAIL = /(?:に対して|に対する|に関して|に関する|についての|に係る|への)(?:提出された|寄せられた)?(?:御|ご)?(?:[^\s、。]{0,8}的)?(?:意見|コメント|パブリックコメント).*$/;
const NUMBER = `(${COUNT_DIGITS})\\s*(者|件|通|名)`;
/** After a 提出者数 label the unit may be missing or in parentheses (`意見提出者数:13(団体、個人)`). */
const LABELLED_NUMBER = `(${COUNT_DIGITS})\\s*(?:(者|件|通|名|人)|(?!\\s*(?:団体|個人|法人|事業者|企業|社)))`;
// Not after 延べ or のべ: `のべ意見数 1796件` counts opinions (notice.opinionCount), not who sent them.
const COUNT_LABEL = '(?<!(?:延べ|のべ)[ \\u3000]?[御ご]?)(?:提出(?:意見|者)数|意見提出(?:者|件)?数|提出された(?:御)?意見の数|御?意見(?:の)?(?:提出)?(?:件|総)?数|総意見数|(?<!再|再意見の?)(?:意見の?)?提出者)\\s*[:：]?\\s*(?:合?計|延べ|のべ)?\\s*';
const COUNTS: readonly RegExp[] = [
  // Opinions, then the people who sent them (`63件(14人)`, S29): the people are the submitters.
  new RegExp(`${COUNT_LABEL}${COUNT_DIGITS}\\s*件\\s*[(（]\\s*(${COUNT_DIGITS})\\s*(者|人|名)\\s*[)）]`),
  // `意見数 12件(提出者数 8)`: the people named inside the parentheses.
  new RegExp(`${COUNT_LABEL}${COUNT_DIGITS}\\s*件\\s*[(（]\\s*(?:意見)?提出者数?\\s*[:：]?\\s*(${COUNT_DIGITS})\\s*(者|人|名)?\\s*[)）]`),
  new RegExp(`${COUNT_LABEL}${LABELLED_NUMBER}`),
  // Only from the first digit of a number: tried at every digit, a long run of digits costs its length squared.
  // `18の個人及び団体より`, `209 の個人又は団体から` (S9, S1).
  new RegExp(`(?<![0-9０-９,，])(${COUNT_DIGITS})\\s*の(?:(?:個人|団体|法人)(?:及び|又は|・|と)(?:個人|団体|法人)|者)()`),
  // `2名の方から4件のご意見をいただきました` (municipal results): the people, not the opinions.
  new RegExp(`(?<![0-9０-９,，])(${COUNT_DIGITS})\\s*(名|人|者|団体)(?:の方)?(?:から|より)`),
  new RegExp(`^(?:合 ?計|総 ?数|計)\\s*${NUMBER}`),
  // `2件の意見が提出されました`, `15件の御意見をいただきました` (the e-Gov result template's sentence).
  new RegExp(`(?<![0-9０-９,，])${NUMBER}の(?:御|ご)?(?:意見|コメント)(?:等)?(?:が(?:提出|寄せ)|を(?:いただ|頂|受け))`),
];
/** One `label N unit` of a count by type printed in a line: `団体 75 件`, `個人:197通`, `うち団体3者` (the label 団体). */
const INLINE_COUNT = new RegExp(`(?:うち)?([^\\s:：、,，()（）0-9０-９]{1,12})\\s*[:：]?\\s*(${COUNT_DIGITS})\\s*(者|件|通|名|人)`, 'g');
/**
 * What may stand between the counts of such a line: `(うち、…)` and the total it breaks down, after the line's item number
 * (`２　提出意見数…`, `イ 提出意見数…`, `２．意見総数…`, whose `．` the total's label took).
 */
const INLINE_FILLER = /^(?:(?:[0-9０-９]{1,2}|[ア-ン])[.．]?(?=[\s\u3000()（）]))?(?:[\s、,，()（）]|うち)*$/;
/** `5名（団体2、個人3）`: counts by type in parentheses after a total, printed without a unit (the total's, group 2; the parts in group 3). */
const UNITLESS_PARTS = new RegExp(`(${COUNT_DIGITS})\\s*(者|件|通|名|人)\\s*[(（]\\s*(?:うち[、,，]?)?((?:[^\\s:：、,，・()（）0-9０-９]{1,12}\\s*[:：]?\\s*${COUNT_DIGITS}\\s*[、,，・]?\\s*){2,})[)）]`);
const UNITLESS_PART = new RegExp(`([^\\s:：、,，・()（）0-9０-９]{1,12})\\s*[:：]?\\s*(${COUNT_DIGITS})`, 'g');
/** A count of one type on a line of its own, maybe after a bullet: `○団体・事業者:89 者`, `・封書によるもの 1,649通`, `○個人(匿名含む):120 者` (S1, S21). */
const TYPE_COUNT_LINE = new RegExp(`^[ \\u3000]*([○◯●・･])?[ \\u3000]*([^\\s:：0-9０-９()（）○◯●・･][^\\s:：0-9０-９()（）]{0,19}(?:[(（][^()（）]{1,12}[)）])?)[ \\u3000]*[:：]?[ \\u3000]*(${COUNT_DIGITS})[ \\u3000]*(者|件|通|名|人)[ \\u3000]*$`);
/** Besides a total, a label that counts the consultation (`意見提出者 5名`), not a type of submitter. */
const CONSULTATION_LABEL = /意見|提出|コメント/;
/** A total rather than a type: `総数`, `合計`, `意見提出件数` (and `再意見提出件数`, the other round's). */
const TOTAL_LABEL = /^(?:合計|計)$|数$/;
const RE_COUNT = new RegExp(`再意見(?:提出(?:者|件)?数|数|の?提出者)\\s*[:：]?\\s*${NUMBER}`);
/** A body printed alone on a line (`消費者庁`), or before its bureaus, spaced or not (`総務省 総合通信基盤局`, `農林水産省消費・安全局`): the first is the issuer. */
const GOVERNMENT_BODY = /^([^\s、。:：()（）0-9０-９]{1,20}(?:省|庁|府|委員会|本部|事務局))(?:[ \u3000]*[^\s、。:：()（）0-9０-９]{1,20}(?:局|部|課|室|センター))*$/;
/** The e-Gov result cover names what was consulted on: `定めた命令等の題名 …`, `命令等の案の題名 …`. */
const SUBJECT_LINE = /^(?:定めた)?命令等(?:の案)?の題名[ \u3000]*[:：]?[ \u3000]*(\S.*)$/;
/** Opinions counted as about something else than the draft (FORMATS.md hard case 14): `うち本案件外のもの 24,851件` (S21), `本案と関係のない御意見が1件`. */
const UNRELATED_OPINIONS = new RegExp(`(?:本案件外|(?:本件|本案|本案件|本省令案|案件)(?:と|に)は?(?:直接)?(?:関係|関連)(?:の|し)?(?:ない|しない))[^0-9０-９。]{0,12}?(${COUNT_DIGITS})\\s*(件|通)`);
/** The e-Gov case's number, on a line or a cover table's row: `案件番号 495230123`, `案件番号：４９５２３０１２３`. */
const CASE_NUMBER_LINE = /^(?:e-Gov[ \u3000]*)?案件番号[ \u3000]*[:：]?[ \u3000]*([0-9０-９]{6,12})$/;
/** The e-Gov cover's day the rule was promulgated or decided: `命令等の公布日・決定日 2025年01月20日`, `公布日：令和7年1月20日`. */
const DECIDED_LINE = /^(?:命令等の)?(?:公布日|決定日)(?:[・･/／](?:公布日|決定日))?[ \u3000]*[:：]?[ \u3000]*\S/;
/** The e-Gov cover's provision the rule rests on: `根拠法令項 電波法第四条`. */
const LEGAL_BASIS_LINE = /^根拠(?:法令条項|法令項|法令|条項|規定)[ \u3000]*[:：]?[ \u3000]*(\S.*)$/;
/** A line that only names the period, whose dates follow on the next line (`1 意見募集期間`). */
const PERIOD_LABEL_LINE = /^(?:[0-9０-９]+[.．、 \u3000]*|[(（][0-9０-９]+[)）][ \u3000]*)?(?:[御ご]?意見(?:の)?)?(?:募集|公募|提出|受付)期間[ \u3000:：]*$/;
/** The period's ends on lines of their own, as e-Gov's case page prints them: `案の公示日 2024年12月01日`, `意見・情報受付締切日 2025年01月06日`. */
const PERIOD_START_LINE = /案の公示日|(?:募集|受付|提出)開始日/;
const PERIOD_END_LINE = /受付締切日|(?:募集|受付|提出)(?:終了|締切|締め切り)日|提出期限/;
/** A line that only names the count, which follows on the next line (`2 提出意見数`). */
const COUNT_LABEL_LINE = new RegExp(`^(?:[0-9０-９]+[.．、 \\u3000]*|[(（][0-9０-９]+[)）][ \\u3000]*)?(${COUNT_LABEL})$`);
const COUNT_CELL = new RegExp(`^(${COUNT_DIGITS})\\s*(件|者|通|名)$`);

/** Is `text` a count table's cell (`5件`, `１２者`)? */
export function isCountCell(text: string): boolean {
  return COUNT_CELL.test(text.trim());
}

/**
 * `主な意見と対応については別添のとおり。` (FORMATS.md family G), `提出者及び提出意見は、別紙2のとおりです。`
 * (family H), `…ご意見とそれに対する国土交通省の考え方は別紙のとおりです。` (an e-Gov result's cover),
 * `考え方は後日公表します`: a line saying the opinions are printed in another file.
 */
const ELSEWHERE = /(?:意見|考え方|回答)[^。]*(?:別添|別紙|別冊|添付(?:資料)?)[^。、\s]{0,6}?[のに]?(?:とおり|通り|記載|掲載)|(?:考え方|回答)[^。]*(?:後日|追って)公表/;

/**
 * `意見の提出はありませんでした。`, `提出された御意見はございません。`, `提出意見数：0件`, `提出意見数 なし`: a
 * line saying no opinion was submitted (a consultation may get none). Not `再意見の提出は…`, the second round's.
 */
const NONE_SUBMITTED = new RegExp(
  `(?<!再)(?:意見|コメント)(?:等|・情報)?の提出(?:者)?は(?:ありません|ございません|なかった|無かった|なし)|提出された[御ご]?(?:意見|コメント)(?:等)?は(?:ありません|ございません|なかった|無かった)|(?<!再)(?:意見|コメント)(?:等)?は(?:寄せられ|提出され)(?:ませんでした|なかった)|(?<!再)${COUNT_LABEL}(?:[0０]\\s*(?:件|者|通|名|人)?(?![0-9０-９.,，])|なし)`,
);

/** The sentence of the title block that says the opinions are printed in another file, and its line, if one does. */
export function opinionsElsewhere(lines: readonly TitleLine[]): { line: number; sentence: string } | null {
  return sentenceSaying(lines, ELSEWHERE);
}

/** The sentence of the title block that says no opinion was submitted, and its line, if one does. */
export function noOpinionsSubmitted(lines: readonly TitleLine[]): { line: number; sentence: string } | null {
  return sentenceSaying(lines, NONE_SUBMITTED);
}

function sentenceSaying(lines: readonly TitleLine[], pattern: RegExp): { line: number; sentence: string } | null {
  for (const line of lines) {
    const sentence = line.cells === null ? line.text.split(/(?<=。)/).find((part) => pattern.test(part)) : undefined;
    if (sentence) return { line: line.line, sentence: sentence.trim() };
  }
  return null;
}

/** A note's mark at the start of a line: `※`, `※1`, `＊`, `注:`, `注1：`, `(注)`, `（注2）`. */
const NOTE_START = /^(?:※|＊|注[0-9０-９]*[:：]|[(（]注[0-9０-９]*[)）])/;
/** A note after the words of a line, parted from them by a space (`提出意見数:6者 ※提出意見数は、意見提出者数としています。`). */
const NOTE_TAIL = /[ \u3000]((?:※|＊).*)$/;

/** The note a line prints (the whole line, or its tail from the mark), as printed; null when it prints none. */
export function noteIn(text: string): string | null {
  const trimmed = text.trim();
  if (NOTE_START.test(trimmed)) return trimmed;
  return NOTE_TAIL.exec(trimmed)?.[1]?.trim() ?? null;
}

/**
 * `legendLines`: lines after the first table that define legends (a footnote `※対応区分 A：…`), read into the glossary after the title block's.
 * `noteLines`: the notes printed after the first table (`※御意見は要約しています。`), kept after the title block's.
 * `periodYear`: the year of a period printed without one, where no dated line comes before it (the `periodYear` override).
 */
export function readHeader(lines: readonly TitleLine[], file: VFile, legendLines: readonly TitleLine[] = [], noteLines: readonly TitleLine[] = [], periodYear: number | null = null): NoticeHeader {
  const header: NoticeHeader = {
    title: null,
    subject: null,
    respondent: null,
    issuer: null,
    period: null,
    rePeriod: null,
    submitterCount: null,
    reSubmitterCount: null,
    opinionCount: null,
    unrelatedOpinionCount: null,
    groups: [],
    breakdown: [],
    caseNumber: null,
    decided: null,
    legalBasis: null,
    published: null,
    glossary: [],
    notes: [],
    consultations: [],
  };
  const titleLine = lines.find((line) => TITLE_TAIL.test(line.text) && /考え方|回答|概要|結果/.test(line.text)) ?? lines.find((line) => line.isMainHeading) ?? lines[0];
  // A title wrapped before its particle (`「…基本指針」` / `に関するパブリックコメントの…`) starts on the line above.
  const titleStart = titleLine && TITLE_CONTINUATION.test(titleLine.text) ? lines[lines.indexOf(titleLine) - 1] : undefined;
  const titleHead = titleStart && titleStart.cells === null && titleStart.line === (titleLine?.line ?? 0) - 1 && !/[。．]$/.test(titleStart.text.trim()) ? titleStart : null;
  // A centred title wrapped after its start (`「…規則案」に関する意見` / `募集の結果について`) ends on the line below.
  const titleNext = titleLine && !/考え方|回答|概要|結果/.test(titleLine.text) ? lines[lines.indexOf(titleLine) + 1] : undefined;
  const titleEnd = titleNext && titleLine && titleNext.cells === null && titleNext.line === titleLine.line + 1 && titleNext.text.trim().length <= 30 && TITLE_END.test(titleNext.text) && TITLE_TAIL.test(titleLine.text.trim() + titleNext.text.trim()) ? titleNext : null;
  if (titleLine) {
    // Trimmed: a title in the first cell of a row keeps the TABs of the row's empty cells (a spreadsheet's export).
    header.title = [titleHead, titleLine, titleEnd].flatMap((line) => (line ? [line.text.trim()] : [])).join('');
    const subject = header.title.replace(TITLE_TAIL, '').trim();
    header.subject = subject !== '' && subject !== header.title ? subject : null;
    header.respondent = respondentFrom(header.title);
  }
  // A title that names no respondent may sit over a line that does (`…ご意見に対する国土交通省の考え方`, S19).
  header.respondent ??= lines.map((line) => (line.cells ? null : respondentFrom(line.text))).find((name) => name !== null) ?? null;
  let periodSeen = false;
  let countsRow: TitleLine | null = null;
  /** The columns of the glossary table being read (略称 | 正式名称), until a row of another width. */
  let glossaryColumns: { term: number; meaning: number; width: number } | null = null;
  /** The count column of the count table being read (区分 | 提出者数 | 意見件数), until a row of another width; its kinds are read unless a breakdown was. */
  let countTable: { column: number; opinions: number | null; width: number; kinds: boolean } | null = null;
  const givenYear: YearContext | null = periodYear === null ? null : { era: null, eraYear: periodYear, gregorianYear: periodYear };
  /** The year of the last full date printed so far, else the override's: a period printed without a year (同年2月9日から…) is in it. */
  let yearBefore = givenYear;
  /** The line above only named the period (`1 意見募集期間`): this one holds its dates. */
  let periodLabelAbove = false;
  /** The line above only named the count (`2 提出意見数`): read this one after that name. */
  let countLabelAbove = '';
  const readPeriodEnd = periodEndsReader(header, file);
  const typeCounts = countsByTypeOnLines(lines);
  header.breakdown = typeCounts.breakdown;
  lines.forEach((line, index) => {
    if (line === titleLine || line === titleHead || line === countsRow) return;
    const cells = cellsOf(line);
    if (cells) {
      if (glossaryColumns?.width === cells.length) {
        readGlossaryRow(header, line, glossaryColumns);
        return;
      }
      glossaryColumns = glossaryHeader(cells);
      if (glossaryColumns) return;
      if (countTable?.width === cells.length && readCountTableRow(header, cells, countTable, line.line, file)) return;
      const columns = countTableColumns(cells);
      countTable = columns === null ? null : { ...columns, width: cells.length, kinds: header.breakdown.length === 0 };
      if (countTable) return;
      const next = lines[index + 1] ?? null;
      if (readBreakdown(header, cells, next ? cellsOf(next) : null)) {
        countsRow = next;
        return;
      }
      // A cover table of label and value (`意見提出期間 | 令和6年2月1日～…`, `提出意見数 | 3件`) reads as its line would.
      const text = titleLineText(line);
      const read = readTextLine(header, line, text, yearBefore, false, file);
      const periodEnd = readPeriodEnd(text, line);
      const published = publishedDateOf(text);
      header.published ??= published;
      yearBefore = firstDateYear(text) ?? yearBefore;
      periodSeen ||= read.period || periodEnd;
      // A row saying what became of the draft (`修正箇所数 | 4箇所`) is read into notice.draftChanges.
      if (!read.any && !periodEnd && !published && !PERIOD_START_LINE.test(text) && !statesDraftChanges(text)) reportUnreadRow(line.line, cells.join(' | '), file);
      return;
    }
    let anyRead = false;
    for (const [part, text] of line.text.split('\n').entries()) {
      if (typeCounts.read.has(`${line.line}:${part}`)) {
        anyRead = true;
        periodLabelAbove = false;
        countLabelAbove = '';
        continue;
      }
      if (readLegendLine(header, text, line.line)) {
        anyRead = true;
        continue;
      }
      const note = noteIn(text);
      if (note !== null) header.notes.push({ text: note, line: line.line });
      const published = publishedDateOf(text);
      header.published ??= published;
      const read = readTextLine(header, line, countLabelAbove ? countLabelAbove + text.trim() : text, yearBefore, periodLabelAbove, file);
      const periodEnd = readPeriodEnd(text, line);
      periodSeen = read.period || periodEnd || periodSeen;
      periodLabelAbove = PERIOD_LABEL_LINE.test(text.trim());
      countLabelAbove = COUNT_LABEL_LINE.exec(text.trim())?.[1] ?? '';
      yearBefore = firstDateYear(text) ?? yearBefore;
      anyRead ||= note !== null || published !== null || read.any || periodEnd || periodLabelAbove || countLabelAbove !== '' || PERIOD_START_LINE.test(text) || statesDraftChanges(text);
    }
    if (line.inCell && !anyRead) reportUnreadRow(line.line, line.text, file);
  });
  header.consultations = readConsultations(lines, givenYear);
  for (const line of legendLines) readLegendLine(header, line.text, line.line);
  for (const line of noteLines) header.notes.push({ text: noteIn(line.text) ?? line.text.trim(), line: line.line });
  // In the order printed: a 提出者一覧's remark in the title block comes with the notes after the tables.
  header.notes.sort((a, b) => a.line - b.line);
  if (!periodSeen) {
    report(file, 'period-missing', 'Unexpected title block without a period, expected a line such as 意見募集期間:平成30年6月7日～平成30年7月6日', lines[0] ? { line: lines[0].line, column: 1 } : null);
  }
  return header;
}

/** A table row over the opinion tables that states none of the notice's facts: reported, so no cell's text goes unseen. */
function reportUnreadRow(line: number, printed: string, file: VFile): void {
  report(file, 'note-outside-table', `Unexpected table row outside the opinion tables: ${printed.slice(0, 60)}`, { line, column: 1 });
}

/** The cells of a title-block row without the empty ones at its end (a spreadsheet's grid is wider than a small table on it); null for a line of text or an empty row. */
/** A title-block line's text as read: a table row's filled cells parted by spaces (`修正箇所数 4箇所`), else the line. */
export function titleLineText(line: TitleLine): string {
  return line.cells ? line.cells.filter((cell) => cell.trim() !== '').join(' ') : line.text;
}

function cellsOf(line: TitleLine): string[] | null {
  const end = line.cells?.findLastIndex((cell) => cell.trim() !== '') ?? -1;
  return end < 0 ? null : (line.cells?.slice(0, end + 1) ?? null);
}

/**
 * A reader of a period whose ends are printed on lines of their own, as
 * e-Gov's case page prints them: it holds the start line until its end line
 * comes. It returns true for an end line that completed a period, readable or not.
 */
function periodEndsReader(header: NoticeHeader, file: VFile): (text: string, line: TitleLine) => boolean {
  let start: { text: string; raw: string; iso: string } | null = null;
  return (text, line) => {
    const found = PERIOD_START_LINE.test(text) || PERIOD_END_LINE.test(text) ? findDate(text) : null;
    if (!found) return false;
    if (PERIOD_START_LINE.test(text)) {
      start = { text: text.trim(), raw: found.raw, iso: found.date.iso };
      return false;
    }
    const held = start;
    start = null;
    if (!held) return false;
    if (found.date.iso < held.iso) {
      report(file, 'period-invalid', `Unexpected end ${found.raw} (${found.date.iso}), expected a date on or after the start ${held.raw} (${held.iso})`, { line: line.line, column: line.text.indexOf(found.raw) + 1 });
    } else {
      header.period ??= { start: held.iso, end: found.date.iso, raw: `${held.text} / ${text.trim()}` };
    }
    return true;
  };
}

/** `結果の公示日 2025年02月01日`, `公表日：令和7年2月1日`: the date the result was published. */
const PUBLISHED_LINE = /結果の公示日|公表日|公示日|発表日/;

/** The date a line of the title block gives the result: the line is that date alone, or names it (not the draft's 案の公示日). */
function publishedDateOf(text: string): PublishedDate | null {
  const found = findDate(text);
  if (!found) return null;
  const alone = found.raw === text.trim();
  return alone || (PUBLISHED_LINE.test(text) && !PERIOD_START_LINE.test(text)) ? { date: found.date.iso, raw: found.raw } : null;
}

/** A header row of a glossary table (凡例): 略称 beside 正式名称 (S7, S8), in either order. */
function glossaryHeader(cells: readonly string[]): { term: number; meaning: number; width: number } | null {
  const plain = cells.map((cell) => cell.replace(/[\s\u3000]+/g, ''));
  const term = plain.findIndex((cell) => /^(?:略称|略語|略記)$/.test(cell));
  const meaning = plain.findIndex((cell) => /^(?:正式名称|正式名|名称|法令名|用語)$/.test(cell));
  return term >= 0 && meaning >= 0 ? { term, meaning, width: cells.length } : null;
}

function readGlossaryRow(header: NoticeHeader, line: TitleLine, columns: { term: number; meaning: number }): void {
  const [term, meaning] = [line.cells?.[columns.term]?.trim() ?? '', line.cells?.[columns.meaning]?.trim() ?? ''];
  if (term !== '' && meaning !== '') header.glossary.push({ term, meaning, line: line.line });
}

/** A legend mark and its meaning on a line of its own: `(−)は、約款の解釈に対する質問事項等であり、…事項。` (S10). */
const LEGEND_LINE = /^([(（](?![0-9０-９]+[)）]|注)[^()（）\s]{1,3}[)）])[ \u3000]*(?:は|[:：])[ \u3000]*[、,]?[ \u3000]*(\S.*)$/;

/** A code of a 対応区分 legend and its meaning: `A：意見を反映し、案を修正したもの`, `Ｂ…既に案に盛り込まれているもの`, `◎・・・反映`. */
const CODE_LEGEND_LINE = /^([A-ZＡ-Ｚ]|[①-⑳]|[○◯△×▲■□◎●☆★])[ \u3000]*(?:[:：＝=]|・{2,}|…+|‥+)[ \u3000]*(\S.{0,79})$/;
/** A code and its separator among several legends on one line (`【対応区分】A：…修正したもの　B：…盛り込まれているもの`): at the line's start or after a space, a comma or a bracket. */
const CODE_LEGEND_MARK = /(?<=^|[ \u3000、，,(（【】])([A-ZＡ-Ｚ]|[①-⑳]|[○◯△×▲■□◎●☆★])[ \u3000]*(?:[:：＝=]|・{2,}|…+|‥+)[ \u3000]*/g;
/** What may head such a line: a label of the legends (`【対応区分】`, `※対応区分:`), short and no sentence. */
const LEGEND_LABEL = /^[^。．]{0,20}$/;

/** Read a legend line into the glossary; true when it was one. */
function readLegendLine(header: NoticeHeader, text: string, line: number): boolean {
  const legends = legendsIn(text);
  for (const { term, meaning } of legends) header.glossary.push({ term, meaning, line });
  return legends.length > 0;
}

/** The legends a line defines: a mark's (`(−)は、…`) or a code's (`A：…`), or several codes' on one line; none for any other line. */
export function legendsIn(text: string): { term: string; meaning: string }[] {
  const legend = LEGEND_LINE.exec(text.trim()) ?? CODE_LEGEND_LINE.exec(text.trim());
  return legend?.[1] && legend[2] ? [{ term: legend[1], meaning: legend[2] }] : codeLegends(text.trim());
}

function occurrences(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Two or more code legends printed on one line, after an optional label: each code and its meaning (up to the next code); none when a meaning is empty. */
function codeLegends(text: string): { term: string; meaning: string }[] {
  const marks = [...text.matchAll(CODE_LEGEND_MARK)];
  const first = marks[0];
  if (marks.length < 2 || !first || !LEGEND_LABEL.test(text.slice(0, first.index))) return [];
  const legends = marks.map((mark, index) => ({
    term: mark[1] ?? '',
    meaning: text
      .slice(mark.index + mark[0].length, marks[index + 1]?.index ?? text.length)
      .trim()
      .replace(/[、，,]$/, ''),
  }));
  // The bracket that closes a parenthesised line of legends (`（A：…　C：…）`) is none of the last meaning's.
  const last = legends.at(-1);
  if (last && /[)）]$/.test(last.meaning) && occurrences(last.meaning, /[(（]/g) < occurrences(last.meaning, /[)）]/g)) last.meaning = last.meaning.slice(0, -1).trimEnd();
  return legends.every((legend) => legend.meaning !== '') ? legends : [];
}

/** What one line of the title block says: a submitter group, the issuer, the subject, counts, a period. `any`: it said one of them. */
function readTextLine(header: NoticeHeader, line: TitleLine, text: string, yearBefore: YearContext | null, periodLabelAbove: boolean, file: VFile): { any: boolean; period: boolean } {
  const group = parseSubmitterGroup(text);
  if (group) {
    header.groups.push(group);
    return { any: true, period: false };
  }
  const body = GOVERNMENT_BODY.exec(text.trim())?.[1];
  if (body) header.issuer ??= body;
  const subject = SUBJECT_LINE.exec(text.trim())?.[1];
  if (subject) header.subject ??= subject.trim();
  const caseNumber = CASE_NUMBER_LINE.exec(text.trim())?.[1];
  if (caseNumber) header.caseNumber ??= asciiDigits(caseNumber);
  const decided = DECIDED_LINE.test(text.trim()) ? findDate(text) : null;
  if (decided) header.decided ??= { date: decided.date.iso, raw: decided.raw };
  const legalBasis = LEGAL_BASIS_LINE.exec(text.trim())?.[1];
  if (legalBasis) header.legalBasis ??= legalBasis.trim();
  const counts = readCounts(header, text, line.line, file);
  const unrelated = UNRELATED_OPINIONS.exec(text);
  if (unrelated) header.unrelatedOpinionCount ??= count(unrelated[1], unrelated[2], line.line, file);
  const breakdown = readInlineBreakdown(header, text);
  const period = (periodLabelAbove || /期間|募集|公募/.test(text)) && readPeriod(header, line, text, yearBefore, file);
  return { any: body !== undefined || subject !== undefined || caseNumber !== undefined || decided !== null || legalBasis !== undefined || counts || unrelated !== null || breakdown || period, period };
}

/** The counts of one line; true when it states one. */
function readCounts(header: NoticeHeader, text: string, line: number, file: VFile): boolean {
  const re = RE_COUNT.exec(text);
  if (re && header.reSubmitterCount === null) header.reSubmitterCount = count(re[1], re[2], line, file);
  const match = firstRoundCount(text);
  // Once the submitters are counted, a line that counts the opinions alone (S21 R2: `意見提出者数:13(団体、個人)` / `意見数:38`) counts opinions.
  const opinionTotal = header.submitterCount === null ? null : OPINIONS_LINE.exec(text.trim());
  if (opinionTotal?.[1]) header.opinionCount ??= count(opinionTotal[1], '件', line, file);
  else if (match) header.submitterCount ??= count(match[1], match[2], line, file);
  // Beside submitters counted in people (or without a unit): where they are counted in 件 too, a line's other 件 are parts of them.
  const opinions = (match && match[2] !== '件') || /延べ|のべ/.test(text) ? opinionsCount(text.replace(RE_COUNT, '')) : null;
  if (opinions) header.opinionCount ??= count(opinions, '件', line, file);
  return match !== null || re !== null || opinions !== null;
}

/**
 * The opinions a line counts beside its submitters, in 件 (FORMATS.md §1.5: N submitters, M items):
 * `…から延べ73件`, `63件(14人)`, `意見数 12件(提出者数 8)`, `計4者（14件）`, `のべ意見数 1796件`, `個別意見の延べ数 25,565件`.
 */
const OPINIONS_COUNTED: readonly RegExp[] = [
  new RegExp(`(?:から|より)[、,，\\s]*(?:延べ|のべ|合?計|総数)?\\s*(${COUNT_DIGITS})\\s*件`),
  new RegExp(`(?<![0-9０-９,，])(${COUNT_DIGITS})\\s*件\\s*[(（]\\s*(?:(?:意見)?提出者数?\\s*[:：]?\\s*)?${COUNT_DIGITS}\\s*(?:者|人|名)?\\s*[)）]`),
  new RegExp(`(?:者|人|名)\\s*[(（]\\s*(?:延べ|のべ|合?計)?\\s*(${COUNT_DIGITS})\\s*件\\s*[)）]`),
  new RegExp(`(?:延べ|のべ)\\s*(?:(?:御|ご)?(?:意見|コメント)(?:の)?(?:件)?)?数?\\s*[:：]?\\s*(${COUNT_DIGITS})\\s*件`),
];

/** A line that counts the opinions, not who sent them: `意見数:38`, `２ 御意見の件数 38件` (not `提出意見数`, which counts submitters as often as opinions). */
const OPINIONS_LINE = new RegExp(`^(?:[0-9０-９]{1,2}[.．、 \\u3000]*)?(?:御|ご)?意見(?:の)?件?数[ \\u3000]*[:：]?[ \\u3000]*(?:合?計)?[ \\u3000]*(${COUNT_DIGITS})[ \\u3000]*件?$`);

/** The digits of the opinions a line counts beside its submitters, if it does. */
export function opinionsCount(text: string): string | null {
  for (const pattern of OPINIONS_COUNTED) {
    const digits = pattern.exec(text)?.[1];
    if (digits) return digits;
  }
  return null;
}

/** The first-round count a line states (its digits and unit in groups 1 and 2), the 再意見 round's left out. */
function firstRoundCount(text: string): RegExpExecArray | null {
  const first = text.replace(RE_COUNT, '');
  for (const pattern of COUNTS) {
    const match = pattern.exec(first);
    if (match) return match;
  }
  return null;
}

/**
 * `(1) …規則(案)` / `(2) …考え方(案)` (S22), `I. …` / `II. …` (S21): a
 * numbered line naming a draft, which heads the period and counts of one of
 * the consultations a notice reports together (FORMATS.md hard case 16).
 */
const CONSULTATION_LINE = /^[ \u3000]*([(（][0-9０-９]{1,2}[)）]|[IⅠⅡⅢⅣ]{1,3}[.．]|[0-9０-９]{1,2}[.．])[ \u3000]*(\S.*(?:案|考え方|指針|方針|計画|ガイドライン)[)）」』]?)[ \u3000]*$/;

/**
 * The consultations of a notice that reports several: each numbered draft
 * line with the first period and count printed below it (before the next),
 * the first counts by type and what the lines below it say of its draft
 * (`ウ 原案からの変更点 別添2のとおり。`, S22).
 * Empty unless at least two of them state a period or a count.
 */
function readConsultations(lines: readonly TitleLine[], givenYear: YearContext | null): Consultation[] {
  const consultations: { consultation: Consultation; lines: TitleLine[] }[] = [];
  let yearBefore = givenYear;
  for (const line of lines) {
    const text = titleLineText(line);
    const head = line.cells ? null : CONSULTATION_LINE.exec(text);
    const current = consultations.at(-1);
    if (head?.[1] && head[2]) {
      const consultation = { label: head[1], subject: head[2], period: null, submitterCount: null, submitterCountUnit: null, submitterBreakdown: [], draftChanges: null, line: line.line };
      consultations.push({ consultation, lines: [] });
    } else if (current) {
      const { consultation } = current;
      current.lines.push(line);
      const found = /期間|募集|公募/.test(text) ? findPeriod(text, yearBefore ?? undefined) : null;
      if (found?.ok) consultation.period ??= { start: found.start, end: found.end, raw: found.raw };
      const stated = firstRoundCount(text);
      const value = stated ? digitsValue(stated[1] ?? '') : null;
      if (consultation.submitterCount === null && value !== null) {
        consultation.submitterCount = value;
        consultation.submitterCountUnit = stated?.[2] || null;
      }
      if (consultation.submitterBreakdown.length === 0) consultation.submitterBreakdown = inlineBreakdownOf(text) ?? [];
    }
    yearBefore = firstDateYear(text) ?? yearBefore;
  }
  const read = consultations.map(({ consultation, lines: below }) => ({ ...consultation, draftChanges: draftChangesOf(below.map((line) => ({ line: line.line, text: titleLineText(line) }))) }));
  return read.filter((consultation) => consultation.period !== null || consultation.submitterCount !== null).length >= 2 ? read : [];
}

function count(digits: string | undefined, unit: string | undefined, line: number, file: VFile): Count | null {
  const value = digitsValue(digits ?? '0');
  if (value === null) {
    report(file, 'count-invalid', `Unexpected count of ${(digits ?? '').length} digits, expected at most ${MAX_DIGITS}: not read`, { line, column: 1 });
    return null;
  }
  return { count: value, unit: unit || null, line };
}

/** The header cell over the kinds of a table of counts: `区分`, `属性`, `提出者の区分`, `内訳`, `提出方法`. */
const COUNT_TABLE_KIND = /^(?:提出者(?:の)?)?(?:区分|属性|種別|内訳)$|^提出(?:方法|手段)$/;
/** The header cell over its counts: `提出者数`, `意見件数`, `件数`, `人数`. */
const COUNT_TABLE_COUNT = /^(?:(?:[御ご]?意見|提出)?(?:者|件|人)数|件数|人数)$/;
const SUBMITTERS_COUNTED = /者数$|人数$/;
/** A count in a cell of such a table: `10人`, `3団体`, `25件`, `13`. */
const COUNT_TABLE_CELL = new RegExp(`^(${COUNT_DIGITS})\\s*(者|件|通|名|人|団体|社)?$`);

/**
 * The header of a table of counts by kind of submitter (`区分 | 提出者数 | 意見件数`
 * over `個人 | 10人 | 25件` and `合計 | 13 | 33件`): a kind column, then counts.
 * It is part of the title block, not an opinion table of unknown columns.
 */
export function isCountTableHeader(texts: readonly string[]): boolean {
  const cells = texts.map((text) => text.replace(/[\s\u3000]+/g, ''));
  return cells.length >= 2 && COUNT_TABLE_KIND.test(cells[0] ?? '') && cells.slice(1).every((cell) => COUNT_TABLE_COUNT.test(cell));
}

/**
 * The columns of a count table's header: the one whose rows give the counts (the submitters' (提出者数) if it has one, else the
 * first), and beside a submitters' column, the opinions' (意見件数), whose 合計 gives `opinionCount`.
 */
function countTableColumns(cells: readonly string[]): { column: number; opinions: number | null } | null {
  if (!isCountTableHeader(cells)) return null;
  const counted = cells.map((cell, index) => index > 0 && SUBMITTERS_COUNTED.test(cell.replace(/[\s\u3000]+/g, '')));
  const submitters = counted.indexOf(true);
  if (submitters < 0) return { column: 1, opinions: null };
  const opinions = counted.findIndex((isSubmitters, index) => index > 0 && !isSubmitters);
  return { column: submitters, opinions: opinions < 0 ? null : opinions };
}

/** A row of a count table: a kind and its count (`個人 | 10人`) into the breakdown (unless one was read elsewhere), `合計` into the total. True when it was read. */
function readCountTableRow(header: NoticeHeader, cells: readonly string[], table: { column: number; opinions: number | null; kinds: boolean }, line: number, file: VFile): boolean {
  const label = (cells[0] ?? '').trim();
  const value = COUNT_TABLE_CELL.exec((cells[table.column] ?? '').trim());
  if (label === '' || !value) return false;
  if (TOTAL_LABEL.test(label)) {
    header.submitterCount ??= count(value[1], value[2], line, file);
    const opinions = table.opinions === null ? null : COUNT_TABLE_CELL.exec((cells[table.opinions] ?? '').trim());
    if (opinions) header.opinionCount ??= count(opinions[1], opinions[2], line, file);
    return true;
  }
  const parsed = digitsValue(value[1] ?? '');
  if (parsed === null) return false;
  if (table.kinds) header.breakdown.push({ label, count: parsed, unit: value[2] ?? '', partOf: null });
  return true;
}

/** A row of type labels over a row of counts (団体 | 事業者 | 個人 / 5件 | 2件 | 4件); true when both rows were read. */
function readBreakdown(header: NoticeHeader, labels: string[], counts: string[] | null): boolean {
  if (!counts || counts.length !== labels.length || header.breakdown.length > 0) return false;
  const parsed = counts.map((cell) => COUNT_CELL.exec(cell.trim()));
  const values = parsed.map((match) => (match ? digitsValue(match[1] ?? '') : null));
  if (values.some((value) => value === null) || labels.some((label) => label.trim() === '' || COUNT_CELL.test(label.trim()))) return false;
  header.breakdown = labels.map((label, index) => ({ label: label.trim(), count: values[index] as number, unit: parsed[index]?.[2] ?? '', partOf: null }));
  return true;
}

/**
 * Counts by type printed a type per line, two lines or more in a row (FORMATS.md §1.5, S1: `○団体・事業者:89 者` /
 * `・金融関係 19 者` / `○個人(匿名含む):120 者`; S21: `・封書によるもの 1,649通` / `・FAXによるもの 100通`): the
 * first such run of the title block. Under a line of the run's first bullet, a line of another bullet breaks it down
 * (`partOf`). A line `法人:3者(…)` is a group of names (parseSubmitterGroup), not read here. The lines read are
 * returned as `line:part` (the part of a line of text, parted by line breaks).
 */
function countsByTypeOnLines(lines: readonly TitleLine[]): { breakdown: CountBreakdown[]; read: Set<string> } {
  const typed = lines.flatMap((line) =>
    line.cells !== null
      ? [null]
      : line.text.split('\n').map((text, part) => {
          const match = parseSubmitterGroup(text) ? null : TYPE_COUNT_LINE.exec(text);
          const label = match?.[2] ?? '';
          const count = match && !TOTAL_LABEL.test(label) && !CONSULTATION_LABEL.test(label) ? digitsValue(match[3] ?? '') : null;
          return count !== null ? { key: `${line.line}:${part}`, bullet: match?.[1] ?? '', label, count, unit: match?.[4] ?? '' } : null;
        }),
  );
  const start = typed.findIndex((entry, index) => entry !== null && typed[index + 1] != null);
  if (start < 0) return { breakdown: [], read: new Set() };
  const end = typed.findIndex((entry, index) => index > start && entry === null);
  const run = typed.slice(start, end < 0 ? undefined : end).filter((entry) => entry !== null);
  const topBullet = run[0]?.bullet;
  let top: string | null = null;
  const breakdown = run.map(({ bullet, label, count, unit }) => {
    if (bullet === topBullet) top = label;
    return { label, count, unit, partOf: bullet === topBullet ? null : top };
  });
  return { breakdown, read: new Set(run.map((entry) => entry.key)) };
}

/**
 * Counts by type in one line of text, with nothing else but a total and
 * `(うち、…)`: `団体 75 件 事業者 6件 弁護士 28 件` (S22), `総数 219通 (うち、団体:22通
 * 個人:197通)` (S25). At least two, so that a sentence with one count is none.
 * True when the line was read so.
 */
function readInlineBreakdown(header: NoticeHeader, text: string): boolean {
  const breakdown = header.breakdown.length > 0 ? null : inlineBreakdownOf(text);
  if (breakdown) header.breakdown = breakdown;
  return breakdown !== null;
}

/** The counts by type a line prints (see readInlineBreakdown), or null. */
function inlineBreakdownOf(text: string): CountBreakdown[] | null {
  const counts = [...text.matchAll(INLINE_COUNT)];
  const parts = counts.filter((match) => !TOTAL_LABEL.test(match[1] ?? ''));
  if (parts.length < 2) return unitlessBreakdownOf(text);
  let rest = text;
  for (const match of counts) rest = rest.replace(match[0], '');
  if (!INLINE_FILLER.test(rest)) return null;
  const values = parts.map((match) => digitsValue(match[2] ?? ''));
  if (values.some((value) => value === null)) return null;
  return parts.map((match, index) => ({ label: match[1] ?? '', count: values[index] as number, unit: match[3] ?? '', partOf: null }));
}

/** Counts by type without their unit in the parentheses after a total (`5名（団体2、個人3）`): they take the total's unit. */
function unitlessBreakdownOf(text: string): CountBreakdown[] | null {
  const found = UNITLESS_PARTS.exec(text);
  if (!found?.[3]) return null;
  const parts = [...found[3].matchAll(UNITLESS_PART)];
  const values = parts.map((match) => digitsValue(match[2] ?? ''));
  if (values.some((value) => value === null)) return null;
  return parts.map((match, index) => ({ label: match[1] ?? '', count: values[index] as number, unit: found[2] ?? '', partOf: null }));
}

/**
 * A period printed letter-spaced (`平 成 2 8 年 9 月 2 7 日 ～ …`, as some PDF
 * converters leave it): read with the single spaces between characters
 * removed; `raw` and `index` still point at the text as printed.
 */
function findLetterSpacedPeriod(text: string): ReturnType<typeof findPeriod> {
  const kept: number[] = [];
  let collapsed = '';
  for (let index = 0; index < text.length; index++) {
    const single = text[index] === ' ' && text[index - 1] !== ' ' && text[index + 1] !== ' ' && index > 0 && index < text.length - 1;
    if (single) continue;
    kept.push(index);
    collapsed += text[index];
  }
  if (collapsed === text) return null;
  const found = findPeriod(collapsed);
  if (!found) return null;
  const start = kept[found.index] ?? 0;
  const end = (kept[found.index + found.raw.length - 1] ?? start) + 1;
  return { ...found, index: start, raw: text.slice(start, end) };
}

/** Fill the period (or, on a 再意見 line, the re-consultation period) from `text`; true when it held a period, readable or not. */
/** Any year: enough to tell a period printed without its year (`7月11日から22日まで`) from no period. */
const SOME_YEAR: YearContext = { era: null, eraYear: 2000, gregorianYear: 2000 };

function readPeriod(header: NoticeHeader, line: TitleLine, text: string, yearBefore: YearContext | null, file: VFile): boolean {
  const found = findPeriod(text, yearBefore ?? undefined) ?? findLetterSpacedPeriod(text);
  const yearless = found || yearBefore ? null : findPeriod(text, SOME_YEAR);
  if (yearless?.ok) {
    const message = `Unexpected period ${yearless.raw} without its year, and no date with a year above it: period is null; give the year as periodYear in ${file.stem ?? 'NAME'}.pubcom.json`;
    report(file, 'period-year-missing', message, { line: line.line, column: Math.max(line.text.indexOf(yearless.raw) + 1, 1) });
    return true;
  }
  if (!found) return false;
  const column = line.text.indexOf(found.raw) + 1;
  // A lone date on a line that names no period (`意見公募手続の実施日 令和6年2月1日`) is no period to report.
  if (!found.ok && !/期間/.test(text) && !/[～〜~∼－\-–—ー]|から/.test(found.raw)) return false;
  if (!found.ok) {
    report(file, 'period-invalid', found.message, { line: line.line, column: Math.max(column, 1) });
    return true;
  }
  for (const note of found.notes) report(file, 'period-weekday', note, { line: line.line, column: Math.max(column, 1) });
  const period = { start: found.start, end: found.end, raw: found.raw };
  if (/再意見/.test(text.slice(0, found.index))) header.rePeriod ??= period;
  else header.period ??= period;
  return true;
}
