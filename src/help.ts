/** The CLI's --help text; the README shows it verbatim (a test checks). */
export const HELP = `Usage: pubcom convert PATH... --out DIR [options]
       pubcom diff OLD NEW
       pubcom view NAME... --out DIR [--output DIR] [--input DIR]
       pubcom eval [--gold DIR] [--output DIR] [--out FILE]

convert: turn Japanese public-comment result notices (意見募集の結果) into
JSON, JSON-LD and CSV. PATH is a notice file or a folder, walked recursively
for .txt .tsv .csv .md .html .htm files (a PDF or Office document found there is
named, not read: convert it to text first). For a.txt the outputs are DIR/a.json,
DIR/a.jsonld and DIR/a.{opinions,comments,refs,submitters,notice}.csv;
an optional a.pubcom.json beside a.txt holds overrides for that notice.
  --out DIR          folder for the outputs (required)
  --format LIST      comma-separated formats: json,jsonld,csv (default: all)
  --bom              start CSV files with a UTF-8 BOM (Excel on Japanese Windows)
  --check            write nothing; list outputs that differ from DIR, exit 1 if any
  --verbose          also print info diagnostics
  --jobs N           worker threads (default: the number of cores), each
                     taking about 50 MB of memory
  --force            convert every input, also those DIR/pubcom-manifest.json
                     shows unchanged since they were last converted
  --prune            remove the outputs of notices no longer among the PATHs
                     (removed or renamed), as DIR/pubcom-manifest.json lists them
  --shard K/N        convert only shard K of N (a stable split by path hash)
  --quiet            no progress (a bar on a terminal, else a line a minute)
                     and no closing summary table

diff: a markdown report of what changed in meaning between two output
folders (opinions, flags, outcomes, texts, submitters, refs, diagnostics).
OLD or NEW may be REV:DIR, the folder DIR at git revision REV (main:output).

view: write DIR/NAME.html for each converted notice: one self-contained page
with each opinion as a card beside the source lines it came from.
  --out DIR          folder for the pages (required)
  --output DIR       folder of the converted notices (default: output)
  --input DIR        folder of the source notices (default: input)

eval: score the converted notices against hand-checked gold annotations
(precision, recall and F1 per field) and print or write the report.
  --gold DIR         gold annotations (default: test/gold)
  --output DIR       folder of the converted notices (default: output)
  --out FILE         write the report to FILE instead of printing it

  -h, --help         show this help
  -v, --version      show the version

Diagnostics print as file:line:column: severity: reason [rule-id].
Exit status: 0 all converted without errors, 1 some input had errors
(the others are still converted) or a check failed, 2 usage error,
130 stopped by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP (a first one lets the
notices in progress finish, a second stops at once).`;
