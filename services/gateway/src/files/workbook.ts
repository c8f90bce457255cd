import ExcelJS from 'exceljs';

/** Heading cells: bold on grey, wrapped, boxed. */
export const headerStyle: Partial<ExcelJS.Cell> = {
  font: { bold: true },
  alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
  border: { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } },
};

/**
 * An Excel number format tagged Vietnamese (`[$-42A]`): LibreOffice shows
 * `1.234,57` whatever the reader's locale; Excel follows the reader's
 * Windows settings. Without `digits`, as many decimals as the value has.
 */
export function numberFormat(digits?: number): string {
  if (digits === undefined) return '[$-42A]General';
  return `[$-42A]#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
}

export type ExportCell = string | number | null;

export interface ExportColumn {
  header: string;
  /** Decimals for a number column; absent: text. */
  digits?: number;
  /** Whole numbers (ranks, years): no thousands separator. */
  plain?: boolean;
}

/** A table as both CSV and a workbook are made of it. */
export interface ExportTable {
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  /** What the table is, for the workbook's properties and the printed page header. */
  title: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
  /** Lines under the table before the footer (e.g. the weights used). */
  notes: string[];
  /** Where the data comes from, for the footer row. */
  source: string;
}

/** When, in Vietnam's time, as "14:03 ngày 26/11/2025". */
export function vietnamTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ngày ${part('day')}/${part('month')}/${part('year')}`;
}

/** The footer row's text: source and moment of export. */
export function footerText(table: ExportTable, exportedAt: Date): string {
  return `Nguồn số liệu: ${table.source}. Xuất lúc ${vietnamTime(exportedAt)} (giờ Việt Nam).`;
}

function widthOf(value: ExportCell, column: ExportColumn): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value.toFixed(column.digits ?? 0).length + 2;
  return Math.max(...value.split('\n').map((line) => line.length));
}

/**
 * The table as an .xlsx workbook: the header in row 1, frozen; numbers as
 * number cells in Vietnamese format; columns sized to their content; the
 * notes and a footer row with the source and the moment of export below the
 * data (and the same footer on printed pages).
 */
export async function toXlsx(table: ExportTable, exportedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.title = table.title;
  workbook.created = exportedAt;
  const footer = footerText(table, exportedAt);
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&C${table.title}`, oddFooter: `&L${footer.replace(/&/g, '&&')}&RTrang &P/&N` },
  });
  sheet.pageSetup.printTitlesRow = '1:1';
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.eachCell((cell) => Object.assign(cell, headerStyle));
  for (const values of table.rows) {
    const row = sheet.addRow(values);
    table.columns.forEach((column, i) => {
      if (column.digits === undefined) return;
      const cell = row.getCell(i + 1);
      cell.numFmt = column.plain ? '0' : numberFormat(column.digits);
    });
  }
  table.columns.forEach((column, i) => {
    const widest = Math.max(column.header.length / 2, ...table.rows.map((r) => widthOf(r[i], column)));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, Math.ceil(widest) + 2));
  });
  sheet.addRow([]);
  for (const line of [...table.notes, footer]) {
    const row = sheet.addRow([line]);
    row.getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: ExportCell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV for programs: RFC 4180, comma-separated, numbers with a
 * decimal point, UTF-8 with a byte-order mark so Excel reads the Vietnamese
 * letters. No footer: every line after the header is a row.
 */
export function toCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
