/**
 * The 提出者一覧 (list of submitters) of a notice, printed as lines
 * (`1. 株式会社…`, `個人3名`, `計4件`, `(順不同・敬称略)`) or as a table
 * (受付順 | 意見提出者 | 代表者 | 意見数): what each line or row gives the
 * list. The assembler decides where a list starts and ends.
 */
import type { CellNode, RowBlock } from './blocks.js';
import { cellParagraphs, type Paragraph } from './cell-text.js';
import { opinionsCount, type Count } from './read-header.js';
import type { Role } from './header-rows.js';
import { opinionKey } from '../normalize/outcome.js';
import { COUNT_DIGITS, digitsValue } from '../normalize/submitters.js';
import type { Place } from '../diagnostics.js';

/** A line that opens a 提出者一覧: `意見提出者一覧`, `(参考)コメント提出者一覧`, `再意見提出者名簿`, `意見提出団体一覧`. */
export const LIST_HEADING = /提出(?:者|団体)等?(?:一覧|名簿)|提出(?:者|団体)の一覧/;

/** A name of a 提出者一覧; a table may print beside it a representative (代表者, or the 氏名 beside a 団体名) and a count of opinions (意見数), as printed. */
export interface ListedName {
  name: string;
  /** Where the name was printed: its table cell, or its line. */
  at: Place;
  /** Where the name itself tells nothing (株式会社… does): `individual` for a name from the 氏名 column of a table with a 団体名 column, the list's kind for a list of organisations (意見提出団体一覧); else null. */
  kind: 'individual' | 'organization' | null;
  representative: string | null;
  opinionCountRaw: string | null;
  /** The 受付日 a table prints beside the name, as printed. */
  receivedRaw: string | null;
  /** Where the 意見数 and the 受付日 were printed (their table cells; a line's own start), for their diagnostics. */
  countAt: Place;
  receivedAt: Place;
  /** Which entry of its list it is, from 0: the names of a 連名 row (a joint submission) share one, and count once. */
  entry: number;
}

/** The 提出者一覧 being read: its list, and its table's header row if it has one. */
export interface SubmitterTable {
  target: SubmitterList;
  roles: Role[] | null;
  headers: string[];
}

/** Names from a 意見提出者一覧 (a list or a table), by round. */
export interface SubmitterList {
  round: 'opinion' | 're-opinion';
  /** `organization` for a list its heading says names organisations (意見提出団体一覧, S26); else null. */
  namesAre: 'organization' | null;
  names: ListedName[];
  /** `個人3名` printed without names: counted, never invented. */
  unnamed: number;
  /** How many the list says it lists (`意見提出者一覧　計4者（14件）`, or `計4件` on a line of its own), if it does. */
  stated: Count | null;
  /** The opinions it says they sent (the 14 of `計4者（14件）`). */
  statedOpinions: Count | null;
}

/** `1. 株式会社…`, `1　株式会社…`, `(1) …`, `・…`: a numbered or bulleted line of a 提出者一覧. */
const LIST_ITEM = /^(?:[(（]?[0-9０-９]+(?:\s*[.．、)）]|[ \u3000\t]+)|[・･●○\-*])\s*(.+)$/;
/** `個人3名`, `個人（3名）`, `その他 2者`, in a list or a sentence (`上記のほか、個人3名から…`): people counted, not named. */
const UNNAMED = /(?:個人|その他)\s*[(（]?\s*([0-9０-９]+)\s*(?:名|者|人)/;

/**
 * One line of a listed 提出者一覧: `1. 株式会社…`, `・…`, or an HTML `<li>` (`listItem`, its number drawn by the page);
 * `個人3名` (listed or not) counts people without naming them.
 * Returns what the line was, null for a line of none of these kinds (a bare name is not guessed: the list may run into the lines after it).
 */
export function readListLine(list: SubmitterList, text: string, at: Place, listItem = false): 'name' | 'unnamed' | 'total' | 'remark' | null {
  const item = LIST_ITEM.exec(text)?.[1]?.trim();
  const unnamed = UNNAMED.exec(item ?? text);
  const addName = (printed: string): 'name' | null => {
    const listed = splitListedName(printed);
    // An item of several lines (`名称<br>（所在地…）`) is no name as it stands: reported, not guessed apart.
    if (listed.name.includes('\n')) return null;
    const entry = nextEntry(list);
    // `株式会社A、株式会社B`: a joint submission (連名) on one line.
    const members = listed.representative === null ? wholeCompanyNames(listed.name.split(/[、，,・／/]/).map((part) => part.trim())) : null;
    for (const name of members ?? [listed.name]) list.names.push({ ...listed, name, at, kind: list.namesAre, receivedRaw: null, countAt: at, receivedAt: at, entry });
    return 'name';
  };
  if (unnamed?.[1]) {
    list.unnamed += Number(opinionKey(unnamed[1]));
    return 'unnamed';
  }
  if (item) return addName(item);
  if (LIST_TOTAL.test(text)) {
    list.stated ??= listTotal(text, at.line);
    return 'total';
  }
  if (LIST_REMARK.test(text.trim())) return 'remark';
  return listItem && text.trim() !== '' ? addName(text.trim()) : null;
}

/** The title of one who signs for an organisation (`代表取締役社長`, `代表理事`, `理事長`, `会長`), printed before that person's name. */
const TITLE = '(?:代表(?:取締役|理事|執行役|社員|幹事|世話人|者)?(?:社長|会長|理事長)?|理事長|会長|社長|組合長|委員長|頭取|学長)';
/** `代表取締役 山田太郎`, `代表理事山田太郎`: a title and a person's name, on one line. */
const TITLED = `${TITLE}[\\s\u3000]*[^\\s\u3000()（）][^\\n()（）]*`;
/** `3件`, `１ 件`: a count of opinions. */
const COUNT_OF_OPINIONS = '[0-9０-９]+[\\s\u3000]*件';
/** A cell of a 提出者一覧 table without a header that is a titled person. */
const TITLED_PERSON = new RegExp(`^${TITLED}$`);
/** `株式会社A　代表取締役 山田太郎`, `一般社団法人B（代表理事 山田太郎）`: a listed name and who signs for it, after a gap or in parentheses. */
const NAME_AND_REPRESENTATIVE = new RegExp(`^(.+?)(?:[\\s\u3000]+(${TITLED})|[\\s\u3000]*[(（](${TITLED})[)）])$`, 's');
/** A cell of a 提出者一覧 table without a header that is a count of opinions. */
const OPINIONS = new RegExp(`^${COUNT_OF_OPINIONS}$`);
/** `株式会社A　3件`, `株式会社A（3件）`: a listed name and the opinions it sent, after a gap or in parentheses. */
const NAME_AND_OPINIONS = new RegExp(`^(.+?)(?:[\\s\u3000]+(${COUNT_OF_OPINIONS})|[\\s\u3000]*[(（](${COUNT_OF_OPINIONS})[)）])$`, 's');

/**
 * A line of a 提出者一覧 (`株式会社A　代表取締役 山田太郎　3件`) as a name, who signs for it and
 * the opinions it sent, where a gap or parentheses part them from the name (a name can hold spaces,
 * so only a title or a count of 件 parts it).
 */
function splitListedName(printed: string): Pick<ListedName, 'name' | 'representative' | 'opinionCountRaw'> {
  const counted = NAME_AND_OPINIONS.exec(printed);
  const named = counted?.[1] ?? printed;
  const signed = NAME_AND_REPRESENTATIVE.exec(named);
  return {
    name: (signed?.[1] ?? named).trim(),
    representative: signed?.[2] ?? signed?.[3] ?? null,
    opinionCountRaw: counted?.[2] ?? counted?.[3] ?? null,
  };
}

/** `(順不同・敬称略)`, `（令和6年1月15日現在）`: a line of a 提出者一覧 in parentheses that is no count (those are read first), a remark on the list. */
const LIST_REMARK = /^[(（][^()（）]+[)）]$/;

/** `計4者`, `合計 12件`, `総数：3名`: how many a 提出者一覧 says it lists (the first count: in `計4者（14件）` the 14 are opinions). */
const LIST_TOTAL = new RegExp(`(?:合?計|総数)[ \\u3000]*[:：]?[ \\u3000]*(${COUNT_DIGITS})[ \\u3000]*(者|件|名|人|通|団体)`);

function listTotal(text: string, line: number): Count | null {
  const [, digits = '', unit = null] = LIST_TOTAL.exec(text) ?? [];
  const count = digits === '' ? null : digitsValue(digits);
  return count === null ? null : { count, unit, line };
}

/** The opinions beside a 提出者一覧's total: `計4者（14件）`. */
function listTotalOpinions(text: string, line: number): Count | null {
  const digits = LIST_TOTAL.test(text) ? opinionsCount(text) : null;
  const count = digits === null ? null : digitsValue(digits);
  return count === null ? null : { count, unit: '件', line };
}

/** A line of a listed 提出者一覧 rather than a bare name: numbered or bulleted, people counted, a total (`計4件`), or a remark in parentheses (`(順不同・敬称略)`). */
export function isListLine(text: string): boolean {
  return LIST_ITEM.test(text) || UNNAMED.test(text) || LIST_TOTAL.test(text) || /^[(（][^)）]*[)）]$/.test(text);
}

/** `1`, `１.`, `(3)`: a 提出者一覧's own numbering, which the list's order keeps. */
const LIST_NUMBER = /^[(（]?[0-9０-９]+[.．)）]?$/;

/** `代表者`, `代表者氏名`, `代表者名等`: the person who signs for an organisation. */
const REPRESENTATIVE_HEADER = /^(?:団体の)?代表者(?:の)?(?:氏名|名)?(?:等)?$/;

/**
 * One row of a 提出者一覧 table: the name in the submitter column, or without a
 * header in the first cell that is no number, date, count or titled person, with its representative, its count of opinions and the day
 * it was received (受付日) where the table prints them (in the first round only: a 再意見 round counts re-opinions);
 * without a header, a cell of a title and a name (`代表取締役 X`) is the representative, and one of `3件` the count.
 * Returns the other cells' text, but for numbers in a column that numbers the
 * list (受付順, No., or no header), for a diagnostic.
 */
export function readListRow(list: SubmitterTable, row: RowBlock): { column: number; paragraphs: Paragraph[] }[] {
  const { roles, headers } = list;
  const text = (column: number): string => row.texts[column]?.trim() ?? '';
  const nameColumn = roles ? nameColumnOf(list, row) : unlabelledNameColumn(row.texts);
  const beside = (wanted: (role: Role | null, header: string, text: string) => boolean): number =>
    list.target.round === 'opinion' ? row.texts.findIndex((_, column) => column !== nameColumn && text(column) !== '' && wanted(roles?.[column] ?? null, (headers[column] ?? '').replace(/[\s\u3000]+/g, ''), text(column))) : -1;
  // The person's name beside an organisation's (氏名 ⇥ 団体名) signs for it, as a 代表者 column's does; without a header, a title and a name (代表取締役 X) do.
  const representativeColumn = beside((role, header, cell) => (roles ? REPRESENTATIVE_HEADER.test(header) || (role === 'submitter' && ORGANISATION_HEADER.test(headers[nameColumn] ?? '')) : TITLED_PERSON.test(cell)));
  const countColumn = beside((role, _, cell) => (roles ? role === 'count' : OPINIONS.test(cell)));
  const receivedColumn = roles ? beside((_, header) => RECEIVED_HEADER.test(header)) : -1;
  const name = wrappedLegalForm(linesOf(row.cells[nameColumn])) ?? text(nameColumn);
  const person = headers.some((header) => ORGANISATION_HEADER.test(header)) && !ORGANISATION_HEADER.test(headers[nameColumn] ?? '');
  const members = wholeCompanyNames(linesOf(row.cells[nameColumn]));
  const representatives = linesOf(row.cells[representativeColumn]);
  // A 連名 row's representatives go one to each company where the cell prints one line for each; else the cell is reported.
  const signed = members === null || representatives.length === 0 || representatives.length === members.length;
  const entry = nextEntry(list.target);
  const at = (column: number): Place => {
    const cell = row.cells[column];
    return cell ? { line: cell.line, column: cell.column, offset: cell.offset } : { line: row.line, column: 1 };
  };
  const listed = {
    at: at(nameColumn),
    kind: person ? ('individual' as const) : list.target.namesAre,
    opinionCountRaw: text(countColumn) || null,
    receivedRaw: text(receivedColumn) || null,
    countAt: at(countColumn),
    receivedAt: at(receivedColumn),
    entry,
  };
  if (members) members.forEach((member, index) => list.target.names.push({ ...listed, name: member, representative: signed ? (representatives[index] ?? null) : null }));
  else if (name) list.target.names.push({ ...listed, name, representative: text(representativeColumn) || null });
  const kept = name ? [nameColumn, signed ? representativeColumn : -1, countColumn, receivedColumn] : [];
  return row.cells.flatMap((cell, column) => {
    const role = roles?.[column] ?? null;
    const numbering = (role === null || role === 'number') && LIST_NUMBER.test(text(column));
    if (kept.includes(column) || !cell || cell.fromRowspan || numbering) return [];
    const paragraphs = cellParagraphs(cell);
    return paragraphs.length > 0 ? [{ column, paragraphs }] : [];
  });
}

/** The entry a new line or row of a list opens. */
function nextEntry(list: SubmitterList): number {
  return (list.names.at(-1)?.entry ?? -1) + 1;
}

/** A company's legal form (株式会社, 一般社団法人, ㈱…): what makes a line of a cell a whole organisation's name. */
const LEGAL_FORM = /株式会社|有限会社|合同会社|合資会社|合名会社|[(（](?:株|有)[)）]|㈱|㈲|(?:一般|公益)(?:社団|財団)法人|特定非営利活動法人|NPO法人|協同組合/;

/**
 * Two names or more, each a whole company's: its legal form and more; the companies of a joint submission
 * (連名: one per line of a cell, FORMATS.md S16, or parted by `、` on a line). Null for parts of one name
 * (`…コミュニケーションズ` / `株式会社`, a name wrapped onto a second line; `エヌ・ティ・ティ…株式会社`).
 */
function wholeCompanyNames(parts: readonly string[]): string[] | null {
  const whole = (part: string): boolean => LEGAL_FORM.test(part) && part.replace(LEGAL_FORM, '').replace(/[\s\u3000]+/g, '').length >= 2;
  return parts.length >= 2 && parts.every(whole) ? [...parts] : null;
}

/** A line that is a legal form alone (`株式会社`): wrapped off the name it belongs to. */
const LEGAL_FORM_ALONE = new RegExp(`^(?:${LEGAL_FORM.source})$`);

/**
 * A name cell's lines as the one name they wrap, where a line is a legal form alone
 * (`エヌ・ティ・ティ・テスト` / `株式会社`): it joins its neighbour without a space, as the
 * name is printed; other lines keep one. Null where no line is a legal form alone.
 */
function wrappedLegalForm(lines: readonly string[]): string | null {
  if (lines.length < 2 || !lines.some((line) => LEGAL_FORM_ALONE.test(line))) return null;
  return lines.reduce((name, line, index) => {
    const joined = LEGAL_FORM_ALONE.test(line) || LEGAL_FORM_ALONE.test(lines[index - 1] ?? '');
    return index === 0 ? line : `${name}${joined ? '' : ' '}${line}`;
  }, '');
}

/** A cell's lines (its paragraphs), trimmed, without blank ones. */
function linesOf(cell: CellNode | null | undefined): string[] {
  return cell ? cellParagraphs(cell).map((paragraph) => paragraph.text.trim()).filter((text) => text !== '') : [];
}

/** `受付日`, `受付年月日`, `提出日`: the day a submitter's opinion was received. */
const RECEIVED_HEADER = /^(?:受付|受理|提出)(?:年月)?日(?:時)?$/;

/** `団体名`, `法人名`: a column of organisations, whose names a list of 氏名 and 団体名 keeps over the person's (a representative). */
const ORGANISATION_HEADER = /団体|法人|会社|事業者/;

/** The row's submitter column: the first filled one, an organisation's before a person's. */
function nameColumnOf(list: SubmitterTable, row: RowBlock): number {
  const columns = (list.roles ?? []).flatMap((role, column) => (role === 'submitter' ? [column] : []));
  const filled = columns.filter((column) => (row.texts[column] ?? '').trim() !== '');
  return filled.find((column) => ORGANISATION_HEADER.test(list.headers[column] ?? '')) ?? filled[0] ?? columns[0] ?? -1;
}

/** A cell of digits and the marks of a date or a count (`4月1日`, `R6.1.15`, `3件`): never a submitter's name. */
const DATE_OR_COUNT = /^[0-9０-９\s\u3000.．,，/／\-‐－:：年月日件通者名()（）令和平成元RrHh曜火水木金土]+$/;

/** A row of a 提出者一覧 table without a header: its name is the first cell that is no number, date, count or titled person (`1 ⇥ 株式会社A ⇥ 代表取締役 X`, `1 ⇥ 4月1日 ⇥ 株式会社A`). */
function unlabelledNameColumn(texts: readonly string[]): number {
  const named = texts.findIndex((text) => text.trim() !== '' && !LIST_NUMBER.test(text.trim()) && !DATE_OR_COUNT.test(text.trim()) && !TITLED_PERSON.test(text.trim()));
  return named >= 0 ? named : texts.findLastIndex((text) => text.trim() !== '');
}

/** A new list under its heading (`再意見提出者一覧` lists a 再意見 round), with the total the heading states (`意見提出者一覧　計4者（14件）`). */
export function newSubmitterList(heading: string, line: number): SubmitterList {
  return { round: /再意見/.test(heading) ? 're-opinion' : 'opinion', namesAre: /提出団体/.test(heading) ? 'organization' : null, names: [], unnamed: 0, stated: listTotal(heading, line), statedOpinions: listTotalOpinions(heading, line) };
}

/**
 * The remarks in parentheses of a 提出者一覧's heading, after the list's name (`意見提出者一覧(受付順、敬称略)`;
 * not the `(参考)` of `(参考)コメント提出者一覧`), or of its total line (`計4件（受付順、敬称略）`):
 * those without digits, not the `（14件）` of `計4者（14件）`.
 */
export function listRemarksIn(text: string): string[] {
  const name = LIST_HEADING.exec(text);
  const after = name ? text.slice(name.index + name[0].length) : text;
  return [...after.matchAll(/[(（][^()（）0-9０-９]+[)）]/g)].map(([remark]) => remark);
}
