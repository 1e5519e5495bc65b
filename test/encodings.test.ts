/** The same notice in every encoding and line end that converters leave gives the same records. */
import { readFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import type { NoticeDocument } from '../src/schema/records.js';
import { convertBytes } from './helpers.js';

const utf8 = readFileSync(new URL('./fixtures/soumu-cloud-security-guideline-2018/input.txt', import.meta.url));
const text = utf8.toString('utf8');

function utf16(value: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + value.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < value.length; i++) view.setUint16(2 + i * 2, value.charCodeAt(i), littleEndian);
  return bytes;
}

const variants: [string, Uint8Array, string][] = [
  ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'utf-8-bom'],
  ['Shift_JIS (CP932)', Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })), 'shift_jis'],
  ['UTF-16LE with a BOM', utf16(text, true), 'utf-16le'],
  ['UTF-16BE with a BOM', utf16(text, false), 'utf-16be'],
  ['CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), 'utf-8'],
  ['lone CR line ends', Buffer.from(text.replace(/\n/g, '\r'), 'utf8'), 'utf-8'],
];

/**
 * The records without what must differ: the input's own bytes (notice.source)
 * and UTF-16 offsets, which CRLF shifts; lines and columns must not change.
 */
const records = (document: NoticeDocument | null): unknown => {
  if (!document) return null;
  const { source: _source, ...notice } = document.notice;
  return JSON.parse(JSON.stringify({ ...document, notice }, (key, value: unknown) => (key === 'startOffset' || key === 'endOffset' ? undefined : value)));
};

describe('encodings and line ends', async () => {
  const original = await convertBytes('notice', 'notice.txt', utf8);

  it.each(variants)('%s gives the records of the UTF-8 original', async (_name, bytes, encoding) => {
    const converted = await convertBytes('notice', 'notice.txt', bytes);
    expect(converted.document?.notice.source.encoding).toBe(encoding);
    expect(records(converted.document)).toEqual(records(original.document));
  });

  it('reports plain UTF-8 as utf-8', () => {
    expect(original.document?.notice.source.encoding).toBe('utf-8');
  });
});
