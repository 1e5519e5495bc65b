/** The worker-thread entry of a parallel batch (tinypool): one file per call, read by the worker itself, converted by the bundle's code (load-bundle.ts). */
import { loadBundle } from './load-bundle.js';

export default loadBundle().bundle.convertFile;
