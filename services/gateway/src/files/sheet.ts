import ExcelJS from 'exceljs';
import { HttpFailure } from './api.js';

/** What a cell holds once read: a formula gives its cached result. */
export type CellValue = number | string | boolean | Date | null;

export interface Cell {
  value: CellValue;
  /** A number shown as a percentage in Excel (0.916 shown as 91.6 %). */
  percent?: boolean;
  /** Why the cell has no usable value (a formula error, a formula never calculated). */
  problem?: string;
}

/** One worksheet (or a CSV file) as rows of cells; rows[0][0] is A1. */
export interface Grid {
  name: string;
  rows: Cell[][];
  /** A CSV separated by semicolons, as Excel writes it where the comma is the decimal mark: dots group thousands. */
  decimalComma?: boolean;
}

/** An uploaded file: its bytes and what the client said it is. */
export interface Upload {
  name: string;
  type: string;
  body: Buffer;
}

const EMPTY: Cell = { value: null };

/** Column letters as Excel writes them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A sheet name as Excel writes it in a reference: quoted unless plain. */
export function sheetInReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `Sheet1!D7` (0-based row and column). */
export function cellReference(sheet: string, row: number, column: number): string {
  return `${sheetInReference(sheet)}!${columnLetter(column)}${row + 1}`;
}

export function cellAt(grid: Grid, row: number, column: number): Cell {
  return grid.rows[row]?.[column] ?? EMPTY;
}

function hasPrefix(body: Buffer, bytes: number[]): boolean {
  return body.length >= bytes.length && bytes.every((byte, i) => body[i] === byte);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

type ExcelValue = ExcelJS.CellValue;

function textOf(value: unknown): string {
  if (value && typeof value === 'object' && 'richText' in value) {
    return (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('');
  }
  return String(value ?? '');
}

/** A cell of exceljs as a plain value: formulas by their cached result, rich text as text. */
function readCell(cell: ExcelJS.Cell): Cell {
  const percent = /%/.test(cell.numFmt ?? '');
  const value: ExcelValue = cell.value;
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return percent ? { value, percent } : { value };
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return { value };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      return { value: null, problem: 'is a formula without a calculated value: open and save the file in Excel' };
    }
    if (typeof result === 'object' && 'error' in result)
      return { value: null, problem: `is the error ${result.error}` };
    return typeof result === 'number' && percent ? { value: result, percent } : { value: result as CellValue };
  }
  if ('error' in value) return { value: null, problem: `is the error ${(value as ExcelJS.CellErrorValue).error}` };
  if ('richText' in value) return { value: textOf(value) };
  if ('text' in value) return { value: textOf((value as ExcelJS.CellHyperlinkValue).text) };
  return { value: String(value) };
}

async function readWorkbook(body: Buffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    if (body.includes('application/vnd.oasis.opendocument')) {
      throw new HttpFailure(415, 'This is an OpenDocument file (.ods): save it as an Excel workbook (.xlsx) or CSV');
    }
    throw new HttpFailure(415, 'The file is a ZIP archive but not an Excel workbook (.xlsx)');
  }
  if (workbook.worksheets.length === 0) throw new HttpFailure(415, 'The workbook has no worksheet');
  return workbook.worksheets.map((sheet) => {
    const rows: Cell[][] = [];
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) cells.push(readCell(row.getCell(c)));
      rows[number - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return { name: sheet.name, rows };
  });
}

/** Splits CSV text (RFC 4180 quoting) on the delimiter its first lines use most: `,`, `;` or tab. */
export function parseCsv(text: string): { rows: string[][]; delimiter: string } {
  const sample = text
    .split(/\r?\n/, 5)
    .join('\n')
    .replace(/"[^"]*"/g, '');
  const delimiter = [',', ';', '\t'].map((d) => [d, sample.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, delimiter };
}

/** Text of a CSV upload: UTF-8 (with or without BOM), UTF-16 with BOM, else the Vietnamese Windows code page. */
function decodeText(body: Buffer): string {
  if (hasPrefix(body, [0xef, 0xbb, 0xbf])) return body.subarray(3).toString('utf8');
  if (hasPrefix(body, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (hasPrefix(body, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(body.subarray(2));
  if (body.includes(0))
    throw new HttpFailure(415, 'The file is not a spreadsheet: send an Excel workbook (.xlsx) or CSV');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1258').decode(body);
  }
}

const binarySignatures: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

/**
 * Reads an upload as grids: an .xlsx workbook (every worksheet) or a CSV
 * file. Anything else is refused with a status that says why: 415 for what
 * is not a spreadsheet (or an old .xls), 422 for a password-protected workbook.
 */
export async function readSpreadsheet(upload: Upload): Promise<Grid[]> {
  const { body } = upload;
  if (body.length === 0) throw new HttpFailure(400, 'The request has no file: send the file as the request body');
  if (hasPrefix(body, ZIP)) return readWorkbook(body);
  if (hasPrefix(body, OLE)) {
    // An encrypted .xlsx is an OLE container holding an "EncryptedPackage" stream.
    if (body.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new HttpFailure(
        422,
        'The workbook is password-protected: remove the password in Excel, save, and send it again',
      );
    }
    throw new HttpFailure(415, 'This is an Excel 97–2003 file (.xls): save it as an Excel workbook (.xlsx) or CSV');
  }
  const binary = binarySignatures.find(([signature]) => hasPrefix(body, signature));
  if (binary)
    throw new HttpFailure(415, `The file is ${binary[1]}, not a spreadsheet: send an Excel workbook (.xlsx) or CSV`);
  const csv = parseCsv(decodeText(body));
  const rows = csv.rows.map((row) => row.map((text): Cell => (text === '' ? EMPTY : { value: text })));
  const name = upload.name.replace(/\.[^.]*$/, '') || 'CSV';
  return [{ name, rows, decimalComma: csv.delimiter === ';' }];
}
