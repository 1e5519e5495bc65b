/** sha256 in hex: how inputs, overrides and code are fingerprinted (notice.source, the manifest). */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One buffer for {@link sha256OfFile}: a re-run hashes every input of the batch, and a buffer per file is memory the process may not give back. */
const chunk = Buffer.alloc(1 << 16);

/** sha256 of the bytes of `file` in hex; null when it is no regular file (a FIFO could wait for ever) or cannot be read. */
export function sha256OfFile(file: string): string | null {
  try {
    const hash = createHash('sha256');
    for (const piece of piecesOfFile(file, chunk)) hash.update(piece);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * The bytes of `file`, read a `buffer` at a time: each piece is a view of
 * `buffer`, valid until the next is read. Throws where it is no regular file
 * (a FIFO could wait for ever) or cannot be read.
 */
export function* piecesOfFile(file: string, buffer: Buffer): Generator<Uint8Array> {
  // Without O_NONBLOCK, opening a FIFO waits for a writer.
  const descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(descriptor).isFile()) throw new Error(`${file} is no regular file`);
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) yield buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}
