import type { Cell } from './sheet.js';

/** A value read from a cell, or why it could not be. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** Marks a report leaves in a cell it has no figure for. */
const noValue = new Set(['', '-', '–', '—', 'x', 'n/a', 'na']);

/** Whether a cell holds nothing to import (blank, or a dash for "no figure"). */
export function isBlank(cell: Cell): boolean {
  if (cell.problem) return false;
  if (cell.value === null) return true;
  return typeof cell.value === 'string' && noValue.has(cell.value.trim().toLowerCase());
}

/** Plain text of a cell, trimmed, with Vietnamese letters in their composed form. */
export function textOf(cell: Cell): string {
  const { value } = cell;
  if (value === null) return '';
  if (value instanceof Date) return formatDate(value);
  return String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Removes floating-point noise (0.916 × 100 = 91.60000000000001). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * A number as Vietnamese files write it: `91,6`, `1.234,5`, `1 234`, `91,6 %`,
 * and also `91.6` as machines write it. With both separators the last one is
 * the decimal mark; a lone comma is a decimal comma; dots alone are thousands
 * separators when there are several, or when `groupingDots` says so (a
 * count, or a file written the Vietnamese way) and they group by three;
 * else a dot is a decimal point. A trailing `%` (or Excel's percent format)
 * marks a percentage.
 */
export function readNumber(cell: Cell, groupingDots = false): Read<{ number: number; percent: boolean }> {
  if (cell.problem) return fail(cell.problem);
  const { value } = cell;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('is not a finite number');
    return ok(cell.percent ? { number: tidy(value * 100), percent: true } : { number: value, percent: false });
  }
  if (typeof value !== 'string') return fail(value instanceof Date ? 'is a date, not a number' : 'is not a number');
  let text = value.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, '');
  const percent = text.endsWith('%');
  if (percent) text = text.slice(0, -1);
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    text = text.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    if (text.indexOf(',') !== lastComma) return fail('has more than one decimal comma');
    text = text.replace(',', '.');
  } else if (lastDot >= 0) {
    const grouped = /^[+-]?\d{1,3}(\.\d{3})+$/.test(text);
    if (text.indexOf('.') !== lastDot && !grouped) return fail('is not a number');
    if (grouped && (groupingDots || text.indexOf('.') !== lastDot)) text = text.split('.').join('');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return fail('is not a number');
  return ok({ number: Number(text), percent });
}

/** A year: 2019, "2019", "Năm 2019", or a date (its year). */
export function readYear(cell: Cell): Read<number> {
  if (cell.problem) return fail(cell.problem);
  const { value } = cell;
  if (value instanceof Date) return ok(value.getUTCFullYear());
  if (typeof value === 'number' && Number.isInteger(value)) return ok(value);
  const match = /^(?:năm\s*)?(\d{4})$/i.exec(textOf(cell));
  return match ? ok(Number(match[1])) : fail('is not a year');
}

/** A whole number (a count, a year of a period). */
export function readInteger(cell: Cell): Read<number> {
  const read = readNumber(cell);
  if (!read.ok) return read;
  if (read.value.percent || !Number.isInteger(read.value.number)) return fail('is not a whole number');
  return ok(read.value.number);
}

/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

/**
 * A calendar date as ISO `YYYY-MM-DD`: an Excel date, `13/12/2019` (day
 * first, as Vietnamese documents write it), or `2019-12-13`.
 */
export function readDate(cell: Cell): Read<string> {
  if (cell.problem) return fail(cell.problem);
  const { value } = cell;
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  if (value instanceof Date) return ok(iso(value));
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    return ok(iso(new Date((value - EXCEL_EPOCH_DAYS) * 86_400_000)));
  }
  const text = textOf(cell);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let day = 0;
  let month = 0;
  let year = 0;
  if (dayFirst) [day, month, year] = dayFirst.slice(1).map(Number);
  else if (isoDate) [year, month, day] = isoDate.slice(1).map(Number);
  if (!year) return fail('is not a date (write it as dd/mm/yyyy)');
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return fail('is not a calendar date');
  return ok(iso(date));
}

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** A cell as the reader sees it in Excel (Vietnamese number format), for error messages. */
export function shownValue(cell: Cell): string {
  const { value } = cell;
  if (value === null) return '';
  if (typeof value === 'number')
    return cell.percent ? `${viNumber.format(tidy(value * 100))} %` : viNumber.format(value);
  if (value instanceof Date) return formatDate(value);
  return String(value);
}

/**
 * A heading or name reduced for matching: composed, lower-case, single
 * spaces, without the "tỉnh" / "thành phố" prefix.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tỉnh|thành phố|tp\.?)\s+/, '');
}
