/**
 * Submitters (意見提出者): the list a notice prints near its top, and the
 * `【…】` marks that close each comment. Names are kept as printed except for
 * the spacing of individual labels (`【個人 A】` -> `個人A`).
 */
import type { SubmitterKind } from '../schema/records.js';

export interface SubmitterGroup {
  /** The type label as printed: 法人, 団体, 個人, 事業者 … */
  label: string;
  count: number;
  unit: string;
  names: string[];
  kind: SubmitterKind;
}

const DIGITS = /[０-９]/g;
/** Full-width digits to ASCII, for numbers only; stored text is never rewritten. */
export function asciiDigits(text: string): string {
  return text.replace(DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** Significant digits a count or a label number may have: beyond 15, a value is no exact JSON number (nor a plausible count). */
export const MAX_DIGITS = 15;

/** Digits (ASCII or full-width) as a run or in groups of three (`4,200`, `１，０４３`); digits grouped otherwise (`1,2345`) match nothing. */
const PLAIN_DIGITS = '(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?![,，]?[0-9０-９])';
/** What may follow 万: at most four digits (`2万4,938`, `1万200`). */
const DIGITS_UNDER_10000 = '(?:[0-9０-９][,，][0-9０-９]{3}|[0-9０-９]{1,4})(?![,，]?[0-9０-９])';
/** A count as printed: `12`, `１２`, `4,200`, `2万4,938` (S26), `2万`. A regular-expression source with no capturing group. */
export const COUNT_DIGITS = `${PLAIN_DIGITS}(?:万(?:${DIGITS_UNDER_10000})?)?`;

/** The value of a number printed as {@link COUNT_DIGITS} matches (or a plain run of digits), or null when it has more than {@link MAX_DIGITS} significant digits. */
export function digitsValue(digits: string): number | null {
  const [high = '', low] = asciiDigits(digits).replace(/[,，]/g, '').split('万');
  const significant = (low === undefined ? high : high + low.padStart(4, '0')).replace(/^0+(?=[0-9])/, '');
  return significant.length <= MAX_DIGITS ? Number(significant) : null;
}

/** A 件数 or 意見数 cell's number (`3`, `１２件`, `1,043`) is `$1`; a cell that prints none (`多数`) does not match. */
export const COUNT_CELL = new RegExp(`^[ \\u3000]*(${COUNT_DIGITS})[ \\u3000]*(?:件|通|者|名|人)?[ \\u3000]*$`);

const GROUP_LABEL = '(?:法人|団体|個人事業主|個人|事業者|企業|その他)';
const GROUP_LINE = new RegExp(`^(${GROUP_LABEL}(?:[・･、]${GROUP_LABEL})*)\\s*[:：]\\s*(${COUNT_DIGITS})\\s*(者|件|通|名)\\s*(?:[(（](.*)[)）])?\\s*$`);

/** Read a list line such as `法人:3者(日本オラクル株式会社(…)、マカフィー株式会社)` or `個人:3者(個人A～個人C)`. */
export function parseSubmitterGroup(line: string): SubmitterGroup | null {
  const match = GROUP_LINE.exec(line.trim());
  const count = digitsValue(match?.[2] ?? '');
  if (!match || count === null) return null;
  const [, label = '', , unit = '', inner = ''] = match;
  return {
    label,
    count,
    unit,
    names: splitTopLevel(inner).flatMap(expandRange).map(normalizeSubmitterName),
    kind: label === '個人' ? 'individual' : /^(?:法人|団体|事業者|企業)(?:[・･、](?:法人|団体|事業者|企業))*$/.test(label) ? 'organization' : 'unknown',
  };
}

/** Split on 、 or , outside parentheses: `A(B、C)、D` -> [`A(B、C)`, `D`]. `separators` may leave out the ASCII comma (`Foo, Inc.` is one name). */
export function splitTopLevel(text: string, separators = '、,，'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '（') depth++;
    if ((char === ')' || char === '）') && depth > 0) depth--;
    if (depth === 0 && separators.includes(char)) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A number is read from its first digit: tried at every digit of a long run, the match would cost the run's length squared. */
const RANGE = /^(.*?)([A-Za-zＡ-Ｚａ-ｚ]|(?<![0-9０-９])[0-9０-９]+)\s*[～〜~－-]\s*\1([A-Za-zＡ-Ｚａ-ｚ]|[0-9０-９]+)$/;

/** `個人A～個人C` -> 個人A, 個人B, 個人C; `個人1～個人3` likewise. Anything else is one name. */
export function expandRange(text: string): string[] {
  const match = RANGE.exec(text.trim());
  if (!match) return [text];
  const [, prefix = '', from = '', to = ''] = match;
  const fromCode = ordinal(from);
  const toCode = ordinal(to);
  if (fromCode === null || toCode === null || classOf(from) !== classOf(to) || toCode < fromCode || toCode - fromCode > 500) return [text];
  const letters = classOf(from) !== 'digit';
  // 個人01～個人03 keeps its zero padding so the marks 【個人02】 still match.
  const width = letters ? 1 : asciiDigits(from).length;
  const names: string[] = [];
  for (let code = fromCode; code <= toCode; code++) {
    names.push(prefix + (letters ? String.fromCharCode(code) : String(code).padStart(width, '0')));
  }
  return names;
}

/** Both ends of a range must be of one kind: upper-case letters, lower-case letters or digits. */
function classOf(token: string): 'upper' | 'lower' | 'digit' {
  const ascii = toAsciiAlnum(token);
  return /^[0-9]+$/.test(ascii) ? 'digit' : /^[A-Z]$/.test(ascii) ? 'upper' : 'lower';
}

function toAsciiAlnum(token: string): string {
  return asciiDigits(token).replace(/[Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function ordinal(token: string): number | null {
  const ascii = toAsciiAlnum(token);
  // A range of numbers past 15 digits is never expanded: counting up from an inexact value would not end.
  if (/^[0-9]+$/.test(ascii)) return digitsValue(ascii);
  if (/^[A-Za-z]$/.test(ascii)) return ascii.charCodeAt(0);
  return null;
}

/** `【個人 A】` / `(個人 Ａ)` -> `個人A`; other names without their brackets, trimmed, inner space runs collapsed. */
export function normalizeSubmitterName(text: string): string {
  const inner = text
    .trim()
    .replace(/^【(.*)】$|^〔(.*)〕$|^［(.*)］$|^[(（](.*)[)）]$/s, '$1$2$3$4')
    .trim()
    .replace(/^(?:意見)?提出者(?:名)?[ \u3000]*[:：][ \u3000]*/, '')
    .replace(/[ \u3000]+/g, ' ');
  const individual = /^個人\s*([A-Za-zＡ-Ｚａ-ｚ0-9０-９]*)$/.exec(inner);
  if (individual) return '個人' + toAsciiAlnum(individual[1] ?? '');
  return inner;
}

/** Compare names ignoring spaces and full-width forms, never for storage (STYLE.md: no NFKC in stored text). */
export function submitterKey(name: string): string {
  return normalizeSubmitterName(name).normalize('NFKC').replace(/\s+/g, '');
}

/** `【…】` labels that structure a comment and name nobody. */
const NOT_SUBMITTERS = /^(?:基本|注記|注|意見箇所|意見内容|評価項目|ベストプラクティス|該当箇所|該当部分|意見|理由|修正案|修正意見|趣旨|要望|その他|概要|参考|質問|提案|全体|備考)$/;
const ORGANIZATION = /株式会社|有限会社|合同会社|[(（](?:株|有|一社|公社|一財|公財)[)）]|㈱|㈲|(?:一般|公益)?(?:社団|財団)法人|法人|協会|協議会|連合会|連絡会|会議|組合|研究会|委員会|事務所|大学|学会|機構|センター|銀行|金庫|商工会|連盟|工業会|同友会|団体|グループ|Inc\.?|Ltd\.?|Corporation|Co\.,|会$/;

/** What kind of submitter a name reads as, when no list says. */
export function guessKind(name: string): SubmitterKind {
  // 個人, 個人A, 匿名, 匿名希望, and an individual described: 個人・20代, 個人(会社員).
  if (/^(?:個人|匿名(?:希望)?)(?:\s*[A-Za-zＡ-Ｚａ-ｚ0-9０-９]*|[・･(（].*)$/.test(name)) return 'individual';
  // 事業者, 企業A, A社: a business named only by its kind, or by a letter that hides its name.
  if (ORGANIZATION.test(name) || /^(?:事業者|企業)\s*[A-Za-zＡ-Ｚａ-ｚ0-9０-９]*$/.test(name) || /^[A-Za-zＡ-Ｚａ-ｚ]{1,2}社$/.test(name)) return 'organization';
  return 'unknown';
}

/** One submitter of a joint mark: named, or people counted without names (`個人(3名)`: name null, count 3). */
export interface JointPart {
  name: string | null;
  kind: SubmitterKind;
  count: number | null;
}

/** `個人(3名)`, `個人3名`, `ほか2名`, `A社(2者)`: a part that counts its submitters. */
const COUNTED = new RegExp(`^(.*?)[ \\u3000]*[(（]?(${COUNT_DIGITS})[ \\u3000]*(?:名|人|者|社|団体)[)）]?$`);
/** The words before a count that name nobody: `個人(3名)`, `ほか2名`, `その他5者`. */
const UNNAMED = /^(?:個人|匿名|他|ほか|その他|外)?$/;

/**
 * The submitters of a mark that lists several or counts them (FORMATS.md hard
 * case 19, S19: `オホーツク21世紀を考える会、(株)電算、個人(3名)`), each with its
 * kind and count; null for a mark that names one submitter.
 */
export function jointSubmitters(mark: string): JointPart[] | null {
  // Most marks name one submitter: without a separator or a digit, nothing more to read.
  if (!/[、，0-9０-９]/.test(mark)) return null;
  const parts = splitTopLevel(normalizeSubmitterName(mark), '、，');
  if (parts.length < 2 && !COUNTED.test(parts[0] ?? '')) return null;
  return parts.map((part) => {
    const counted = COUNTED.exec(part);
    const base = counted?.[1]?.trim() ?? part;
    if (counted && UNNAMED.test(base)) return { name: null, kind: /^(?:個人|匿名)$/.test(base) ? 'individual' : 'unknown', count: digitsValue(counted[2] ?? '') };
    const name = normalizeSubmitterName(base);
    return { name, kind: guessKind(name), count: counted ? digitsValue(counted[2] ?? '') : null };
  });
}

/**
 * Whether a `【…】` mark names a submitter: it is on the notice's list, or it
 * reads as an organisation or an individual and is no structuring label. A
 * joint mark does when one of its parts does (or counts people): `考える会`
 * beside `(株)電算` is a submitter too.
 */
export function isSubmitterMark(inner: string, known: ReadonlySet<string>): boolean {
  const joint = jointSubmitters(inner);
  if (joint && joint.length > 1) return joint.some((part) => part.name === null || isSubmitterMark(part.name, known));
  const name = normalizeSubmitterName(inner);
  if (known.has(submitterKey(name))) return true;
  if (NOT_SUBMITTERS.test(name)) return false;
  return guessKind(name) !== 'unknown';
}
