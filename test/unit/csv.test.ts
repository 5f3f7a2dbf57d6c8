import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertCell, parseCsv, toCsv } from '../../src/domain/csv.ts';

const formulaCharacters = ['=', '+', '-', '@', '\t', '\r'];

/** Text that is often hostile: formula starts, quotes, commas, line breaks, and any unicode. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc
    .tuple(
      fc.constantFrom(...formulaCharacters, '"', ',', ';', '\n', '\r\n', "'", ' '),
      fc.string({
        unit: fc.constantFrom('=', '"', ',', ';', '\t', '\r', '\n', 'a', '1', ' ', '(', ')'),
      }),
    )
    .map(([start, rest]) => start + rest),
);
const rows = fc.array(fc.array(hostileText, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

describe('toCsv', () => {
  it('writes RFC 4180: CRLF rows, every field quoted, quotes doubled', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"'],
        ['line\nbreak', '', 3],
      ]),
    ).toBe('"a","b,c","say ""hi"""\r\n"line\nbreak","","3"\r\n');
  });

  it.each(formulaCharacters.map((c) => [JSON.stringify(c), `${c}HYPERLINK("http://evil")`]))(
    'prefixes a cell starting with %s with a single quote',
    (_name, cell) => {
      expect(inertCell(cell)).toBe(`'${cell}`);
      expect(parseCsv(toCsv([[cell]]))).toEqual([[`'${cell}`]]);
    },
  );

  it('leaves other cells alone, and writes null and undefined as empty', () => {
    expect([' =1', 'a=b', "'quoted", 'x'].map(inertCell)).toEqual([' =1', 'a=b', "'quoted", 'x']);
    expect(toCsv([[null, undefined, true, 0]])).toBe('"","","true","0"\r\n');
    expect(toCsv([])).toBe('');
  });

  it('never yields a cell starting with a formula character, after parsing', () => {
    fc.assert(
      fc.property(rows, (input) => {
        for (const row of parseCsv(toCsv(input))) {
          for (const cell of row) expect(formulaCharacters).not.toContain(cell.charAt(0));
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['";"', ';'],
    ['TAB', '\t'],
  ])(
    'read in a locale whose separator is %s, no cell starts a formula (after tabs and line breaks a spreadsheet may skip)',
    (_name, separator) => {
      fc.assert(
        fc.property(rows, (input) => {
          for (const row of parseCsv(toCsv(input), separator)) {
            for (const cell of row) {
              expect(['=', '+', '-', '@']).not.toContain(cell.replace(/^[\t\r\n]+/, '').charAt(0));
            }
          }
        }),
        { numRuns: 1000 },
      );
    },
  );

  it('makes inert a formula another locale would split off after ; or TAB or a line break', () => {
    expect(toCsv([["no;=cmd|' /C calc'!A0", 'a\t=1', 'x\n+1', 'y;"@SUM(1)']])).toBe(
      `"no;'=cmd|' /C calc'!A0","a\t'=1","x\n'+1","y;""'@SUM(1)"\r\n`,
    );
  });

  it('round-trips: parse(write(rows)) is the rows, modulo the inert prefix', () => {
    fc.assert(
      fc.property(rows, (input) => {
        expect(parseCsv(toCsv(input))).toEqual(input.map((row) => row.map(inertCell)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCsv', () => {
  it('reads a last row without a final line break, and bare LF rows', () => {
    expect(parseCsv('a,b\nc,"d\r\ne"')).toEqual([
      ['a', 'b'],
      ['c', 'd\r\ne'],
    ]);
  });
});
