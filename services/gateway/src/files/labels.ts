import { referenceData } from '@thidua/kit/reference';

/** Vietnamese words the files use for the API's enums (the dashboard's messages say the same). */

export const unitLabels: Record<string, string> = { PERCENT: '%', COUNT: 'số lượng', SCORE: 'điểm' };

/**
 * The forms by name. The Ministry's two are named without the ministry, which
 * changed on 2025-03-01 (Bộ Thông tin và Truyền thông, then Bộ Khoa học và Công
 * nghệ): each award's own issuer says which, in a column of its own.
 */
export const formLabels: Record<string, string> = {
  GOVERNMENT_EMULATION_FLAG: 'Cờ thi đua của Chính phủ',
  MINISTRY_EMULATION_FLAG: 'Cờ thi đua của Bộ',
  PROVINCE_EMULATION_FLAG: 'Cờ thi đua của UBND tỉnh',
  PRIME_MINISTER_CERTIFICATE: 'Bằng khen của Thủ tướng Chính phủ',
  MINISTRY_CERTIFICATE: 'Bằng khen của Bộ trưởng',
  PROVINCE_CERTIFICATE: 'Bằng khen của Chủ tịch UBND tỉnh',
  DEPARTMENT_CERTIFICATE: 'Giấy khen của Giám đốc Sở',
  EXCELLENT_LABOUR_COLLECTIVE: 'Tập thể lao động xuất sắc',
  EMULATION_FIGHTER: 'Chiến sĩ thi đua',
  ADVANCED_MODEL: 'Điển hình tiên tiến',
};

/** Names of the forms in older templates and files, still read on import. */
export const formAliases: Record<string, string[]> = {
  MINISTRY_EMULATION_FLAG: ['Cờ thi đua của Bộ Thông tin và Truyền thông', 'Cờ thi đua của Bộ Khoa học và Công nghệ'],
  MINISTRY_CERTIFICATE: [
    'Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông',
    'Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ',
  ],
};

const ministryForms = new Set(['MINISTRY_EMULATION_FLAG', 'MINISTRY_CERTIFICATE']);

/** The ministry standing at the end of `year` (Bộ Thông tin và Truyền thông until 2025-02-28). */
export function ministryOf(year: number): string {
  return referenceData().departments.ministryOn(`${year}-12-31`);
}

/** Who signs a form's decisions in `year`: the catalogue's signer, the minister of that year for the Ministry's forms. */
export function signerOf(entry: { form: string; issuer: string }, year: number): string {
  return ministryForms.has(entry.form) ? `Bộ trưởng ${ministryOf(year)}` : entry.issuer;
}

export const recipientKindLabels: Record<string, string> = {
  DEPARTMENT: 'Sở',
  COLLECTIVE: 'Tập thể',
  INDIVIDUAL: 'Cá nhân',
};

export const statusLabels: Record<string, string> = {
  OPEN: 'Đang biểu quyết',
  ADOPTED: 'Thông qua',
  REJECTED: 'Không thông qua',
};

export const directionLabels: Record<string, string> = {
  HIGHER_IS_BETTER: 'Cao hơn là tốt hơn',
  LOWER_IS_BETTER: 'Thấp hơn là tốt hơn',
};

/** What a cell of an indicator may hold, in words (the template's validation says the same). */
export function rangeLabel(indicator: { unit: string; scaleMax: number | null }): string {
  if (indicator.unit === 'PERCENT') return 'Từ 0 đến 100';
  if (indicator.unit === 'COUNT') return 'Số nguyên ≥ 0';
  return indicator.scaleMax === null ? 'Số ≥ 0' : `Từ 0 đến ${String(indicator.scaleMax).replace('.', ',')}`;
}

/**
 * Where each reference indicator's figure comes from, for the template's
 * explanation sheet. An indicator defined later gets the general rule.
 */
const indicatorSources: Record<string, string> = {
  'nrd.criterion8_communes_pct':
    'Số xã đạt tiêu chí số 8 (Thông tin và Truyền thông) của Bộ tiêu chí quốc gia về xã nông thôn mới chia cho tổng số xã, theo kết quả đánh giá nông thôn mới của tỉnh.',
  'infra.telecom_communes_pct': 'Số xã có sóng mạng viễn thông chia cho tổng số xã, theo báo cáo của Sở.',
  'infra.wan_agencies': 'Số cơ quan cấp tỉnh đã kết nối mạng diện rộng (WAN) của tỉnh tại thời điểm báo cáo.',
  'infra.video_conference_points': 'Số điểm cầu hội nghị truyền hình trực tuyến đang hoạt động trên địa bàn tỉnh.',
  'egov.officials_computer_provincial_pct':
    'Số cán bộ, công chức cấp tỉnh được trang bị máy tính chia cho tổng số cán bộ, công chức cấp tỉnh.',
  'egov.officials_computer_district_pct':
    'Số cán bộ, công chức cấp huyện được trang bị máy tính chia cho tổng số cán bộ, công chức cấp huyện.',
  'egov.officials_computer_commune_pct':
    'Số cán bộ, công chức cấp xã được trang bị máy tính chia cho tổng số cán bộ, công chức cấp xã.',
  'egov.public_employees_computer_pct':
    'Số viên chức các đơn vị sự nghiệp thuộc sở, ngành được trang bị máy tính chia cho tổng số viên chức.',
  'egov.officials_internet_computer_pct': 'Số cán bộ, công chức có máy tính kết nối Internet chia cho tổng số.',
  'egov.edocs_provincial_pct':
    'Số văn bản cấp tỉnh gửi, nhận dưới dạng điện tử chia cho tổng số văn bản, theo hệ thống quản lý văn bản của tỉnh.',
  'egov.edocs_district_pct': 'Số văn bản cấp huyện gửi, nhận dưới dạng điện tử chia cho tổng số văn bản.',
  'egov.commune_portals_pct': 'Số UBND cấp xã có cổng hoặc trang thông tin điện tử chia cho tổng số xã.',
  'egov.agency_websites': 'Số cổng, trang thông tin điện tử của các cơ quan, địa phương trên địa bàn tỉnh.',
  'egov.online_procedures_l34_pct':
    'Số thủ tục hành chính của Sở được cung cấp trực tuyến mức độ 3, 4 chia cho tổng số thủ tục của Sở, theo Cổng dịch vụ công của tỉnh.',
  'industry.ict_enterprises': 'Số doanh nghiệp hoạt động trong lĩnh vực CNTT-TT đăng ký trên địa bàn tỉnh.',
  'post.service_radius_km': 'Bán kính phục vụ bình quân (km) của một điểm phục vụ bưu chính, theo báo cáo của Sở.',
};

/** Where an indicator's figure of `year` comes from. */
export function indicatorSource(code: string, year: number): string {
  if (code.startsWith('dti.')) {
    return `Điểm chỉ số thành phần của Bộ chỉ số chuyển đổi số cấp tỉnh (DTI) do ${ministryOf(year)} công bố.`;
  }
  return indicatorSources[code] ?? 'Số liệu trong báo cáo của Sở; ghi tên và ngày báo cáo vào cột "Nguồn số liệu".';
}
