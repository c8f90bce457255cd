import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { formLabels, statusLabels } from './labels.js';
import { indicatorsTable } from './export-indicators.js';
import {
  provinceClusters,
  provinceCommendations,
  provinceObservations,
  seasonCommendations,
} from './export-records.js';
import { noSeason, type ProvinceScope, type SeasonScope } from './scope.js';
import type { ExportTable } from './workbook.js';

const vi = (value: number) => String(value).replace('.', ',');

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
async function standingsTable(api: GatewayApi, req: Request, scope: SeasonScope): Promise<ExportTable> {
  const { clusterId, year, weights } = scope;
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

const NominationsQuery = `query ExportNominations($clusterId: ID!, $year: Int!) {
  cluster(id: $clusterId) {
    name
    season(year: $year) {
      members { id }
      adoptionThreshold { description }
      nominations { form status votesFor votesAgainst votesNeeded province { id name } note source }
    }
  }
}`;

interface NominationsData {
  cluster: {
    name: string;
    season: {
      members: { id: string }[];
      adoptionThreshold: { description: string } | null;
      nominations:
        | {
            form: string;
            status: string;
            votesFor: number;
            votesAgainst: number;
            votesNeeded: number | null;
            province: { id: string; name: string };
            note: string | null;
            source: string | null;
          }[]
        | null;
    } | null;
  } | null;
}

/** The review's proposals with their votes and outcome, as the review page lists them. */
async function nominationsTable(api: GatewayApi, req: Request, scope: SeasonScope): Promise<ExportTable> {
  const { clusterId, year } = scope;
  const data = await api.run<NominationsData>(req, NominationsQuery, { clusterId, year });
  const season = data.cluster?.season;
  if (!data.cluster || !season) throw noSeason(clusterId, year);
  if (!season.nominations) throw new HttpFailure(503, 'The nominations are unavailable');
  return {
    sheet: 'Bình xét',
    title: `Đề nghị khen thưởng của ${data.cluster.name} năm ${year}`,
    columns: [
      { header: 'Mã tỉnh' },
      { header: 'Tỉnh, thành phố' },
      { header: 'Hình thức khen thưởng' },
      { header: 'Đồng ý', digits: 0, plain: true },
      { header: 'Không đồng ý', digits: 0, plain: true },
      { header: 'Số phiếu cần', digits: 0, plain: true },
      { header: 'Kết quả' },
      { header: 'Ghi chú' },
      { header: 'Nguồn' },
    ],
    rows: season.nominations.map((n) => [
      n.province.id,
      n.province.name,
      formLabels[n.form] ?? n.form,
      n.votesFor,
      n.votesAgainst,
      n.votesNeeded,
      statusLabels[n.status] ?? n.status,
      n.note,
      n.source,
    ]),
    notes: [
      `${season.members.length} thành viên.` +
        (season.adoptionThreshold ? ` Quy tắc thông qua: ${season.adoptionThreshold.description}.` : ''),
    ],
    source: `thidua, GraphQL ClusterSeason.nominations của ${data.cluster.name} năm ${year}`,
  };
}

type SeasonExport = (api: GatewayApi, req: Request, scope: SeasonScope) => Promise<ExportTable>;
type ProvinceExport = (api: GatewayApi, req: Request, scope: ProvinceScope) => Promise<ExportTable>;

/** Tables of a season: `/export/<name>.<xlsx|csv>?cluster=&year=`. */
export const seasonExports: Record<string, SeasonExport> = {
  standings: standingsTable,
  indicators: indicatorsTable,
  nominations: nominationsTable,
  commendations: seasonCommendations,
};

/** Tables of a province: `/export/<name>.<xlsx|csv>?province=`. */
export const provinceExports: Record<string, ProvinceExport> = {
  observations: provinceObservations,
  commendations: provinceCommendations,
  clusters: provinceClusters,
};
