import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { findLayout, type FieldSpec, type Layout } from './layout.js';
import { cellAt, readSpreadsheet, type Grid, type Upload } from './sheet.js';
import { isBlank, matchKey, readNumber, readYear, textOf } from './values.js';
import { unitLabels } from './labels.js';
import { errorAt, type ImportError, type Position } from './cell-error.js';

/** One refused cell, named as Excel names it. */
export type { ImportError } from './cell-error.js';

/** What an import answers (HTTP 200 when stored or checked, 422 when any cell was refused and nothing stored). */
export interface ImportAnswer {
  file: string;
  rows: number;
  stored: number;
  unchanged: number;
  dryRun: boolean;
  errorCount: number;
  errors: ImportError[];
  summary: string;
}

interface IndicatorInfo {
  code: string;
  name: string;
  unit: string;
}

/** The columns of an observation sheet besides the indicators; the first heading is the template's code. */
export const observationFields: FieldSpec[] = [
  { role: 'provinceId', headings: ['provinceId', 'Mã tỉnh', 'Mã đơn vị', 'Mã'] },
  { role: 'province', headings: ['province', 'Tỉnh, thành phố', 'Tỉnh/thành phố', 'Tỉnh', 'Thành phố'] },
  { role: 'year', headings: ['year', 'Năm'] },
  { role: 'source', headings: ['source', 'Nguồn số liệu', 'Nguồn'] },
];

/** One value found in the file, and the cells it came from (to name them in an error). */
interface Entry {
  grid: Grid;
  province: string;
  provinceAt: Position;
  year: number;
  yearAt: Position | null;
  code: string;
  headerAt: Position;
  value: number;
  valueAt: Position;
  source: string | null;
  sourceAt: Position | null;
}

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Matches a heading to an indicator: its code, or its Vietnamese name with or without the unit. */
function indicatorRecogniser(indicators: IndicatorInfo[]): (heading: string) => string | null {
  const byKey = new Map<string, string>();
  for (const i of indicators) {
    byKey.set(matchKey(i.code), i.code);
    byKey.set(matchKey(i.name), i.code);
    byKey.set(matchKey(`${i.name} (${unitLabels[i.unit] ?? i.unit})`), i.code);
  }
  return (heading) => byKey.get(matchKey(heading)) ?? null;
}

interface Extracted {
  entries: Entry[];
  errors: ImportError[];
  /** Names to turn into province ids, by year. */
  names: Map<number, Set<string>>;
}

/** Reads every value cell of one recognised sheet. */
function extract(layout: Layout, indicators: Map<string, IndicatorInfo>, defaultYear: number | null, into: Extracted) {
  const { grid, headerEnd, columns } = layout;
  const at = (role: string) => columns.get(role);
  const idColumn = at('provinceId');
  const nameColumn = at('province');
  const yearColumn = at('year');
  const sourceColumn = at('source');
  for (let row = headerEnd + 1; row < grid.rows.length; row++) {
    const values = layout.extra.filter((x) => !isBlank(cellAt(grid, row, x.column)));
    if (values.length === 0) continue;
    const idText = idColumn === undefined ? '' : textOf(cellAt(grid, row, idColumn));
    const provinceColumn = idText ? idColumn! : (nameColumn ?? idColumn);
    const province = provinceColumn === undefined ? '' : textOf(cellAt(grid, row, provinceColumn));
    const provinceAt: Position = [row, provinceColumn ?? 0];
    if (!province) {
      into.errors.push(errorAt(grid, provinceAt, 'has values but names no province'));
      continue;
    }
    let year = defaultYear;
    let yearAt: Position | null = null;
    if (yearColumn !== undefined && !isBlank(cellAt(grid, row, yearColumn))) {
      yearAt = [row, yearColumn];
      const read = readYear(cellAt(grid, row, yearColumn));
      if (!read.ok) {
        into.errors.push(errorAt(grid, yearAt, read.reason));
        continue;
      }
      year = read.value;
    }
    if (year === null) {
      into.errors.push(errorAt(grid, provinceAt, 'has no year: fill in the "Năm" column or add ?year= to the request'));
      continue;
    }
    if (!slug.test(province)) {
      const names = into.names.get(year) ?? new Set<string>();
      into.names.set(year, names.add(province));
    }
    const sourceAt: Position | null = sourceColumn === undefined ? null : [row, sourceColumn];
    const sourceText = sourceAt ? textOf(cellAt(grid, ...sourceAt)) : '';
    for (const { key: code, column, headerRow } of values) {
      const valueAt: Position = [row, column];
      const indicator = indicators.get(code)!;
      const read = readNumber(cellAt(grid, row, column), grid.decimalComma || indicator.unit === 'COUNT');
      if (!read.ok) {
        into.errors.push(errorAt(grid, valueAt, read.reason));
        continue;
      }
      if (read.value.percent && indicator.unit !== 'PERCENT') {
        into.errors.push(errorAt(grid, valueAt, `is a percentage, but "${indicator.name}" is not measured in %`));
        continue;
      }
      into.entries.push({
        grid,
        province,
        provinceAt,
        year,
        yearAt,
        code,
        headerAt: [headerRow, column],
        value: read.value.number,
        valueAt,
        source: sourceText || null,
        sourceAt: sourceText ? sourceAt : null,
      });
    }
  }
}

/** Turns province names into ids, with the units that existed at the end of each year. */
async function resolveNames(api: GatewayApi, req: Request, extracted: Extracted): Promise<void> {
  if (extracted.names.size === 0) return;
  const years = [...extracted.names.keys()];
  const query = `query ImportProvinceNames { ${years
    .map((year) => `y${year}: provinces(asOf: "${year}-12-31") { id name }`)
    .join(' ')} }`;
  const data = await api.run<Record<string, { id: string; name: string }[]>>(req, query);
  const ids = new Map<number, Map<string, string>>();
  for (const year of years) ids.set(year, new Map(data[`y${year}`].map((p) => [matchKey(p.name), p.id])));
  const kept: Entry[] = [];
  const reported = new Set<string>();
  for (const entry of extracted.entries) {
    if (slug.test(entry.province)) {
      kept.push(entry);
      continue;
    }
    const id = ids.get(entry.year)?.get(matchKey(entry.province));
    if (id) kept.push({ ...entry, province: id });
    else {
      const key = `${entry.grid.name}|${entry.provinceAt.join(':')}`;
      if (!reported.has(key)) {
        reported.add(key);
        extracted.errors.push(errorAt(entry.grid, entry.provinceAt, `is not a province that existed in ${entry.year}`));
      }
    }
  }
  extracted.entries = kept;
}

interface MutationAnswer {
  importObservations: {
    rows: number;
    stored: number;
    unchanged: number;
    errorCount: number;
    errors: { row: number; field: string; message: string }[];
  };
}

const ImportMutation = `mutation ImportObservations($columns: ObservationColumnsInput!, $dryRun: Boolean!) {
  importObservations(columns: $columns, dryRun: $dryRun) {
    rows stored unchanged errorCount errors { row field message }
  }
}`;

/** Which cell a refused field of an entry is written in. */
function positionOf(entry: Entry, field: string): Position {
  switch (field) {
    case 'provinceId':
      return entry.provinceAt;
    case 'year':
      return entry.yearAt ?? entry.provinceAt;
    case 'indicator':
      return entry.headerAt;
    case 'source':
      return entry.sourceAt ?? entry.valueAt;
    default:
      return entry.valueAt;
  }
}

function summaryOf(answer: Omit<ImportAnswer, 'summary'>): string {
  if (answer.errorCount > 0) return `Nothing stored: ${answer.errorCount} cell(s) refused`;
  if (answer.rows === 0) return 'The file has no values to import';
  const verb = answer.dryRun ? 'would store' : 'stored';
  if (answer.stored === 0) return `Nothing changed: all ${answer.rows} values are already stored`;
  return `${answer.stored} value(s) ${verb}, ${answer.unchanged} unchanged`;
}

/**
 * POST /import/observations: reads an indicator sheet (the template, or an
 * .xlsx/CSV of the same shape), then stores it through the public
 * `importObservations` mutation with the caller's rights, all or nothing.
 * Cells the file itself gets wrong and rows the API refuses are all listed,
 * each by its cell.
 */
export async function importObservationFile(
  api: GatewayApi,
  req: Request,
  upload: Upload,
  options: { dryRun: boolean; year: number | null },
): Promise<ImportAnswer> {
  const grids = await readSpreadsheet(upload);
  const { indicators } = await api.run<{ indicators: IndicatorInfo[] }>(
    req,
    'query ImportIndicators { indicators { code name unit } }',
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const recognise = indicatorRecogniser(indicators);
  // A data sheet names provinces and indicators; other sheets (the template's explanation) are not read.
  const layouts = grids
    .map((grid) => findLayout(grid, observationFields, recognise))
    .filter(
      (layout): layout is Layout =>
        layout !== null &&
        layout.extra.length > 0 &&
        (layout.columns.has('provinceId') || layout.columns.has('province')),
    );
  if (layouts.length === 0) {
    throw new HttpFailure(
      422,
      'No sheet has a province column ("Mã tỉnh" or "Tỉnh") and indicator columns: use the template ' +
        '(GET /import/template.xlsx) or head the columns with indicator codes',
    );
  }
  const extracted: Extracted = { entries: [], errors: [], names: new Map() };
  for (const layout of layouts) extract(layout, byCode, options.year, extracted);
  await resolveNames(api, req, extracted);
  const { entries, errors } = extracted;
  const columns = {
    provinceIds: entries.map((e) => e.province),
    indicators: entries.map((e) => e.code),
    years: entries.map((e) => e.year),
    values: entries.map((e) => e.value),
    sources: entries.map((e) => e.source),
  };
  // With cells already refused nothing is stored, but the API still checks the rest so every problem is listed.
  const dryRun = options.dryRun || errors.length > 0;
  const { importObservations: result } = await api.run<MutationAnswer>(req, ImportMutation, { columns, dryRun });
  for (const error of result.errors) {
    const entry = entries[error.row];
    errors.push(errorAt(entry.grid, positionOf(entry, error.field), error.message));
  }
  const errorCount = errors.length + Math.max(0, result.errorCount - result.errors.length);
  const answer = {
    file: upload.name,
    rows: entries.length + errors.length - result.errors.length,
    stored: errorCount > 0 ? 0 : result.stored,
    unchanged: errorCount > 0 ? 0 : result.unchanged,
    dryRun: options.dryRun,
    errorCount,
    errors: errors.sort(
      (a, b) =>
        a.sheet.localeCompare(b.sheet) ||
        a.row - b.row ||
        a.column.length - b.column.length ||
        a.column.localeCompare(b.column),
    ),
  };
  return { ...answer, summary: summaryOf(answer) };
}
