import { Direction, IndicatorUnit } from './indicator.entity.js';

/** An indicator as the reference catalogue defines it. */
export interface IndicatorSeed {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: Direction;
  scaleMax: number | null;
  pillar: string;
}

/** An index as the reference catalogue defines it. */
export interface IndexSeed {
  id: string;
  name: string;
  components: { indicator: string; weight: number }[];
}

const { PERCENT, COUNT, SCORE } = IndicatorUnit;
const { HIGHER_IS_BETTER: HIGHER, LOWER_IS_BETTER: LOWER } = Direction;

const percent = (code: string, name: string, pillar: string): IndicatorSeed => ({
  code,
  name,
  unit: PERCENT,
  direction: HIGHER,
  scaleMax: 100,
  pillar,
});
const count = (code: string, name: string, pillar: string): IndicatorSeed => ({
  code,
  name,
  unit: COUNT,
  direction: HIGHER,
  scaleMax: null,
  pillar,
});
const dti = (code: string, name: string): IndicatorSeed => ({
  code,
  name,
  unit: SCORE,
  direction: HIGHER,
  scaleMax: 1,
  pillar: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)',
});

const RURAL = 'Nông thôn mới';
const INFRASTRUCTURE = 'Hạ tầng thông tin và truyền thông';
const GOVERNMENT = 'Ứng dụng CNTT trong cơ quan nhà nước';
const SERVICES = 'Dịch vụ công trực tuyến';
const INDUSTRY = 'Công nghiệp CNTT';
const POST = 'Bưu chính';
const PRESS = 'Báo chí, xuất bản';

/**
 * What provincial departments report in their annual reviews (the figures in
 * the published reports the demo data quotes), plus the eight scored main
 * indices of the Ministry's provincial digital-transformation index (DTI).
 */
export const indicatorCatalogue: IndicatorSeed[] = [
  percent('nrd.criterion8_communes_pct', 'Tỷ lệ xã đạt tiêu chí số 8 (Thông tin và Truyền thông) nông thôn mới', RURAL),
  percent('infra.telecom_communes_pct', 'Tỷ lệ xã được phủ sóng mạng viễn thông', INFRASTRUCTURE),
  count('infra.wan_agencies', 'Số cơ quan cấp tỉnh kết nối mạng diện rộng (WAN) của tỉnh', INFRASTRUCTURE),
  count('infra.video_conference_points', 'Số điểm cầu hội nghị truyền hình trực tuyến', INFRASTRUCTURE),
  percent(
    'egov.officials_computer_provincial_pct',
    'Tỷ lệ cán bộ, công chức cấp tỉnh được trang bị máy tính',
    GOVERNMENT,
  ),
  percent(
    'egov.officials_computer_district_pct',
    'Tỷ lệ cán bộ, công chức cấp huyện được trang bị máy tính',
    GOVERNMENT,
  ),
  percent('egov.officials_computer_commune_pct', 'Tỷ lệ cán bộ, công chức cấp xã được trang bị máy tính', GOVERNMENT),
  percent(
    'egov.public_employees_computer_pct',
    'Tỷ lệ viên chức các đơn vị sự nghiệp thuộc sở, ngành được trang bị máy tính',
    GOVERNMENT,
  ),
  percent('egov.officials_internet_computer_pct', 'Tỷ lệ cán bộ, công chức có máy tính kết nối Internet', GOVERNMENT),
  percent('egov.edocs_provincial_pct', 'Tỷ lệ văn bản trao đổi dưới dạng điện tử cấp tỉnh', GOVERNMENT),
  percent('egov.edocs_district_pct', 'Tỷ lệ văn bản trao đổi dưới dạng điện tử cấp huyện', GOVERNMENT),
  percent('egov.commune_portals_pct', 'Tỷ lệ UBND cấp xã có cổng/trang thông tin điện tử', GOVERNMENT),
  count('egov.agency_websites', 'Số cổng/trang thông tin điện tử của các cơ quan, địa phương', GOVERNMENT),
  percent(
    'egov.online_procedures_l34_pct',
    'Tỷ lệ thủ tục hành chính của Sở TT&TT cung cấp trực tuyến mức độ 3, 4',
    SERVICES,
  ),
  count('industry.ict_enterprises', 'Số doanh nghiệp hoạt động trong lĩnh vực CNTT-TT', INDUSTRY),
  {
    code: 'post.service_radius_km',
    name: 'Bán kính phục vụ bình quân của một điểm phục vụ bưu chính (km)',
    unit: SCORE,
    direction: LOWER,
    // A distance has no natural maximum: unbounded, so it is min–max normalised over the peers.
    scaleMax: null,
    pillar: POST,
  },
  count('press.local_agencies', 'Số cơ quan báo chí địa phương', PRESS),
  count('press.representative_offices', 'Số văn phòng đại diện của các cơ quan báo chí', PRESS),
  count('press.resident_reporters', 'Số phóng viên thường trú của báo chí Trung ương và các tỉnh', PRESS),
  count('press.bulletins', 'Số bản tin của các sở, ngành, huyện, thị xã', PRESS),
  count('press.printing_enterprises', 'Số doanh nghiệp in', PRESS),
  count('press.distribution_companies', 'Số công ty phát hành xuất bản phẩm', PRESS),
  percent('press.communes_party_paper_same_day_pct', 'Tỷ lệ xã có báo Đảng trong ngày', PRESS),
  percent(
    'egov.agencies_computer_internet_pct',
    'Tỷ lệ cơ quan được trang bị máy tính và kết nối Internet',
    GOVERNMENT,
  ),
  percent(
    'egov.units_it_lan_pct',
    'Tỷ lệ cơ quan, đơn vị, địa phương có trang thiết bị công nghệ thông tin và mạng nội bộ',
    GOVERNMENT,
  ),
  percent(
    'egov.units_servers_pct',
    'Tỷ lệ sở, ngành, huyện, thị xã có máy chủ cho phần mềm dùng chung và chuyên ngành',
    GOVERNMENT,
  ),
  percent(
    'egov.department_district_portals_pct',
    'Tỷ lệ sở, ngành và UBND cấp huyện có cổng hoặc trang thông tin điện tử',
    GOVERNMENT,
  ),
  percent('industry.telecom_growth_pct', 'Tốc độ tăng trưởng bình quân hằng năm của doanh nghiệp viễn thông', INDUSTRY),
  count('industry.sector_workers', 'Số lao động làm việc trong các doanh nghiệp của ngành', INDUSTRY),
  dti('dti.digital_awareness', 'Nhận thức số'),
  dti('dti.digital_institutions', 'Thể chế số'),
  dti('dti.digital_infrastructure', 'Hạ tầng số'),
  dti('dti.digital_human_resources', 'Nhân lực số'),
  dti('dti.cyber_security', 'An toàn thông tin mạng'),
  dti('dti.digital_government', 'Hoạt động chính quyền số'),
  dti('dti.digital_economy', 'Hoạt động kinh tế số'),
  dti('dti.digital_society', 'Hoạt động xã hội số'),
];

/**
 * "ict": the default index clusters compare; weights are argued in
 * docs/metrics.md. "dti": the Ministry's provincial DTI, its eight main
 * indices weighted by their points, so the index reproduces the published
 * PDTI on a 0–100 scale.
 */
export const indexCatalogue: IndexSeed[] = [
  {
    id: 'ict',
    name: 'Chỉ số ứng dụng và phát triển CNTT-TT của cụm thi đua',
    components: [
      { indicator: 'nrd.criterion8_communes_pct', weight: 20 },
      { indicator: 'egov.online_procedures_l34_pct', weight: 15 },
      { indicator: 'egov.edocs_provincial_pct', weight: 10 },
      { indicator: 'egov.edocs_district_pct', weight: 5 },
      { indicator: 'egov.commune_portals_pct', weight: 10 },
      { indicator: 'egov.officials_computer_provincial_pct', weight: 5 },
      { indicator: 'egov.officials_computer_district_pct', weight: 5 },
      { indicator: 'egov.officials_computer_commune_pct', weight: 10 },
      { indicator: 'post.service_radius_km', weight: 10 },
      { indicator: 'infra.video_conference_points', weight: 5 },
      { indicator: 'industry.ict_enterprises', weight: 5 },
    ],
  },
  {
    id: 'dti',
    name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)',
    components: [
      { indicator: 'dti.digital_awareness', weight: 100 },
      { indicator: 'dti.digital_institutions', weight: 100 },
      { indicator: 'dti.digital_infrastructure', weight: 100 },
      { indicator: 'dti.digital_human_resources', weight: 100 },
      { indicator: 'dti.cyber_security', weight: 100 },
      { indicator: 'dti.digital_government', weight: 200 },
      { indicator: 'dti.digital_economy', weight: 150 },
      { indicator: 'dti.digital_society', weight: 150 },
    ],
  },
];
