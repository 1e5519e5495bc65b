/**
 * Consultation periods in 和暦 as printed in result notices
 * (`平成30年6月7日～平成30年7月6日`, `令和4年6月10日(金)から7月11日(月)`).
 * Validity is computed here, not with `Date`, because `Date` silently rolls
 * 2月30日 over to 3月2日 and knows nothing of era boundaries.
 */

/** A parsed calendar date. `year` is the Gregorian year; `era` is null for a Gregorian date (`2024年…`). */
export interface WarekiDate {
  iso: string;
  era: string | null;
  year: number;
  month: number;
  day: number;
  /** A printed weekday that is not the date's own: a typo in the notice, kept and reported, never a reason to reject the date. */
  weekdayMismatch: string | null;
}

/** A date or the reason it is not one, so callers can report instead of guessing. */
export type DateResult = { ok: true; date: WarekiDate } | { ok: false; message: string };

/** A period as ISO dates; `raw` is the text as printed, kept for diagnostics and output. */
export type PeriodResult =
  | { ok: true; start: string; end: string; raw: string; notes: string[] }
  | { ok: false; raw: string; message: string };

/** First and last days as Intl's Japanese calendar has them; the last era is open-ended. */
const ERAS: readonly { name: string; first: string; last: string | null }[] = [
  { name: '大正', first: '1912-07-30', last: '1926-12-24' },
  { name: '昭和', first: '1926-12-25', last: '1989-01-07' },
  { name: '平成', first: '1989-01-08', last: '2019-04-30' },
  { name: '令和', first: '2019-05-01', last: null },
];

// Notices pad digits with ASCII, full-width and no-break spaces (`令和 5年 11月 7日`).
// (A period spaced out character by character is collapsed by the title-block reader.)
const SP = '[ \\t\\u00A0\\u3000]*';
const NUM = '[0-9０-９]+';
const ERA = ERAS.map((e) => e.name).join('|');
// A year that can open a period: an era year, or a 4-digit Gregorian year not cut out of a longer number.
const FULL_YEAR = `(?:(?<era>${ERA})${SP}(?<eraYear>元|${NUM})|(?<![0-9０-９])(?<gYear>[0-9０-９]{4}))${SP}年`;
// An end date may also say 同年, or drop the era (`平成21年12月21日〜22年1月20日`).
const YEAR = `(?:${FULL_YEAR}|(?<sameYear>同)${SP}年|(?<![0-9０-９])(?<bareYear>[0-9０-９]{1,2})${SP}年)`;
const WEEKDAY = `(?:${SP}[(（]${SP}(?<weekday>[日月火水木金土])(?:曜日?)?${SP}[)）])`;
// Year optional: end dates may say 同年12月18日, 7月11日 or 同月21日. No trailing space, so raw ends at 日 or `)`.
const DATE = new RegExp(`(?:${YEAR}${SP})?(?:(?<sameMonth>同)|(?<month>${NUM}))${SP}月${SP}(?<day>${NUM})${SP}日${WEEKDAY}?`, 'y');
/** An end date of the start's month, printed as its day alone (`7月11日から22日まで`, S21). */
const DAY_ONLY = new RegExp(`(?<![0-9０-９])(?<day>${NUM})${SP}日${WEEKDAY}?`, 'y');
/**
 * A date in figures (`R6.4.1`, `令和6.4.30`, `2024/4/1`), as municipal notices print periods:
 * an era's initial or name and its year, or a 4-digit year, then month and day.
 */
const DOTTED = `[./．／]`;
const NUMERIC_DATE = new RegExp(
  `(?:(?<![A-Za-zＡ-Ｚａ-ｚ])(?<eraMark>[RHSTＲＨＳＴ]|${ERA})[.．]?${SP}(?<eraYear>元|${NUM})|(?<![0-9０-９])(?<gYear>[0-9０-９]{4}))${SP}${DOTTED}${SP}(?<month>${NUM})${SP}${DOTTED}${SP}(?<day>${NUM})(?![0-9０-９])${WEEKDAY}?`,
  'y',
);
/** The end of a period in figures may drop its year (`R6.4.1～4.30`). */
const NUMERIC_MONTH_DAY = new RegExp(`(?<![0-9０-９])(?<month>${NUM})${SP}${DOTTED}${SP}(?<day>${NUM})(?![0-9０-９]|${SP}${DOTTED})${WEEKDAY}?`, 'y');
const NUMERIC_START = `(?<![A-Za-zＡ-Ｚａ-ｚ])(?:[RHSTＲＨＳＴ]|${ERA})[.．]?${SP}(?:元|${NUM})${SP}${DOTTED}|(?<![0-9０-９])[0-9０-９]{4}${SP}${DOTTED}${SP}${NUM}${SP}${DOTTED}`;
const ERA_OF_MARK: Readonly<Record<string, string>> = { R: '令和', H: '平成', S: '昭和', T: '大正', Ｒ: '令和', Ｈ: '平成', Ｓ: '昭和', Ｔ: '大正' };
const START = new RegExp(`${FULL_YEAR}|${NUMERIC_START}`, 'g');
// Hyphens and ー are safe here only because a full date must stand on both sides.
const SEPARATOR = new RegExp(`${SP}(?:[～〜~∼－\\-–—ー]|から)${SP}`, 'y');
const PERIOD_TAIL = new RegExp(`^${SP}(?:まで)?${SP}$`);
/** A time of day after a date (`0時`, `23時59分`, `17:00`, `午後5時`): part of the period as printed, not of its dates. */
const TIME_OF_DAY = new RegExp(`${SP}(?:午前|午後)?${SP}${NUM}${SP}(?:時(?:${SP}${NUM}${SP}分)?|[:：]${SP}${NUM})`, 'y');

/** What an end date inherits from the start date; `month` only serves 同月. */
interface Context {
  era: string | null;
  eraYear: number;
  gregorianYear: number;
  month?: number;
}

/**
 * Parse one date such as 平成30年6月7日. `context` supplies era/year for 同年 or an omitted era/year (end dates).
 * Full-width digits, padding spaces, 元年, a Gregorian year and a trailing weekday `(金曜)` are accepted;
 * an impossible day or a date outside its era is an error, never rolled over. A weekday that does not
 * match (real notices have them: 同年2月9日(土) for a Wednesday) keeps the date and is noted.
 */
export function parseWarekiDate(
  text: string,
  context?: { era: string | null; eraYear: number; gregorianYear: number },
): DateResult {
  const match = execAt(DATE, text, 0);
  if (!match || match[0].length !== text.length) {
    return { ok: false, message: `Unexpected ${text || 'empty text'}, expected a date such as 平成30年6月7日` };
  }
  return resolve(match, context);
}

/**
 * Find the first period expression (start date, separator, end date) in a line of text and parse it.
 * Returns null if the text holds no date. `index` is the UTF-16 offset of raw in text.
 * A start needs an era or Gregorian year; a line with a date but no period gives `ok: false` so the
 * caller can report it rather than lose the period silently.
 */
export function findPeriod(text: string, year?: YearContext): (PeriodResult & { index: number }) | null {
  let firstFailure: (PeriodResult & { index: number }) | null = null;
  for (const { index } of text.matchAll(START)) {
    const scan = scanPeriod(text, index);
    if (scan === null) continue; // e.g. 平成30年度: a year, but no date
    if (scan.kind === 'period') return { ...evaluate(scan, text.slice(index, scan.to)), index };
    firstFailure ??= { ok: false, raw: text.slice(index, scan.to), message: scan.message, index };
  }
  if (firstFailure || !year) return firstFailure;
  // No year of its own (`同年2月9日(土)から同年3月4日(金)`, `7月11日から22日まで`): a period in the year of a date printed before it.
  for (const { index } of text.matchAll(YEARLESS_START)) {
    const scan = scanPeriod(text, index, year);
    if (scan?.kind === 'period') return { ...evaluate(scan, text.slice(index, scan.to), year), index };
  }
  return null;
}

/** The year a date printed earlier in the notice gives to a period that prints none (FORMATS.md hard case 15). */
export interface YearContext {
  era: string | null;
  eraYear: number;
  gregorianYear: number;
}

/** Where a period without a year may start: 同年, or a month not cut out of a longer number. */
const YEARLESS_START = /同[ \t\u00A0\u3000]*年|(?<![0-9０-９年])[0-9０-９]{1,2}[ \t\u00A0\u3000]*月/g;

/**
 * A day printed in a consultation (a 提出者一覧's 受付日: `令和5年4月1日`, `4月1日(月)`, `2024/4/1`, `R6.4.1`,
 * `4/1`), maybe with the time it came in (`4月1日 10:30`, `4月1日17時`), as an ISO date, with a note when
 * the weekday printed beside it is not its own (the date is kept, as in a period).
 * A day printed without its year takes the period's: the start's, or the end's where the period
 * crosses a new year and the day would fall before its start. Null when the text is no such date.
 */
export function dayDuring(raw: string, period: { start: string; end: string } | null): { iso: string; weekdayMismatch: string | null } | null {
  const text = raw.trim();
  const inYear = (iso: string | undefined): DateResult | null => {
    const year = iso === undefined ? undefined : Number(iso.slice(0, 4));
    const match = execAt(NUMERIC_DATE, text, 0) ?? execAt(DATE, text, 0) ?? execAt(NUMERIC_MONTH_DAY, text, 0);
    if (!match) return null;
    const end = match[0].length + (execAt(TIME_OF_DAY, text, match[0].length)?.[0].length ?? 0);
    if (end !== text.length) return null;
    return resolve(match, year === undefined ? undefined : { era: null, eraYear: year, gregorianYear: year });
  };
  const first = inYear(period?.start);
  if (!first?.ok) return null;
  const inPeriod = period === null || first.date.iso >= period.start || period.end.slice(0, 4) === period.start.slice(0, 4) ? first : inYear(period.end);
  return inPeriod?.ok ? { iso: inPeriod.date.iso, weekdayMismatch: inPeriod.date.weekdayMismatch } : null;
}

/** The first full date in `text` (`平成23年1月26日`, `2024年12月01日`) that reads, as printed and parsed; null when it holds none. */
export function findDate(text: string): { raw: string; date: WarekiDate } | null {
  for (const { index } of text.matchAll(START)) {
    const match = execAt(DATE, text, index);
    const date = match ? resolve(match) : null;
    if (match && date?.ok) return { raw: match[0], date: date.date };
  }
  return null;
}

/** The first full date in `text`, as the year context of what follows it; null when it holds none. */
export function firstDateYear(text: string): YearContext | null {
  const found = findDate(text);
  if (!found) return null;
  const { era, year } = found.date;
  return { era, eraYear: era === null ? year : year - firstYearOf(era) + 1, gregorianYear: year };
}

/** Parse a text that is exactly a period; a trailing まで (`…から7月11日まで`) is allowed. */
export function parsePeriod(raw: string): PeriodResult {
  const scan = scanPeriod(raw, 0);
  if (scan === null) {
    return { ok: false, raw, message: `Unexpected ${head(raw)}, expected a period starting with a date such as 令和5年11月17日` };
  }
  if (scan.kind === 'partial') return { ok: false, raw, message: scan.message };
  const rest = raw.slice(scan.to);
  if (!PERIOD_TAIL.test(rest)) {
    return { ok: false, raw, message: `Unexpected ${head(rest)} after the end date, expected the end of the period` };
  }
  return evaluate(scan, raw);
}

type Scan =
  | { kind: 'period'; start: RegExpExecArray; end: RegExpExecArray; to: number }
  | { kind: 'partial'; to: number; message: string };

/** The syntax of a period at `at`: null when no full date starts there (a date without its year, when `year` gives one). */
function scanPeriod(text: string, at: number, year?: YearContext): Scan | null {
  const numeric = execAt(NUMERIC_DATE, text, at);
  const start = numeric ?? execAt(DATE, text, at);
  if (!start || !(start.groups?.['era'] ?? start.groups?.['eraMark'] ?? start.groups?.['gYear'] ?? year)) return null;
  const afterStart = at + start[0].length + (execAt(TIME_OF_DAY, text, at + start[0].length)?.[0].length ?? 0);
  const separator = execAt(SEPARATOR, text, afterStart);
  if (!separator) {
    const message = `Unexpected ${head(text.slice(afterStart))} after ${start[0]}, expected ～ or から and an end date`;
    return { kind: 'partial', to: afterStart, message };
  }
  const afterSeparator = afterStart + separator[0].length;
  const end = numeric
    ? (execAt(NUMERIC_DATE, text, afterSeparator) ?? execAt(NUMERIC_MONTH_DAY, text, afterSeparator))
    : (execAt(DATE, text, afterSeparator) ?? execAt(DAY_ONLY, text, afterSeparator));
  if (!end) {
    const message = `Unexpected ${head(text.slice(afterSeparator))} after ${separator[0].trim()}, expected an end date such as 同年12月18日 or 12月18日`;
    return { kind: 'partial', to: afterStart, message };
  }
  const afterEnd = afterSeparator + end[0].length;
  return { kind: 'period', start, end, to: afterEnd + (execAt(TIME_OF_DAY, text, afterEnd)?.[0].length ?? 0) };
}

/** Dates of a syntactically complete period: the end inherits era, year and month from the start. */
function evaluate(scan: Extract<Scan, { kind: 'period' }>, raw: string, before?: YearContext): PeriodResult {
  const start = resolve(scan.start, before);
  if (!start.ok) return { ok: false, raw, message: start.message };
  const { era, year, month } = start.date;
  const eraYear = era === null ? year : year - firstYearOf(era) + 1;
  let end = resolve(scan.end, { era, eraYear, gregorianYear: year, month });
  // An end that prints no year and falls before the start is in the next year (`令和6年12月1日～1月5日`).
  if (end.ok && end.date.iso < start.date.iso && !printsYear(scan.end)) end = resolve(scan.end, { era, eraYear: eraYear + 1, gregorianYear: year + 1, month });
  if (!end.ok) return { ok: false, raw, message: end.message };
  if (end.date.iso < start.date.iso) {
    const message = `Unexpected end ${scan.end[0]} (${end.date.iso}), expected a date on or after the start ${start.date.iso}`;
    return { ok: false, raw, message };
  }
  const notes = [start.date.weekdayMismatch, end.date.weekdayMismatch].filter((note) => note !== null);
  return { ok: true, start: start.date.iso, end: end.date.iso, raw, notes };
}

function printsYear(match: RegExpExecArray): boolean {
  const g = match.groups ?? {};
  return ['era', 'eraMark', 'gYear', 'bareYear', 'sameYear'].some((name) => g[name] !== undefined);
}

/** Turn a DATE (or NUMERIC_DATE) match into a checked date. */
function resolve(match: RegExpExecArray, context?: Context): DateResult {
  const text = match[0];
  const g = match.groups ?? {};
  const fail = (message: string): DateResult => ({ ok: false, message });

  let era: string | null;
  let eraYear: number;
  const printedEra = g['era'] ?? (g['eraMark'] === undefined ? undefined : (ERA_OF_MARK[g['eraMark']] ?? g['eraMark']));
  if (printedEra !== undefined && g['eraYear'] !== undefined) {
    era = printedEra;
    eraYear = g['eraYear'] === '元' ? 1 : toNumber(g['eraYear']);
  } else if (g['bareYear'] !== undefined) {
    if (!context || context.era === null) return fail(`Unexpected ${text} without an era, expected an era and year such as 令和5年`);
    era = context.era;
    eraYear = toNumber(g['bareYear']);
  } else if (g['gYear'] !== undefined) {
    era = null;
    eraYear = toNumber(g['gYear']);
  } else if (context) {
    era = context.era;
    eraYear = context.era === null ? context.gregorianYear : context.eraYear;
  } else if (g['sameYear'] !== undefined) {
    return fail(`Unexpected 同年 in ${text}, expected a preceding date to take the year from`);
  } else {
    return fail(`Unexpected ${text} without a year, expected an era and year such as 令和5年`);
  }
  if (eraYear < 1) return fail(`Unexpected ${era ?? ''}${eraYear}年 in ${text}, expected a year of 1 or more (year 1 is 元年)`);
  const year = era === null ? eraYear : firstYearOf(era) + eraYear - 1;
  if (year > 9999) return fail(`Unexpected ${text}, expected a year before 10000`);

  let month: number;
  if (g['sameMonth'] !== undefined || g['month'] === undefined) {
    if (context?.month === undefined) return fail(`Unexpected ${g['sameMonth'] === undefined ? `${text} without a month` : `同月 in ${text}`}, expected a preceding date to take the month from`);
    month = context.month;
  } else {
    month = toNumber(g['month'] ?? '');
  }
  if (month < 1 || month > 12) return fail(`Unexpected ${month}月 in ${text}, expected a month from 1 to 12`);

  const day = toNumber(g['day'] ?? '');
  const length = daysInMonth(year, month);
  const iso = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (day < 1 || day > length) {
    return fail(`Unexpected ${text}, expected a real calendar date (${iso.slice(0, 7)} has ${length} days)`);
  }

  const span = ERAS.find((e) => e.name === era);
  if (span && (iso < span.first || (span.last !== null && iso > span.last))) {
    const range = span.last === null ? `from ${span.first}` : `${span.first} to ${span.last}`;
    return fail(`Unexpected ${text} (${iso}), expected a date within ${span.name} (${range})`);
  }

  const printed = g['weekday'];
  const actual = '日月火水木金土'[weekday(year, month, day)] ?? '';
  const weekdayMismatch = printed !== undefined && printed !== actual ? `Unexpected (${printed}) in ${text}, expected (${actual}): ${iso} is a ${actual}曜日; the date is kept` : null;
  return { ok: true, date: { iso, era, year, month, day, weekdayMismatch } };
}

function execAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Full-width digits are one UTF-16 unit each, so matching them in place keeps offsets true. */
function toNumber(digits: string): number {
  return Number(digits.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function firstYearOf(era: string): number {
  return Number(ERAS.find((e) => e.name === era)?.first.slice(0, 4));
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day of the week, 0 = Sunday (Sakamoto's method, proleptic Gregorian). */
function weekday(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  return (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (offsets[month - 1] ?? 0) + day) % 7;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A short quote of unexpected text for messages. */
function head(text: string): string {
  if (text.trim() === '') return 'end of text';
  return text.length > 12 ? `${text.slice(0, 12)}…` : text;
}
