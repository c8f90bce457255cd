import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { formLabels, recipientKindLabels, unitLabels } from './labels.js';
import type { ExportTable } from './workbook.js';

/** The weights the standings use unless the request names others (the API's defaults). */
export const defaultWeights = { ictWeight: 0.7, awardWeight: 0.3 };

export interface SeasonRequest {
  clusterId: string;
  year: number;
  /** Set for standings. */
  weights: { ictWeight: number; awardWeight: number };
}

const vi = (value: number) => String(value).replace('.', ',');

function noSeason(clusterId: string, year: number): HttpFailure {
  return new HttpFailure(404, `Cluster "${clusterId}" has no season in ${year}`);
}

const StandingsQuery = `query ExportStandings($clusterId: ID!, $year: Int!, $ictWeight: Float!, $awardWeight: Float!) {
  cluster(id: $clusterId) {
    name
    season(year: $year) {
      ictRanking { province { id } coverage }
      standings(ictWeight: $ictWeight, awardWeight: $awardWeight) {
        rank province { id name } ictScore points awardScore total
      }
    }
  }
}`;

interface StandingsData {
  cluster: {
    name: string;
    season: {
      ictRanking: { province: { id: string }; coverage: number }[] | null;
      standings:
        | {
            rank: number;
            province: { id: string; name: string };
            ictScore: number | null;
            points: number;
            awardScore: number;
            total: number;
          }[]
        | null;
    } | null;
  } | null;
}

/** The combined standings in the API's order, with the weights they were computed with. */
async function standingsTable(api: GatewayApi, req: Request, season: SeasonRequest): Promise<ExportTable> {
  const { clusterId, year, weights } = season;
  const data = await api.run<StandingsData>(req, StandingsQuery, { clusterId, year, ...weights });
  const found = data.cluster?.season;
  if (!data.cluster || !found) throw noSeason(clusterId, year);
  if (!found.standings) throw new HttpFailure(503, 'The standings could not be computed');
  const coverage = new Map((found.ictRanking ?? []).map((r) => [r.province.id, r.coverage]));
  return {
    sheet: 'Xếp hạng',
    title: `Bảng xếp hạng ${data.cluster.name} năm ${year}`,
    columns: [
      { header: 'Hạng', digits: 0, plain: true },
      { header: 'Mã tỉnh' },
      { header: 'Tỉnh, thành phố' },
      { header: 'Chỉ số ICT (0–100)', digits: 2 },
      { header: 'Độ phủ số liệu (%)', digits: 1 },
      { header: 'Điểm khen thưởng', digits: 2 },
      { header: 'Điểm khen thưởng quy đổi (0–100)', digits: 2 },
      { header: 'Tổng điểm', digits: 2 },
    ],
    rows: found.standings.map((s) => {
      const share = coverage.get(s.province.id);
      return [
        s.rank,
        s.province.id,
        s.province.name,
        s.ictScore,
        share === undefined ? null : Math.round(share * 1000) / 10,
        s.points,
        s.awardScore,
        s.total,
      ];
    }),
    notes: [
      `Trọng số: chỉ số ICT ${vi(weights.ictWeight)}, khen thưởng ${vi(weights.awardWeight)}. ` +
        `Tổng điểm = ${vi(weights.ictWeight)} × chỉ số ICT + ${vi(weights.awardWeight)} × điểm khen thưởng quy đổi.`,
    ],
    source: `thidua, GraphQL ClusterSeason.standings(ictWeight: ${weights.ictWeight}, awardWeight: ${weights.awardWeight}) của ${data.cluster.name} năm ${year}`,
  };
}

const MatrixSeasonQuery = `query ExportMatrixSeason($clusterId: ID!, $year: Int!) {
  indicators { code name unit pillar }
  cluster(id: $clusterId) { name season(year: $year) { members { id name } } }
}`;

/** The gateway allows 30 aliases per operation; ask for the rankings in batches well under it. */
const RANKINGS_PER_REQUEST = 20;

interface Rank {
  province: { id: string };
  value: number | null;
  rank: number | null;
  derived: boolean;
}

/**
 * The indicator matrix: one row per indicator someone reported, and for
 * each member its value and its rank among the members.
 */
async function indicatorsTable(api: GatewayApi, req: Request, season: SeasonRequest): Promise<ExportTable> {
  const { clusterId, year } = season;
  const data = await api.run<{
    indicators: { code: string; name: string; unit: string; pillar: string }[];
    cluster: { name: string; season: { members: { id: string; name: string }[] } | null } | null;
  }>(req, MatrixSeasonQuery, { clusterId, year });
  const members = data.cluster?.season?.members;
  if (!data.cluster || !members) throw noSeason(clusterId, year);
  const rankings = new Map<string, Rank[]>();
  for (let i = 0; i < data.indicators.length; i += RANKINGS_PER_REQUEST) {
    const batch = data.indicators.slice(i, i + RANKINGS_PER_REQUEST);
    const fields = batch
      .map(
        (indicator, j) =>
          `i${j}: indicatorRanking(indicator: ${JSON.stringify(indicator.code)}) { province { id } value rank derived }`,
      )
      .join('\n');
    const answer = await api.run<{ cluster: { season: Record<string, Rank[] | null> } }>(
      req,
      `query ExportMatrix($clusterId: ID!, $year: Int!) { cluster(id: $clusterId) { season(year: $year) { ${fields} } } }`,
      { clusterId, year },
    );
    batch.forEach((indicator, j) => rankings.set(indicator.code, answer.cluster.season[`i${j}`] ?? []));
  }
  const reported = data.indicators.filter((i) => rankings.get(i.code)?.some((r) => r.value !== null));
  return {
    sheet: 'Chỉ tiêu',
    title: `Chỉ tiêu của ${data.cluster.name} năm ${year}`,
    columns: [
      { header: 'Lĩnh vực' },
      { header: 'Mã chỉ tiêu' },
      { header: 'Chỉ tiêu' },
      { header: 'Đơn vị' },
      ...members.flatMap((m) => [
        { header: `${m.name}: giá trị`, digits: 2 },
        { header: `${m.name}: hạng`, digits: 0, plain: true },
      ]),
    ],
    rows: reported.map((indicator) => {
      const ranks = new Map((rankings.get(indicator.code) ?? []).map((r) => [r.province.id, r]));
      return [
        indicator.pillar,
        indicator.code,
        indicator.name,
        unitLabels[indicator.unit] ?? indicator.unit,
        ...members.flatMap((m) => [ranks.get(m.id)?.value ?? null, ranks.get(m.id)?.rank ?? null]),
      ];
    }),
    notes: [
      'Hạng: thứ hạng trong các thành viên của cụm (bằng nhau cùng hạng); ô trống: chưa có số liệu. ' +
        'Chỉ liệt kê chỉ tiêu có ít nhất một thành viên báo cáo.',
    ],
    source: `thidua, GraphQL ClusterSeason.indicatorRanking của ${data.cluster.name} năm ${year}`,
  };
}

const CommendationsQuery = `query ExportCommendations($clusterId: ID!, $year: Int!) {
  cluster(id: $clusterId) {
    name
    season(year: $year) {
      members {
        id name
        commendations(fromYear: $year, toYear: $year) {
          form year periodFrom periodTo recipientKind recipientName decision citation source points
        }
      }
    }
  }
}`;

interface CommendationsData {
  cluster: {
    name: string;
    season: {
      members: {
        id: string;
        name: string;
        commendations:
          | {
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
            }[]
          | null;
      }[];
    } | null;
  } | null;
}

/** The members' commendations of the season's year, member by member. */
async function commendationsTable(api: GatewayApi, req: Request, season: SeasonRequest): Promise<ExportTable> {
  const { clusterId, year } = season;
  const data = await api.run<CommendationsData>(req, CommendationsQuery, { clusterId, year });
  const members = data.cluster?.season?.members;
  if (!data.cluster || !members) throw noSeason(clusterId, year);
  if (members.some((m) => m.commendations === null)) throw new HttpFailure(503, 'The commendations are unavailable');
  return {
    sheet: 'Khen thưởng',
    title: `Khen thưởng của các thành viên ${data.cluster.name} năm ${year}`,
    columns: [
      { header: 'Mã tỉnh' },
      { header: 'Tỉnh, thành phố' },
      { header: 'Hình thức khen thưởng' },
      { header: 'Năm', digits: 0, plain: true },
      { header: 'Giai đoạn' },
      { header: 'Đối tượng' },
      { header: 'Tên tập thể, cá nhân' },
      { header: 'Số quyết định' },
      { header: 'Thành tích' },
      { header: 'Điểm', digits: 1 },
      { header: 'Nguồn' },
    ],
    rows: members.flatMap((m) =>
      (m.commendations ?? []).map((c) => [
        m.id,
        m.name,
        formLabels[c.form] ?? c.form,
        c.year,
        c.periodFrom !== null ? `${c.periodFrom}–${c.periodTo}` : null,
        recipientKindLabels[c.recipientKind] ?? c.recipientKind,
        c.recipientName,
        c.decision,
        c.citation,
        c.points,
        c.source,
      ]),
    ),
    notes: ['Điểm: số điểm hình thức khen thưởng được tính trong bảng xếp hạng, theo danh mục hiện hành.'],
    source: `thidua, GraphQL Province.commendations(fromYear: ${year}, toYear: ${year}) của các thành viên ${data.cluster.name}`,
  };
}

export const exportTables = {
  standings: standingsTable,
  indicators: indicatorsTable,
  commendations: commendationsTable,
} as const;

export type ExportTableName = keyof typeof exportTables;
