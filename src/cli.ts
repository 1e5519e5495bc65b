#!/usr/bin/env node
/** argv -> run(). No logic beyond reading options: exit 0 ok, 1 some input failed, 2 usage. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FORMATS, type Format } from './emit/index.js';
import { HELP } from './help.js';
import { run } from './run.js';

function usageError(message: string): never {
  process.stderr.write(`pubcom: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        bom: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'convert') usageError(command === undefined ? 'missing command' : `unknown command ${command}`);
  if (paths.length === 0) usageError('missing PATH');
  if (!values.out) usageError('missing --out DIR');
  const formats = (values.format ?? FORMATS.join(',')).split(',').map((format) => format.trim());
  const unknown = formats.filter((format) => !(FORMATS as readonly string[]).includes(format));
  if (unknown.length > 0 || formats.length === 0) usageError(`unknown format ${unknown.join(',')}; expected json, jsonld or csv`);

  const summary = await run(
    { paths, outDir: values.out, formats: formats as Format[], bom: values.bom, check: values.check, verbose: values.verbose },
    { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
  );
  const verb = values.check ? 'checked' : 'converted';
  process.stderr.write(`pubcom: ${verb} ${summary.files - summary.failed} of ${summary.files} files, ${summary.opinions} opinions` + (values.check ? `, ${summary.stale.length} outputs differ` : '') + '\n');
  return summary.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pubcom: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
