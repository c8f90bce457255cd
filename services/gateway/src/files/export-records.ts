import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { formLabels, recipientKindLabels, unitLabels } from './labels.js';
import { noSeason, type ProvinceScope, type SeasonScope } from './scope.js';
import type { ExportCell, ExportColumn, ExportTable } from './workbook.js';

interface CommendationRow {
  form: string;
  year: number;
  periodFrom: number | null;
  periodTo: number | null;
  recipientKind: string;
  recipientName: string;
  decision: string | null;
  citation: string | null;
  source: string | null;
  points: number;
  issuer: string;
}

const commendationFields =
  'form issuer year periodFrom periodTo recipientKind recipientName decision citation source points';

const commendationColumns: ExportColumn[] = [
  { header: 'Mã tỉnh' },
  { header: 'Tỉnh, thành phố' },
  { header: 'Hình thức khen thưởng' },
  { header: 'Cơ quan ban hành' },
  { header: 'Năm', digits: 0, plain: true },
  { header: 'Giai đoạn' },
  { header: 'Đối tượng' },
  { header: 'Tên tập thể, cá nhân' },
  { header: 'Số quyết định' },
  { header: 'Thành tích' },
  { header: 'Điểm', digits: 1 },
  { header: 'Nguồn' },
];

function commendationRow(province: { id: string; name: string }, c: CommendationRow): ExportCell[] {
  return [
    province.id,
    province.name,
    formLabels[c.form] ?? c.form,
    c.issuer,
    c.year,
    c.periodFrom !== null ? `${c.periodFrom}–${c.periodTo}` : null,
    recipientKindLabels[c.recipientKind] ?? c.recipientKind,
    c.recipientName,
    c.decision,
    c.citation,
    c.points,
    c.source,
  ];
}

const pointsNote = 'Điểm: số điểm hình thức khen thưởng được tính trong bảng xếp hạng, theo danh mục hiện hành.';

interface MembersCommendations {
  cluster: {
    name: string;
    season: { members: { id: string; name: string; commendations: CommendationRow[] | null }[] } | null;
  } | null;
}

/** The members' commendations of the season's year, member by member. */
export async function seasonCommendations(api: GatewayApi, req: Request, scope: SeasonScope): Promise<ExportTable> {
  const { clusterId, year } = scope;
  const data = await api.run<MembersCommendations>(
    req,
    `query ExportCommendations($clusterId: ID!, $year: Int!) {
      cluster(id: $clusterId) { name season(year: $year) {
        members { id name commendations(fromYear: $year, toYear: $year) { ${commendationFields} } } } }
    }`,
    { clusterId, year },
  );
  const members = data.cluster?.season?.members;
  if (!data.cluster || !members) throw noSeason(clusterId, year);
  if (members.some((m) => m.commendations === null)) throw new HttpFailure(503, 'The commendations are unavailable');
  return {
    sheet: 'Khen thưởng',
    title: `Khen thưởng của các thành viên ${data.cluster.name} năm ${year}`,
    columns: commendationColumns,
    rows: members.flatMap((m) => (m.commendations ?? []).map((c) => commendationRow(m, c))),
    notes: [pointsNote],
    source: `thidua, GraphQL Province.commendations(fromYear: ${year}, toYear: ${year}) của các thành viên ${data.cluster.name}`,
  };
}

async function provinceOf<T>(api: GatewayApi, req: Request, scope: ProvinceScope, fields: string) {
  const data = await api.run<{ province: ({ id: string; name: string } & T) | null }>(
    req,
    `query ExportProvince($id: ID!) { province(id: $id) { id name ${fields} } }`,
    { id: scope.provinceId },
  );
  if (!data.province) throw new HttpFailure(404, `There is no province "${scope.provinceId}"`);
  return data.province;
}

/** Every commendation of one province, as its page lists them. */
export async function provinceCommendations(api: GatewayApi, req: Request, scope: ProvinceScope): Promise<ExportTable> {
  const province = await provinceOf<{ commendations: CommendationRow[] | null }>(
    api,
    req,
    scope,
    `commendations { ${commendationFields} }`,
  );
  if (!province.commendations) throw new HttpFailure(503, 'The commendations are unavailable');
  return {
    sheet: 'Khen thưởng',
    title: `Khen thưởng của ${province.name}`,
    columns: commendationColumns,
    rows: province.commendations.map((c) => commendationRow(province, c)),
    notes: [pointsNote],
    source: `thidua, GraphQL Province.commendations của ${province.name}`,
  };
}

interface ObservationRow {
  year: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  revision: number;
  derived: boolean;
  indicator: { code: string; name: string; unit: string; pillar: string };
}

/** Every value of one province over the years (derived years of a merged unit marked), as its page's tables show them. */
export async function provinceObservations(api: GatewayApi, req: Request, scope: ProvinceScope): Promise<ExportTable> {
  const province = await provinceOf<{ observations: ObservationRow[] | null }>(
    api,
    req,
    scope,
    'observations { year value numerator denominator source revision derived indicator { code name unit pillar } }',
  );
  if (!province.observations) throw new HttpFailure(503, 'The indicator values are unavailable');
  return {
    sheet: 'Chỉ tiêu',
    title: `Chỉ tiêu của ${province.name} qua các năm`,
    columns: [
      { header: 'Lĩnh vực' },
      { header: 'Mã chỉ tiêu' },
      { header: 'Chỉ tiêu' },
      { header: 'Đơn vị' },
      { header: 'Năm', digits: 0, plain: true },
      { header: 'Giá trị', digits: 2 },
      { header: 'Tử số', digits: 2 },
      { header: 'Mẫu số', digits: 2 },
      { header: 'Tính từ tiền thân' },
      { header: 'Lần sửa', digits: 0, plain: true },
      { header: 'Nguồn' },
    ],
    rows: province.observations.map((o) => [
      o.indicator.pillar,
      o.indicator.code,
      o.indicator.name,
      unitLabels[o.indicator.unit] ?? o.indicator.unit,
      o.year,
      o.value,
      o.numerator,
      o.denominator,
      o.derived ? 'có' : null,
      o.revision,
      o.source,
    ]),
    notes: ['Giá trị "tính từ tiền thân": năm trước khi đơn vị hình thành, tính từ các đơn vị được hợp nhất.'],
    source: `thidua, GraphQL Province.observations của ${province.name}`,
  };
}

interface ClusterSeasons {
  clusters: {
    id: string;
    name: string;
    seasons: {
      year: number;
      members: { id: string }[];
      head: { id: string } | null;
      deputyHead: { id: string } | null;
    }[];
  }[];
}

/** The clusters a province sat in, year by year, with its role. */
export async function provinceClusters(api: GatewayApi, req: Request, scope: ProvinceScope): Promise<ExportTable> {
  const province = await provinceOf<object>(api, req, scope, '');
  const data = await api.run<ClusterSeasons>(
    req,
    'query ExportMemberships { clusters { id name seasons { year members { id } head { id } deputyHead { id } } } }',
  );
  const rows = data.clusters
    .flatMap((cluster) =>
      cluster.seasons
        .filter((s) => s.members.some((m) => m.id === scope.provinceId))
        .map((s): ExportCell[] => [
          s.year,
          cluster.id,
          cluster.name,
          s.head?.id === scope.provinceId
            ? 'Cụm trưởng'
            : s.deputyHead?.id === scope.provinceId
              ? 'Cụm phó'
              : 'Thành viên',
        ]),
    )
    .sort((a, b) => (b[0] as number) - (a[0] as number));
  return {
    sheet: 'Cụm thi đua',
    title: `Cụm thi đua của ${province.name} theo năm`,
    columns: [
      { header: 'Năm', digits: 0, plain: true },
      { header: 'Mã cụm' },
      { header: 'Cụm thi đua' },
      { header: 'Vai trò' },
    ],
    rows,
    notes: [],
    source: `thidua, GraphQL Query.clusters (các mùa có ${province.name} là thành viên)`,
  };
}
