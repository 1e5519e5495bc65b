#!/usr/bin/env node
/** The `pubcom` command: runs commands.ts from the bundle (load-bundle.ts), so that a one-notice run starts fast. */
import { loadBundle } from './load-bundle.js';

loadBundle()
  .bundle.runCli(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`pubcom: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
