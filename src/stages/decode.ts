/**
 * Stage 1: bytes -> text. Result notices arrive as UTF-8 (with or without a
 * BOM), UTF-16 (with or without a BOM), Shift_JIS/CP932 from older Windows tools,
 * or EUC-JP and ISO-2022-JP (JIS) from older Unix pages and mail archives.
 * The encoding found is reported in `notice.source.encoding`.
 */
import Encoding from 'encoding-japanese';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../diagnostics.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp' | 'iso-2022-jp';
}

/** ISO-2022-JP's switch to JIS X 0208 (`ESC $ B`, `ESC $ @`): its text is 7-bit, so it also decodes as UTF-8, its kanji as letters. */
const JIS_ESCAPE = /\u001b\$[@B]/;
/** The older Japanese encodings encoding-japanese tells apart, by its name for them -> the WHATWG decoder's label. */
const LEGACY_ENCODINGS: Readonly<Record<string, 'shift_jis' | 'euc-jp'>> = { SJIS: 'shift_jis', EUCJP: 'euc-jp' };

/** Decode `bytes`, or report `decode-failed` and return null for binary or undecodable input. */
export function decode(bytes: Uint8Array, file: VFile): Decoded | null {
  const format = documentFormat(bytes);
  if (format) {
    report(file, 'decode-failed', `Unexpected ${format} file, expected the text a converter leaves of it (TAB rows, markdown or HTML in UTF-8): convert it to text first`, { line: 1, column: 1, offset: 0 });
    return null;
  }
  const bom = detectBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const label = bom?.label ?? 'utf-8';
  const encoding = bom?.encoding ?? 'utf-8';
  const strict = strictDecode(label, body);
  const jis = !bom && strict !== null && JIS_ESCAPE.test(strict) ? strictDecode('iso-2022-jp', bytes) : null;
  if (jis !== null && !looksBinary(jis)) return withControlsReported({ text: jis, encoding: 'iso-2022-jp' }, file);
  if (strict !== null && !looksBinary(strict)) return withControlsReported({ text: strict, encoding }, file);
  const utf16 = bom ? null : unmarkedUtf16(bytes);
  const utf16Text = utf16 && strictDecode(utf16, bytes);
  if (utf16 && utf16Text && !looksBinary(utf16Text)) return withControlsReported({ text: utf16Text, encoding: utf16 }, file);
  // CP932 is a superset of Shift_JIS; Node's 'shift_jis' decoder implements the WHATWG (CP932) table, its 'euc-jp' one the NEC and IBM rows too.
  const legacy = !bom && strict === null ? LEGACY_ENCODINGS[String(Encoding.detect(bytes))] : undefined;
  const legacyText = legacy && strictDecode(legacy, bytes);
  if (legacy && legacyText && !looksBinary(legacyText)) return withControlsReported({ text: legacyText, encoding: legacy }, file);
  // A few bad bytes in an otherwise good file (a broken copy, a lone surrogate): keep the text, mark what was lost.
  if (strict === null) {
    const lenient = new TextDecoder(label, { ignoreBOM: true }).decode(body);
    const replaced = lenient.match(/\uFFFD/g)?.length ?? 0;
    if (!looksBinary(lenient) && replaced <= Math.max(16, lenient.length / 50)) {
      report(file, 'decode-replaced', `Unexpected ${replaced} byte sequence(s) that are not ${encoding}, expected valid text: each is U+FFFD in the records`, placeAt(lenient, lenient.indexOf('\uFFFD')));
      return withControlsReported({ text: lenient, encoding }, file);
    }
  }
  report(
    file,
    'decode-failed',
    'Unexpected bytes that are not text, expected a notice in UTF-8, UTF-16, Shift_JIS, EUC-JP or ISO-2022-JP',
    { line: 1, column: 1, offset: 0 },
  );
  return null;
}

/** A document format by its first bytes (a result notice as published, before any conversion to text); null for anything else. */
function documentFormat(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]): boolean => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'PDF';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'ZIP (.docx, .xlsx or another Office Open XML document)';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'OLE (.doc, .xls or 一太郎 .jtd)';
  return null;
}

function detectBom(bytes: Uint8Array): { label: string; length: number; encoding: Decoded['encoding'] } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3, encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2, encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2, encoding: 'utf-16be' };
  return null;
}

/**
 * UTF-16 without a BOM (as .NET's `Encoding.Unicode` writes it without its
 * preamble), by where its NUL bytes are: every ASCII character (a TAB, a line
 * end, a digit, markup) puts one on the same side of its pair of bytes, the
 * second in little-endian order. A binary file puts its NULs on either side;
 * a CJK character does now and then (U+5B00), so 9 in 10 on one side decide.
 */
function unmarkedUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let first = 0;
  let second = 0;
  for (let index = 0; index < bytes.length; index += 2) {
    if (bytes[index] === 0) first++;
    if (bytes[index + 1] === 0) second++;
  }
  // Lines of Japanese text are a few dozen characters: at least one ASCII line end in a thousand characters.
  if (first + second < bytes.length / 2000) return null;
  if (second >= 9 * first) return 'utf-16le';
  if (first >= 9 * second) return 'utf-16be';
  return null;
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0001-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/g;

/**
 * A NUL, or C0 controls (but tab, LF, CR, FF, ESC) in more than 5% of the
 * characters, mean an image or an archive; a stray control in a notice does not.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  return (text.match(CONTROLS)?.length ?? 0) > text.length / 20;
}

function placeAt(text: string, offset: number): { line: number; column: number; offset: number } {
  const point = location(text).toPoint(offset) ?? { line: 1, column: 1 };
  return { line: point.line, column: point.column, offset };
}

/** Unpaired surrogates (possible in UTF-16 input) become U+FFFD, so every output holds well-formed Unicode. */
function wellFormed(decoded: Decoded, file: VFile): Decoded {
  if (decoded.text.isWellFormed()) return decoded;
  const text = decoded.text.toWellFormed();
  const at = [...decoded.text].findIndex((char) => /^[\uD800-\uDFFF]$/.test(char));
  const offset = [...decoded.text].slice(0, at).join('').length;
  report(file, 'decode-replaced', 'Unexpected unpaired surrogate code units, expected well-formed UTF-16: each is U+FFFD in the records', placeAt(text, offset));
  return { ...decoded, text };
}

/** Stray control characters are kept (JSON escapes them) but reported, since a spreadsheet or a viewer may choke on them. */
function withControlsReported(original: Decoded, file: VFile): Decoded {
  const decoded = wellFormed(original, file);
  const controls = decoded.text.match(CONTROLS)?.length ?? 0;
  if (controls > 0) {
    report(file, 'control-characters', `Unexpected ${controls} control character(s), expected text: kept as they are`, placeAt(decoded.text, decoded.text.search(CONTROLS)));
  }
  return decoded;
}
