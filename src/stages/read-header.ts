/**
 * The title block: the lines before the first section heading or table.
 * Result notices print there the title (…に対して提出された意見及びその意見に
 * 対する総務省の考え方), the consultation period, the number of submitters and
 * their list (行政手続法 §43 ① requires the result to state them).
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { respondentFrom } from '../normalize/columns.js';
import { findPeriod } from '../normalize/dates.js';
import { asciiDigits, parseSubmitterGroup, type SubmitterGroup } from '../normalize/submitters.js';
import type { Period } from '../schema/records.js';
import type { Line } from './segment.js';

export interface NoticeHeader {
  title: string | null;
  subject: string | null;
  respondent: string | null;
  period: Period | null;
  submitterCount: number | null;
  submitterCountUnit: string | null;
  groups: SubmitterGroup[];
  /** Where the count was stated, for the count check's diagnostic. */
  countLine: Line | null;
}

/** The words that end a title and follow the subject of the consultation. */
const TITLE_TAIL = /(?:に対して|に対する|に関して|に関する|についての)(?:提出された|寄せられた)?(?:御|ご)?(?:意見|コメント).*$/;
const COUNT = /(?:提出(?:意見|者)数|意見提出者数|提出された意見の数|意見数)\s*[:：]?\s*([0-9０-９]+)\s*(者|件|通|名)/;

export function readHeader(lines: readonly { line: Line; text: string }[], file: VFile): NoticeHeader {
  const header: NoticeHeader = {
    title: null,
    subject: null,
    respondent: null,
    period: null,
    submitterCount: null,
    submitterCountUnit: null,
    groups: [],
    countLine: null,
  };
  let periodSeen = false;
  for (const { line, text } of lines) {
    if (header.title === null) {
      header.title = text;
      header.subject = text.replace(TITLE_TAIL, '').trim() || null;
      if (header.subject === text) header.subject = null;
      header.respondent = respondentFrom(text);
      continue;
    }
    const group = parseSubmitterGroup(text);
    if (group) {
      header.groups.push(group);
      continue;
    }
    const count = COUNT.exec(text);
    if (count && header.submitterCount === null) {
      header.submitterCount = Number(asciiDigits(count[1] ?? ''));
      header.submitterCountUnit = count[2] ?? null;
      header.countLine = line;
    }
    if (!periodSeen && /期間|募集/.test(text)) periodSeen = readPeriod(header, line, text, file);
  }
  if (!periodSeen) report(file, 'period-missing', 'Unexpected title block without a period, expected a line such as 意見募集期間:平成30年6月7日～平成30年7月6日', lines[0] ? place(lines[0].line, 0) : null);
  return header;
}

/** Fill `header.period` from `text`; true when the line held a period, readable or not. */
function readPeriod(header: NoticeHeader, line: Line, text: string, file: VFile): boolean {
  const found = findPeriod(text);
  if (!found) return false;
  const column = line.text.indexOf(found.raw);
  if (found.ok) {
    header.period = { start: found.start, end: found.end, raw: found.raw };
  } else {
    report(file, 'period-invalid', found.message, place(line, Math.max(column, 0)));
  }
  return true;
}

function place(line: Line, index: number): { line: number; column: number; offset: number } {
  return { line: line.number, column: index + 1, offset: line.start + index };
}
