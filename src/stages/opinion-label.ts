/**
 * The label that opens an opinion: `意見N` at the start of its opinion cell
 * (in its many printed forms), or the text of its number column, and the key
 * either gives it.
 */
import type { ColumnRole } from '../normalize/columns.js';
import { circledValue } from '../normalize/circled-digits.js';
import { opinionKey } from '../normalize/outcome.js';
import type { Paragraph } from './cell-text.js';

/** `意見`, then its number: `1`, `1-1`, `(1)` or `①`, maybe after `No.`: three groups, one of which holds the number. */
const LABEL_CORE =
  '[ \\u3000]*(?:御|ご)?意\\s*見\\s*(?:(?:No|NO|№)\\.?\\s*)?(?:([0-9０-９]+(?:\\s*[-－‐]\\s*[0-9０-９]+)*)|[(（]\\s*([0-9０-９]+)\\s*[)）]|([①-⑳]))(?![0-9０-９]|[件名者通人%％点つ回]|番目)';
/**
 * `意見 1-1`, `ご意見3`, `【意見2】`, `意見１．`, `意見(1)`, `意見①`, `＜意見1＞`,
 * `■意見1`, `意見No.1`: the label as printed (group 1, with its bullet, its
 * brackets and a separator after it), then the groups of {@link LABEL_CORE}
 * (twice: in parentheses, or not). A converter may stack its letters
 * (`意<br>見 1-1`, S16); `ご意見12件` counts and `意見1点目` orders, they label nothing.
 */
export const LABEL = new RegExp(
  // In parentheses or angle brackets the label must close (`(意見1と同旨)` is no label); square brackets may stay open.
  `^((?:[■□●○◆◇][ \\u3000]*)?(?:(?=[(（＜<〈《])[(（＜<〈《]${LABEL_CORE}[ \\u3000]*[)）＞>〉》]|[[［【〔]?${LABEL_CORE}(?:[ \\u3000]*[\\]］】〕])?)(?:[.．:：](?![0-9０-９]))?)`,
);

/** The label that opens an opinion: the number column's text, or `意見N` at the start of the opinion cell. */
export function openingLabel(cells: Partial<Record<ColumnRole, Paragraph[]>>): { label: string; key: string; labelInOpinionCell: boolean } | null {
  const number = cells.number?.map((p) => p.text).join('').trim();
  if (number) return { label: number, key: numberColumnKey(number), labelInOpinionCell: false };
  const first = cells.opinion?.[0]?.text;
  const match = first ? LABEL.exec(first) : null;
  return match?.[1] ? { label: match[1], key: opinionKey(labelNumber(match)), labelInOpinionCell: true } : null;
}

/** The number of a {@link LABEL} match: plain or in parentheses, or a circled digit's value. */
function labelNumber(match: RegExpExecArray): string {
  const [, , plain, inParentheses, circledDigit, plainAlt, inParenthesesAlt, circledAlt] = match;
  const circledText = circledDigit ?? circledAlt;
  return plain ?? plainAlt ?? inParentheses ?? inParenthesesAlt ?? String(circledText ? circledValue(circledText) : '');
}

/** The key of a number cell: `No.3`, `意見番号4`, `Q5`, `問6`, `(1)`, `2.`, `５－１`, `①` -> "3", "4", "5", "6", "1", "2", "5-1", "1". */
function numberColumnKey(number: string): string {
  const bare = number
    .replace(/^(?:No|NO|№)\.?\s*|^(?:御|ご)?意見\s*(?:番号\s*[:：]?\s*)?|^(?:[QＱ]|問)\s*[.．]?\s*(?=[0-9０-９])/, '')
    .replace(/^[(（]\s*(.*?)\s*[)）]$/, '$1')
    .replace(/[.．、)）]$/, '');
  return opinionKey(String(circledValue(bare) ?? bare));
}
