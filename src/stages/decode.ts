/**
 * Stage 1: bytes -> text. Result notices arrive as UTF-8 (with or without a
 * BOM), UTF-16 with a BOM, or Shift_JIS/CP932 from older Windows tools.
 * The encoding found is reported in `notice.source.encoding`.
 */
import Encoding from 'encoding-japanese';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'shift_jis';
}

/** Decode `bytes`, or report `decode-failed` and return null for binary or undecodable input. */
export function decode(bytes: Uint8Array, file: VFile): Decoded | null {
  const bom = detectBom(bytes);
  if (bom) {
    const text = strictDecode(bom.label, bytes.subarray(bom.length));
    if (text !== null) return { text, encoding: bom.encoding };
  } else {
    const utf8 = strictDecode('utf-8', bytes);
    if (utf8 !== null && !looksBinary(utf8)) return { text: utf8, encoding: 'utf-8' };
    // CP932 is a superset of Shift_JIS; Node's 'shift_jis' decoder implements the WHATWG (CP932) table.
    if (utf8 === null && Encoding.detect(bytes) === 'SJIS') {
      const sjis = strictDecode('shift_jis', bytes);
      if (sjis !== null && !looksBinary(sjis)) return { text: sjis, encoding: 'shift_jis' };
    }
  }
  report(
    file,
    'decode-failed',
    'Unexpected bytes that are not text, expected a notice in UTF-8, UTF-16 with a BOM or Shift_JIS',
    { line: 1, column: 1, offset: 0 },
  );
  return null;
}

function detectBom(bytes: Uint8Array): { label: string; length: number; encoding: Decoded['encoding'] } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3, encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2, encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2, encoding: 'utf-16be' };
  return null;
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A NUL, or C0 controls (but tab, LF, CR, FF, ESC) in more than 1% of the
 * characters, mean an image or an archive; a stray control in a notice does not.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  // eslint-disable-next-line no-control-regex
  const controls = text.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
  return controls > text.length / 100;
}
