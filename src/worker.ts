/** The worker-thread entry of a parallel batch (tinypool): one file per call, read by the worker itself. */
import { convertFile, type FileResult, type FileTask } from './convert-file.js';

export default function convertInWorker(task: FileTask): Promise<FileResult> {
  return convertFile(task);
}
