/**
 * What a row of a table is: a header (its columns' roles), the header of a
 * 提出者一覧, of a table of revisions, a header in words pubcom does not know,
 * or data; and a header a narrow column wrapped onto the row below it.
 */
import { headerRole, type ColumnRole } from '../normalize/columns.js';
import type { Overrides } from '../schema/overrides.js';
import type { Block, RowBlock } from './blocks.js';
import { LABEL } from './opinion-label.js';

/** A column's role; `ignore` is a column an override drops on purpose. */
export type Role = ColumnRole | 'ignore' | null;
export type RowKind = { kind: 'header'; roles: Role[] } | { kind: 'list-header'; roles: Role[] } | { kind: 'revision-header' } | { kind: 'unknown-header' } | { kind: 'data' };

/** Longer than any header cell: a data cell that mentions 提出された意見 or ends in 考え方 names no column. */
const MAX_HEADER_LENGTH = 60;

/** A header cell of a table of the draft's revisions: what it was and what it is (修正前, 修正後, 現行, 改正案, 新, 旧). */
const REVISION_COLUMN = /^(?:修正|改正|変更)[前後](?:の(?:記載|内容|文案))?$|^現行(?:の記載)?$|^(?:改正|修正)案$|^[新旧]$/;
/** Other cells such a header may have beside them: a place, a number, a reason. */
const REVISION_TABLE_OTHER = /^(?:該当箇所|箇所|項目|頁|ページ|番号|No\.?|№|備考|(?:修正|改正|変更)(?:内容|理由|箇所)|理由)$/;

/** A header row of a table of revisions (`該当箇所 | 修正前 | 修正後`, `改正案 | 現行`): two such columns, and no opinion column. */
function isRevisionHeader(texts: readonly string[]): boolean {
  const cells = texts.map((text) => text.replace(/[\s\u3000]+/g, '')).filter((text) => text !== '');
  return cells.filter((cell) => REVISION_COLUMN.test(cell)).length >= 2 && cells.every((cell) => REVISION_COLUMN.test(cell) || REVISION_TABLE_OTHER.test(cell));
}

/** What a row is, by its cells' texts and the columns an override names. */
export function classifyRow(texts: string[], columns: NonNullable<Overrides['columns']>): RowKind {
  if (isRevisionHeader(texts)) return { kind: 'revision-header' };
  const roles: Role[] = texts.map((text) => (text.length > MAX_HEADER_LENGTH ? null : headerRole(text, columns)));
  const known = roles.filter((role) => role !== null);
  if (roles.includes('opinion') && known.length >= 2) return { kind: 'header', roles };
  if (roles.includes('submitter') && !roles.includes('opinion') && !roles.includes('response')) return { kind: 'list-header', roles };
  if (looksLikeHeader(texts)) return { kind: 'unknown-header' };
  return { kind: 'data' };
}

/** A header row as a key, to know it when a page prints it again. */
export function headerKey(texts: readonly string[]): string {
  return texts.map((text) => text.replace(/[\s\u3000]+/g, '')).join('\t');
}

/** The words of a header cell wrapped onto the next line: short, and no sentence. */
const HEADER_TAIL = /^[^。．]{0,12}$/;

/**
 * A header row that a narrow column wrapped onto the row below (`番号⇥御意見の⇥御意見に対する` /
 * `⇥概要⇥考え方`, `…⇥案の修正` / `⇥⇥⇥の有無`), or a two-level header (`番号⇥御意見⇥⇥考え方` /
 * `⇥該当箇所⇥概要⇥`): the two rows' cells joined column by column, when that reads as a
 * header, the row below is no header of its own, and it reads as no opinion under a header
 * the first row already is (nothing under its number column, and it names more columns or
 * prints nothing under the opinion column).
 */
export function wrappedHeader(row: RowBlock, next: RowBlock, columns: NonNullable<Overrides['columns']>): { kind: 'header'; roles: Role[]; texts: string[] } | null {
  // A cell of the first row that spans both (an HTML rowspan) is no words of the second.
  const tail = next.texts.map((text, column) => (next.cells[column]?.fromRowspan ? '' : text.trim()));
  if (tail.length > row.texts.length || tail.every((text) => text === '') || !tail.every((text) => HEADER_TAIL.test(text))) return null;
  // A row below that is a header of its own (under a title row spanning the columns, or after a data row) is no second half.
  if (classifyRow(next.texts, columns).kind === 'header') return null;
  const texts = joinedHeaderTexts(row.texts, tail);
  const joined = classifyRow(texts, columns);
  if (joined.kind !== 'header') return null;
  const alone = classifyRow(row.texts, columns);
  if (alone.kind !== 'header') return { ...joined, texts };
  const filledUnder = (role: Role): boolean => alone.roles.some((each, column) => each === role && (tail[column] ?? '') !== '');
  if (filledUnder('number')) return null;
  // The row alone is a header too: the row below names columns it left unknown (a two-level header), or
  // only finishes its words, and prints nothing under its opinion column, where a short data row would.
  const known = (roles: readonly Role[]): number => roles.filter((role) => role !== null).length;
  const namesMore = known(joined.roles) > known(alone.roles);
  return namesMore || (!filledUnder('opinion') && alone.roles.join() === joined.roles.join()) ? { ...joined, texts } : null;
}

/**
 * A header's two rows joined column by column (`御意見の` + `概要`). A cell over
 * sub-headers (`御意見` over `該当箇所 | 概要`, a merged cell of a two-level
 * header) heads each column below it whose own upper cell is empty.
 */
function joinedHeaderTexts(upper: readonly string[], tail: readonly string[]): string[] {
  let group = '';
  return upper.map((cell, column) => {
    const text = cell.trim();
    const below = tail[column] ?? '';
    if (text !== '') group = below !== '' ? text : '';
    return (text !== '' ? text : below !== '' ? group : '') + below;
  });
}

/** Does the table under the header at `index` open an opinion with `意見N` in its opinion column, before the next header row? */
export function hasLabelledRows(blocks: readonly Block[], index: number, roles: Role[], columns: NonNullable<Overrides['columns']>): boolean {
  const opinion = roles.indexOf('opinion');
  for (let next = index + 1; next < blocks.length; next++) {
    const block = blocks[next];
    if (block?.type === 'table-end') return false;
    if (block?.type !== 'row') continue;
    if (LABEL.test(block.texts[opinion] ?? '')) return true;
    if (classifyRow(block.texts, columns).kind !== 'data') return false;
  }
  return false;
}

/** A guess at the role of a header pubcom does not know, for the overrides it suggests: the word in it that names a role, else `ignore`. */
export function guessRole(text: string): ColumnRole | 'ignore' {
  if (/修正|反映/.test(text)) return 'flag';
  if (/回答|考え方|対応|結果|理由/.test(text)) return 'response';
  if (/番号|^No|№|項番/.test(text)) return 'number';
  if (/提出者|氏名|団体名/.test(text)) return 'submitter';
  if (/意見|要望|コメント|質問|提案/.test(text)) return 'opinion';
  if (/箇所|条|頁|ページ|項目/.test(text)) return 'place';
  return 'ignore';
}

/**
 * Short labels in every cell, one of them about opinions or answers: a header
 * row in words pubcom does not know yet, which must not become data. A cell
 * with a digit is a value (`意見提出期間 | 令和6年2月1日～…`), never a header.
 */
function looksLikeHeader(texts: string[]): boolean {
  const labels = texts.filter((text) => text !== '');
  return (
    labels.length >= 2 &&
    labels.every((text) => text.length <= 30 && !/[。．0-9０-９]/.test(text) && !LABEL.test(text)) &&
    labels.some((text) => /意見|考え方|回答|コメント|対応/.test(text))
  );
}
