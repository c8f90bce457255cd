import { readSpreadsheet, cellReference, columnLetter, parseCsv } from '../sheet.js';
import { readDate, readNumber, readYear } from '../values.js';

describe('numbers as Vietnamese files write them', () => {
  test.each([
    ['91,6', false, 91.6, false],
    ['91,6 %', false, 91.6, true],
    ['91,6%', false, 91.6, true],
    ['1.234,5', false, 1234.5, false],
    ['1,234.5', false, 1234.5, false],
    ['1 234', false, 1234, false],
    ['1\u00a0234,75', false, 1234.75, false],
    ['1.234.567', false, 1234567, false],
    ['1.234', true, 1234, false],
    ['1.234', false, 1.234, false],
    ['91.6', true, 91.6, false],
    ['-0,5', false, -0.5, false],
  ])('%j (dots group thousands: %s) is %d', (text, groupingDots, number, percent) => {
    expect(readNumber({ value: text }, groupingDots)).toEqual({ ok: true, value: { number, percent } });
  });

  test.each(['abc', '1,2,3', '12..5', '1.23.4', '', '%'])('%j is not a number', (text) => {
    expect(readNumber({ value: text }).ok).toBe(false);
  });

  test('a number shown as a percentage in Excel is read in percent; a formula error names itself', () => {
    expect(readNumber({ value: 0.916, percent: true })).toEqual({ ok: true, value: { number: 91.6, percent: true } });
    expect(readNumber({ value: null, problem: 'is the error #DIV/0!' })).toEqual({
      ok: false,
      reason: 'is the error #DIV/0!',
    });
  });
});

describe('years and dates', () => {
  test.each([
    [2019, 2019],
    ['2019', 2019],
    ['Năm 2019', 2019],
    [new Date(Date.UTC(2019, 11, 31)), 2019],
  ])('%j is the year %d', (value, year) => {
    expect(readYear({ value })).toEqual({ ok: true, value: year });
  });

  test.each([
    ['13/12/2019', '2019-12-13'],
    ['3/2/2020', '2020-02-03'],
    ['2019-12-13', '2019-12-13'],
    [43812, '2019-12-13'],
  ])('%j is the date %s', (value, iso) => {
    expect(readDate({ value })).toEqual({ ok: true, value: iso });
  });

  test('31/02/2019 is no date', () => {
    expect(readDate({ value: '31/02/2019' })).toEqual({ ok: false, reason: 'is not a calendar date' });
  });
});

describe('cells and files', () => {
  test('references are written as Excel writes them', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(cellReference('Sheet1', 6, 3)).toBe('Sheet1!D7');
    expect(cellReference('Số liệu', 0, 0)).toBe("'Số liệu'!A1");
    expect(cellReference("O'Hara", 0, 0)).toBe("'O''Hara'!A1");
  });

  test('CSV: quoted fields, the delimiter its lines use, CRLF', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n1;2;3\r\n')).toEqual({
      rows: [
        ['a', 'b;c', 'say "hi"'],
        ['1', '2', '3'],
      ],
      delimiter: ';',
    });
    expect(parseCsv('a,b\n"1,5",2').rows).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  test('a CSV in the Vietnamese Windows code page is read; a semicolon CSV marks dots as thousands', async () => {
    const body = Buffer.from([0x54, 0xe1, 0x3b, 0x31, 0x2e, 0x32, 0x33, 0x34]); // "Tá;1.234" in windows-1258
    const [grid] = await readSpreadsheet({ name: 'x.csv', type: 'text/csv', body });
    expect(grid.rows[0].map((c) => c.value)).toEqual(['Tá', '1.234']);
    expect(grid.decimalComma).toBe(true);
  });

  test.each([
    [Buffer.from('%PDF-1.7'), 415, /PDF document/],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 415, /PNG image/],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 415, /Excel 97–2003/],
    [Buffer.from('x\u0000y'), 415, /not a spreadsheet/],
    [Buffer.alloc(0), 400, /no file/],
  ])('what is not a spreadsheet is refused (%#)', async (body, status, message) => {
    await expect(readSpreadsheet({ name: 'f', type: '', body })).rejects.toMatchObject({
      status,
      message: expect.stringMatching(message),
    });
  });
});
