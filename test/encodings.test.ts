/** The same notice in every encoding and line end that converters leave gives the same records. */
import { readFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import type { NoticeDocument } from '../src/schema/records.js';
import { convertBytes } from './helpers.js';

const utf8 = readFileSync(new URL('./fixtures/soumu-cloud-security-guideline-2018/input.txt', import.meta.url));
const text = utf8.toString('utf8');

function utf16(value: string, littleEndian: boolean, { bom } = { bom: true }): Uint8Array {
  const marked = bom ? '\uFEFF' + value : value;
  const bytes = new Uint8Array(marked.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < marked.length; i++) view.setUint16(i * 2, marked.charCodeAt(i), littleEndian);
  return bytes;
}

const variants: [string, Uint8Array, string][] = [
  ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'utf-8-bom'],
  ['Shift_JIS (CP932)', Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })), 'shift_jis'],
  ['EUC-JP', Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'EUCJP', from: 'UNICODE' })), 'euc-jp'],
  ['ISO-2022-JP (JIS)', Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' })), 'iso-2022-jp'],
  ['UTF-16LE with a BOM', utf16(text, true), 'utf-16le'],
  ['UTF-16BE with a BOM', utf16(text, false), 'utf-16be'],
  // As .NET's Encoding.Unicode writes it without its preamble.
  ['UTF-16LE without a BOM', utf16(text, true, { bom: false }), 'utf-16le'],
  ['UTF-16BE without a BOM', utf16(text, false, { bom: false }), 'utf-16be'],
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

  it('reads UTF-16 without a BOM whose CJK characters put a NUL byte on the other side now and then (U+5B00 孀)', async () => {
    const withNuls = text.replace(/考え方/g, '孀考え方');
    const expected = await convertBytes('notice', 'notice.txt', Buffer.from(withNuls, 'utf8'));
    const converted = await convertBytes('notice', 'notice.txt', utf16(withNuls, true, { bom: false }));
    expect(converted.document?.notice.source.encoding).toBe('utf-16le');
    expect(records(converted.document)).toEqual(records(expected.document));
  });

  it('leaves bytes with NULs on both sides of their pairs unread, as binary (decode-failed)', async () => {
    // A deterministic stand-in for an image or an archive: no side of its pairs holds most of its NULs.
    const binary = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919 + (index >> 3)) % 251);
    const converted = await convertBytes('notice', 'notice.txt', binary);
    expect(converted.document).toBeNull();
    expect(converted.messages).toBe('notice.txt:1:1: error: Unexpected bytes that are not text, expected a notice in UTF-8, UTF-16, Shift_JIS, EUC-JP or ISO-2022-JP [decode-failed]\n');
  });
});
