/** The CLI's --help text; the README shows it verbatim (a test checks). */
export const HELP = `Usage: pubcom convert PATH... --out DIR [options]

Convert Japanese public-comment result notices (意見募集の結果) into JSON,
JSON-LD and CSV. PATH is a notice file or a folder, walked recursively for
.txt .md .html .htm files. For a.txt the outputs are DIR/a.json,
DIR/a.jsonld and DIR/a.{opinions,comments,refs}.csv.

Options:
  --out DIR          folder for the outputs (required)
  --format LIST      comma-separated formats: json,jsonld,csv (default: all)
  --bom              start CSV files with a UTF-8 BOM (Excel on Japanese Windows)
  --check            write nothing; list outputs that differ from DIR, exit 1 if any
  --verbose          also print info diagnostics
  -h, --help         show this help
  -v, --version      show the version

Diagnostics print as file:line:column: severity: reason [rule-id].
Exit status: 0 all converted without errors, 1 some input had errors
(the others are still converted), 2 usage error.`;
