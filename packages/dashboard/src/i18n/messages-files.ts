/** The words of downloads, the import page and printing; spread into the messages of each language. */
export const viFiles = {
  downloadExcel: 'Tải Excel',
  downloadCsv: 'Tải CSV',
  downloadReviewPdf: 'Tải biên bản (PDF)',

  navImport: 'Nhập số liệu',
  importTitle: (cluster: string, year: number) => `Nhập số liệu, khen thưởng ${cluster} năm ${year}`,
  importKind: 'Dữ liệu cần nhập',
  importKinds: { observations: 'Số liệu chỉ tiêu', commendations: 'Khen thưởng' } as Record<string, string>,
  importUnits: { observations: 'giá trị', commendations: 'mục khen thưởng' } as Record<string, string>,
  importIntro:
    'Tải mẫu Excel của mùa thi đua, điền số liệu (hoặc dùng tệp Excel, CSV cùng dạng), rồi gửi lên. Hệ thống kiểm tra toàn bộ tệp trước; chỉ khi không có ô nào sai mới lưu, và lưu tất cả một lần.',
  importStepTemplate: '1. Tải mẫu',
  importTemplate: 'Tải mẫu Excel',
  importTemplateHint: 'Mẫu có sẵn số liệu đã lưu của các tỉnh bạn được nhập; trang "Giải thích" nói rõ từng chỉ tiêu.',
  importStepFile: '2. Gửi tệp đã điền',
  importFile: 'Tệp Excel (.xlsx) hoặc CSV',
  importCheck: 'Kiểm tra tệp',
  importCommit: 'Lưu vào hệ thống',
  importCancel: 'Huỷ',
  importAnother: 'Chọn tệp khác',
  importUploading: (phase: 'check' | 'commit'): string =>
    phase === 'check' ? 'Đang tải lên để kiểm tra' : 'Đang tải lên để lưu',
  importProcessing: (phase: 'check' | 'commit'): string => (phase === 'check' ? 'Đang kiểm tra từng ô…' : 'Đang lưu…'),
  importProgress: (loaded: string, total: string, percent: string) => `${loaded} / ${total} (${percent})`,
  importChecked: (rows: number, stored: number, unchanged: number, unit: string) =>
    `Tệp hợp lệ: ${rows} ${unit}, trong đó ${stored} mới hoặc thay đổi, ${unchanged} không đổi. Chưa có gì được lưu.`,
  importNothingToChange: (rows: number, unit: string) =>
    `Tệp hợp lệ nhưng không có gì thay đổi: cả ${rows} ${unit} đã có sẵn.`,
  importNoValues: 'Tệp không có giá trị nào để nhập.',
  importRefused: (errors: number, rows: number, unit: string) =>
    `Không lưu gì: ${errors} ô không hợp lệ (trong ${rows} ${unit}). Sửa các ô dưới đây rồi gửi lại.`,
  importStored: (stored: number, unchanged: number, unit: string) =>
    `Đã lưu ${stored} ${unit}; ${unchanged} ${unit} không đổi.`,
  importCancelled: 'Đã huỷ: không có gì được lưu.',
  importFailed: 'Không nhập được tệp',
  importErrorsCaption: 'Các ô không hợp lệ',
  importCell: 'Ô',
  importValue: 'Giá trị trong ô',
  importProblem: 'Lỗi',
  importMoreErrors: (n: number) => `và ${n} ô khác.`,
};

export const enFiles: typeof viFiles = {
  downloadExcel: 'Download Excel',
  downloadCsv: 'Download CSV',
  downloadReviewPdf: 'Download the record (PDF)',

  navImport: 'Import figures',
  importTitle: (cluster: string, year: number) => `${cluster}: import figures and commendations ${year}`,
  importKind: 'What to import',
  importKinds: { observations: 'Indicator figures', commendations: 'Commendations' },
  importUnits: { observations: 'values', commendations: 'awards' },
  importIntro:
    "Download the season's Excel template, fill in the figures (or use an Excel or CSV file of the same shape), then send it. The whole file is checked first; it is stored only when no cell is wrong, and then all at once.",
  importStepTemplate: '1. Download the template',
  importTemplate: 'Download the Excel template',
  importTemplateHint:
    'The template holds the figures already stored for the provinces you may enter; its "Giải thích" sheet explains each indicator.',
  importStepFile: '2. Send the filled-in file',
  importFile: 'Excel (.xlsx) or CSV file',
  importCheck: 'Check the file',
  importCommit: 'Store it',
  importCancel: 'Cancel',
  importAnother: 'Choose another file',
  importUploading: (phase: 'check' | 'commit'): string =>
    phase === 'check' ? 'Uploading to check' : 'Uploading to store',
  importProcessing: (phase: 'check' | 'commit'): string => (phase === 'check' ? 'Checking every cell…' : 'Storing…'),
  importProgress: (loaded: string, total: string, percent: string) => `${loaded} of ${total} (${percent})`,
  importChecked: (rows: number, stored: number, unchanged: number, unit: string) =>
    `The file is valid: ${rows} ${unit}, ${stored} new or changed, ${unchanged} unchanged. Nothing is stored yet.`,
  importNothingToChange: (rows: number, unit: string) =>
    `The file is valid but changes nothing: all ${rows} ${unit} are stored already.`,
  importNoValues: 'The file has no values to import.',
  importRefused: (errors: number, rows: number, unit: string) =>
    `Nothing stored: ${errors} cell(s) are not valid (of ${rows} ${unit}). Correct the cells below and send it again.`,
  importStored: (stored: number, unchanged: number, unit: string) =>
    `Stored ${stored} ${unit}; ${unchanged} unchanged.`,
  importCancelled: 'Cancelled: nothing was stored.',
  importFailed: 'The file could not be imported',
  importErrorsCaption: 'Cells that are not valid',
  importCell: 'Cell',
  importValue: 'Value in the cell',
  importProblem: 'Problem',
  importMoreErrors: (n: number) => `and ${n} more.`,
};
