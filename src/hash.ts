/** sha256 in hex: how inputs, overrides and code are fingerprinted (notice.source, the manifest). */
import { createHash } from 'node:crypto';
import { piecesOfFile } from './files.js';

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
