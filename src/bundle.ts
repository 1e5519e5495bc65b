/** The entry of dist/pubcom.cjs, all of pubcom's CLI in one bundle: what the command line and its worker threads call. */
import type { FileResult, FileTask } from './file-result.js';

export { runCli } from './commands.js';
export { useTinypoolImporter } from './convert-all.js';

/** A worker's conversion of one file. The pipeline's modules are evaluated on the first call, so the main thread of a batch never holds them. */
export async function convertFile(task: FileTask): Promise<FileResult> {
  const { convertFile: convert } = await import('./convert-file.js');
  return convert(task);
}
