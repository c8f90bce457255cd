import ExcelJS from 'exceljs';
import type { Request } from 'express';
import { isNational, type Viewer } from '@thidua/kit';
import { HttpFailure, type GatewayApi } from './api.js';
import { formLabels, recipientKindLabels, signerOf } from './labels.js';
import { headerStyle } from './workbook.js';

/** The columns of the two sheets: the code (hidden row 2) and the heading (row 1). */
export const commendationColumns: [code: string, heading: string, width: number][] = [
  ['provinceId', 'Mã tỉnh', 14],
  ['province', 'Tỉnh, thành phố', 18],
  ['form', 'Hình thức khen thưởng', 40],
  ['year', 'Năm', 8],
  ['periodFrom', 'Từ năm', 8],
  ['periodTo', 'Đến năm', 8],
  ['recipientKind', 'Đối tượng', 11],
  ['recipientName', 'Tên tập thể, cá nhân', 36],
  ['decision', 'Số quyết định', 24],
  ['decisionDate', 'Ngày quyết định', 14],
  ['citation', 'Thành tích', 40],
  ['source', 'Nguồn', 30],
];

export const tallyColumns: [code: string, heading: string, width: number][] = [
  ['provinceId', 'Mã tỉnh', 14],
  ['province', 'Tỉnh, thành phố', 18],
  ['form', 'Hình thức khen thưởng', 40],
  ['recipientKind', 'Đối tượng', 11],
  ['count', 'Số lượng', 10],
  ['periodFrom', 'Từ năm', 8],
  ['periodTo', 'Đến năm', 8],
  ['citation', 'Thành tích', 40],
  ['source', 'Nguồn', 30],
];

export const COMMENDATION_SHEET = 'Khen thưởng';
export const TALLY_SHEET = 'Số lượng khen thưởng';
const EXPLANATION_SHEET = 'Giải thích';
/** Rows with validation ready to fill in below the stored ones. */
const BLANK_ROWS = 100;

const TemplateQuery = `query CommendationTemplate($clusterId: ID!, $year: Int!) {
  commendationCatalogue { form name issuer recipientKinds recordedByProvince points }
  cluster(id: $clusterId) {
    name
    season(year: $year) {
      members {
        id name
        commendations(fromYear: $year, toYear: $year) {
          form year periodFrom periodTo recipientKind recipientName decision citation source
        }
        commendationTallies(fromYear: $year, toYear: $year) { form recipientKind count periodFrom periodTo citation source }
      }
    }
  }
}`;

interface CatalogueEntry {
  form: string;
  name: string;
  issuer: string;
  recipientKinds: string[];
  recordedByProvince: boolean;
  points: number;
}

type Member = {
  id: string;
  name: string;
  commendations: Record<string, string | number | null>[] | null;
  commendationTallies: Record<string, string | number | null>[] | null;
};

function mayWrite(viewer: Viewer | null, provinceId: string): boolean {
  return isNational(viewer) || (viewer?.role === 'province' && viewer.province === provinceId);
}

function listValidation(formula: string, error: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: 'Không hợp lệ',
    error,
  };
}

/** One data sheet: headings, the hidden code row, stored rows, then blank rows, all with validation. */
function dataSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: typeof commendationColumns,
  rows: Record<string, string | number | null>[],
  formRange: string,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  sheet.getRow(1).values = columns.map(([, heading]) => heading);
  sheet.getRow(1).eachCell((cell) => Object.assign(cell, headerStyle));
  sheet.getRow(1).height = 32;
  sheet.getRow(2).values = columns.map(([code]) => code);
  sheet.getRow(2).hidden = true;
  columns.forEach(([, , width], i) => (sheet.getColumn(i + 1).width = width));
  rows.forEach((values, i) => (sheet.getRow(3 + i).values = columns.map(([code]) => values[code] ?? null)));
  const at = (code: string) => columns.findIndex(([c]) => c === code) + 1;
  for (let r = 3; r < 3 + rows.length + BLANK_ROWS; r++) {
    const row = sheet.getRow(r);
    row.getCell(at('form')).dataValidation = listValidation(
      formRange,
      'Chọn một hình thức trong danh sách (trang "Giải thích").',
    );
    row.getCell(at('recipientKind')).dataValidation = listValidation(
      '"Sở,Tập thể,Cá nhân"',
      'Chọn Sở, Tập thể hoặc Cá nhân.',
    );
    for (const code of ['year', 'periodFrom', 'periodTo']) {
      if (at(code) === 0) continue;
      row.getCell(at(code)).dataValidation = {
        type: 'whole',
        operator: 'between',
        formulae: [2000, 2100],
        allowBlank: true,
        showErrorMessage: true,
        error: 'Nhập năm, ví dụ 2019.',
      };
    }
    if (at('count') > 0) {
      row.getCell(at('count')).dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [1],
        allowBlank: true,
        showErrorMessage: true,
        error: 'Nhập số nguyên ≥ 1.',
      };
    }
    if (at('decisionDate') > 0) {
      row.getCell(at('decisionDate')).numFmt = 'dd/mm/yyyy';
      row.getCell(at('decisionDate')).dataValidation = {
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(1990, 0, 1))],
        allowBlank: true,
        showErrorMessage: true,
        error: 'Nhập ngày, ví dụ 13/12/2019.',
      };
    }
  }
}

/**
 * GET /import/commendations-template.xlsx?cluster=&year=: sheets "Khen
 * thưởng" (one award a row) and "Số lượng khen thưởng" (awards a report
 * gives only as counts), each with its codes in a hidden row, lists to pick
 * the form and the recipient from, and the season's records already kept for
 * the members the caller may write (an officer's copy: its own department's
 * forms); sheet "Giải thích" lists the forms.
 */
export async function commendationTemplate(
  api: GatewayApi,
  req: Request,
  clusterId: string,
  year: number,
): Promise<ExcelJS.Workbook> {
  const data = await api.run<{
    commendationCatalogue: CatalogueEntry[];
    cluster: { name: string; season: { members: Member[] } | null } | null;
  }>(req, TemplateQuery, { clusterId, year });
  const season = data.cluster?.season;
  if (!data.cluster || !season) throw new HttpFailure(404, `Cluster "${clusterId}" has no season in ${year}`);
  const viewer = await api.viewer(req);
  // The names the files use (the Ministry's forms without the ministry), not the catalogue's wording.
  const names = new Map(data.commendationCatalogue.map((entry) => [entry.form, formLabels[entry.form] ?? entry.name]));
  const shown = (row: Record<string, string | number | null>, member: Member) => ({
    ...row,
    provinceId: member.id,
    province: member.name,
    form: names.get(String(row.form)) ?? row.form,
    recipientKind: recipientKindLabels[String(row.recipientKind)] ?? row.recipientKind,
  });
  // Only what the caller may write: an officer's copy leaves out the forms the Ministry records.
  const recordable = new Set(
    data.commendationCatalogue.filter((e) => isNational(viewer) || e.recordedByProvince).map((e) => e.form),
  );
  const mine = (rows: Member['commendations']) => (rows ?? []).filter((row) => recordable.has(String(row.form)));
  const writable = season.members.filter((m) => mayWrite(viewer, m.id));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.title = `Mẫu nhập khen thưởng ${data.cluster.name} năm ${year}`;
  const catalogueRows = data.commendationCatalogue.length;
  const formRange = `'${EXPLANATION_SHEET}'!$B$4:$B$${3 + catalogueRows}`;
  dataSheet(
    workbook,
    COMMENDATION_SHEET,
    commendationColumns,
    writable.flatMap((m) => mine(m.commendations).map((c) => shown(c, m))),
    formRange,
  );
  dataSheet(
    workbook,
    TALLY_SHEET,
    tallyColumns,
    writable.flatMap((m) => mine(m.commendationTallies).map((c) => shown(c, m))),
    formRange,
  );

  const sheet = workbook.addWorksheet(EXPLANATION_SHEET);
  sheet.getCell('A1').value = `Khen thưởng của ${data.cluster.name} năm ${year}: cách điền`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value =
    'Mỗi dòng của trang "Khen thưởng" là một khen thưởng; trang "Số lượng khen thưởng" ghi các khen thưởng báo cáo ' +
    'chỉ nêu số lượng. "Năm" để trống khi chỉ biết giai đoạn ("Từ năm", "Đến năm"). Dòng trùng khen thưởng đã có ' +
    '(cùng tỉnh, hình thức, năm, đối tượng, tên, số quyết định) sẽ sửa khen thưởng đó và giữ lịch sử.';
  sheet.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells('A2:F2');
  sheet.getRow(2).height = 48;
  sheet.getRow(3).values = ['Mã', 'Hình thức khen thưởng', 'Người ký quyết định', 'Sở tự nhập', 'Đối tượng', 'Điểm'];
  sheet.getRow(3).eachCell((cell) => Object.assign(cell, headerStyle));
  for (const entry of data.commendationCatalogue) {
    sheet.addRow([
      entry.form,
      names.get(entry.form),
      signerOf(entry, year),
      entry.recordedByProvince ? 'Có' : 'Không (Bộ nhập)',
      entry.recipientKinds.map((k) => recipientKindLabels[k] ?? k).join(', '),
      entry.points,
    ]);
  }
  [30, 44, 40, 16, 24, 8].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return workbook;
}
