import ExcelJS from 'exceljs';
import type { Request } from 'express';
import { isNational, type Viewer } from '@thidua/kit';
import { HttpFailure, type GatewayApi } from './api.js';
import { directionLabels, indicatorSource, rangeLabel, unitLabels } from './labels.js';
import { columnLetter } from './sheet.js';
import { headerStyle, numberFormat } from './workbook.js';

const TemplateQuery = `query ObservationTemplate($clusterId: ID!, $year: Int!) {
  index(id: "ict") { name components { weight indicator { code name unit direction scaleMax pillar } } }
  cluster(id: $clusterId) {
    id name
    season(year: $year) {
      members { id name observations(year: $year) { indicator { code } value source derived } }
    }
  }
}`;

interface TemplateIndicator {
  code: string;
  name: string;
  unit: string;
  direction: string;
  scaleMax: number | null;
  pillar: string;
}

interface TemplateData {
  index: { name: string; components: { weight: number; indicator: TemplateIndicator }[] } | null;
  cluster: {
    id: string;
    name: string;
    season: {
      members: {
        id: string;
        name: string;
        observations: { indicator: { code: string }; value: number; source: string | null; derived: boolean }[] | null;
      }[];
    } | null;
  } | null;
}

/** The name of the template's data sheet. */
export const DATA_SHEET = 'Số liệu';

/** Whether the caller may write this province's figures (the template fills in only those). */
function mayWrite(viewer: Viewer | null, provinceId: string): boolean {
  return isNational(viewer) || (viewer?.role === 'province' && viewer.province === provinceId);
}

function validationOf(indicator: TemplateIndicator): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Giá trị không hợp lệ' };
  if (indicator.unit === 'COUNT') {
    return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: 'Nhập số nguyên ≥ 0.' };
  }
  const max = indicator.unit === 'PERCENT' ? 100 : indicator.scaleMax;
  if (max === null) {
    return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: 'Nhập số ≥ 0.' };
  }
  const shown = String(max).replace('.', ',');
  return { ...common, type: 'decimal', operator: 'between', formulae: [0, max], error: `Nhập số từ 0 đến ${shown}.` };
}

/**
 * GET /import/template.xlsx?cluster=&year=: a workbook for one season. Sheet
 * "Số liệu" has one row per member and one column per indicator of the
 * cluster's set (the "ict" index), the codes in a hidden row, Excel data
 * validation on every value cell, and the figures already stored for the
 * members the caller may write. Sheet "Giải thích" explains each indicator.
 */
export async function observationTemplate(
  api: GatewayApi,
  req: Request,
  clusterId: string,
  year: number,
): Promise<ExcelJS.Workbook> {
  const data = await api.run<TemplateData>(req, TemplateQuery, { clusterId, year });
  const season = data.cluster?.season;
  if (!data.cluster || !season) throw new HttpFailure(404, `Cluster "${clusterId}" has no season in ${year}`);
  if (!data.index) throw new HttpFailure(404, 'The index "ict" (the cluster\'s set of indicators) is not defined');
  const indicators = data.index.components.map((c) => c.indicator);
  const viewer = await api.viewer(req);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.title = `Mẫu nhập số liệu chỉ tiêu ${data.cluster.name} năm ${year}`;
  const sheet = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 5 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const fixed = ['provinceId', 'province', 'year'];
  const last = fixed.length + indicators.length + 1;
  const lastLetter = columnLetter(last - 1);

  sheet.getCell('A1').value = `Số liệu chỉ tiêu năm ${year}: ${data.cluster.name}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells(`A1:${lastLetter}1`);
  sheet.getCell('A2').value =
    'Nhập giá trị vào các ô của chỉ tiêu; để trống ô chưa có số liệu. Tỷ lệ phần trăm nhập từ 0 đến 100 ' +
    '(ví dụ 91,6). Không sửa cột "Mã tỉnh" và các dòng tiêu đề. Xem giải thích từng chỉ tiêu ở trang "Giải thích".';
  sheet.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells(`A2:${lastLetter}2`);
  sheet.getRow(2).height = 32;

  const headings = ['Mã tỉnh', 'Tỉnh, thành phố', 'Năm'];
  headings.forEach((heading, i) => {
    sheet.getCell(3, i + 1).value = heading;
    sheet.mergeCells(3, i + 1, 4, i + 1);
  });
  sheet.getCell(3, last).value = 'Nguồn số liệu';
  sheet.mergeCells(3, last, 4, last);
  // Indicators of one area side by side under one merged heading.
  let start = 0;
  indicators.forEach((indicator, i) => {
    const column = fixed.length + i + 1;
    sheet.getCell(4, column).value = `${indicator.name} (${unitLabels[indicator.unit] ?? indicator.unit})`;
    const next = indicators[i + 1];
    if (!next || next.pillar !== indicator.pillar) {
      sheet.getCell(3, fixed.length + start + 1).value = indicator.pillar;
      if (i > start) sheet.mergeCells(3, fixed.length + start + 1, 3, column);
      start = i + 1;
    }
  });
  const codes = sheet.getRow(5);
  codes.values = [...fixed, ...indicators.map((i) => i.code), 'source'];
  codes.hidden = true;
  for (const row of [3, 4]) {
    sheet.getRow(row).eachCell((cell) => Object.assign(cell, headerStyle));
  }
  sheet.getRow(4).height = 90;

  season.members.forEach((member, m) => {
    const row = sheet.getRow(6 + m);
    const writable = mayWrite(viewer, member.id);
    const stored = new Map(
      (member.observations ?? []).filter((o) => !o.derived).map((o) => [o.indicator.code, o] as const),
    );
    row.getCell(1).value = member.id;
    row.getCell(2).value = member.name;
    row.getCell(3).value = year;
    const sources = new Set<string | null>();
    indicators.forEach((indicator, i) => {
      const cell = row.getCell(fixed.length + i + 1);
      const observation = writable ? stored.get(indicator.code) : undefined;
      if (observation) {
        cell.value = observation.value;
        sources.add(observation.source);
      }
      cell.numFmt = numberFormat(indicator.unit === 'COUNT' ? 0 : undefined);
      cell.dataValidation = validationOf(indicator);
      cell.border = { bottom: { style: 'hair' }, right: { style: 'hair' } };
    });
    // One source for the row only when every stored figure shares it; a blank source keeps each stored one.
    if (sources.size === 1) row.getCell(last).value = [...sources][0];
    for (const c of [1, 2, 3])
      row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 22;
  sheet.getColumn(3).width = 8;
  for (let c = fixed.length + 1; c < last; c++) sheet.getColumn(c).width = 16;
  sheet.getColumn(last).width = 40;

  explain(workbook, data.index.name, data.index.components, data.cluster.name, year);
  return workbook;
}

/** The "Giải thích" sheet: each indicator, its unit, what a cell may hold and where the figure comes from. */
function explain(
  workbook: ExcelJS.Workbook,
  indexName: string,
  components: { weight: number; indicator: TemplateIndicator }[],
  clusterName: string,
  year: number,
): void {
  const sheet = workbook.addWorksheet('Giải thích', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.getCell('A1').value = `Các chỉ tiêu của ${clusterName} năm ${year} (${indexName})`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value =
    'Số thập phân viết bằng dấu phẩy (91,6). Ô để trống: chưa có số liệu, không thay đổi số liệu đã có. ' +
    'Nộp tệp tại trang "Nhập số liệu" của hệ thống hoặc gửi POST /import/observations.';
  const header = sheet.getRow(3);
  header.values = [
    'Mã chỉ tiêu',
    'Tên chỉ tiêu',
    'Lĩnh vực',
    'Đơn vị',
    'Giá trị hợp lệ',
    'Chiều đánh giá',
    'Trọng số',
    'Nguồn số liệu',
  ];
  header.eachCell((cell) => Object.assign(cell, headerStyle));
  for (const { weight, indicator } of components) {
    sheet.addRow([
      indicator.code,
      indicator.name,
      indicator.pillar,
      unitLabels[indicator.unit] ?? indicator.unit,
      rangeLabel(indicator),
      directionLabels[indicator.direction] ?? indicator.direction,
      weight,
      indicatorSource(indicator.code, year),
    ]);
  }
  [30, 50, 30, 10, 16, 20, 10, 70].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
    sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
}
