/** One cell of a CSV row; everything is written as text. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * The characters that make a spreadsheet read a cell as a formula (or that some strip before doing
 * so): = + - @, TAB and CR (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Where a spreadsheet may start a new cell inside a cell's text when it reads the file in another
 * locale or splits a quoted line break: after `;`, TAB, `,`, CR or LF (and any quotes there).
 */
const innerStart = /([;\t,\r\n]"*)(?=[=+\-@\t\r])/g;

/**
 * A cell's text, made inert for spreadsheets: a formula character that starts the cell, or that
 * starts a piece another locale's separator or a line break would split off, gets a single quote in
 * front, so `=HYPERLINK(…)` from an Arize name or a Slack reason is shown, never evaluated.
 */
export function inertCell(cell: CsvCell): string {
  const text = cell === null || cell === undefined ? '' : String(cell);
  const inner = text.replace(innerStart, "$1'");
  const lead = /^"*/.exec(inner)?.[0] ?? '';
  const rest = inner.slice(lead.length);
  return formulaStart.test(rest) ? `${lead}'${rest}` : inner;
}

/**
 * Every field is quoted (quotes doubled), as OWASP advises: a spreadsheet of a locale whose list
 * separator is `;` or TAB still reads each row's first cell as one quoted cell, and the inert
 * prefixes above cover what its separators split off.
 */
const field = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Writes rows as RFC 4180 CSV (CRLF after every row), every cell made inert first. Never trust
 * Arize or Slack strings: any of them may be a formula.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map((cell) => field(inertCell(cell))).join(',')}\r\n`).join('');
}

/**
 * Reads RFC 4180 CSV back into rows of text (quoted fields may hold commas, quotes and line
 * breaks; a final line break ends the last row). For checking what `toCsv` wrote; `separator`
 * reads it as a spreadsheet of another locale would (`;` or TAB).
 */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (char === '\n') endRow();
    else cell += char;
    i += 1;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
