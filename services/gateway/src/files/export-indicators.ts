import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { unitLabels } from './labels.js';
import { noSeason, type SeasonScope } from './scope.js';
import type { ExportTable } from './workbook.js';

const MatrixSeasonQuery = `query ExportMatrixSeason($clusterId: ID!, $year: Int!) {
  indicators { code name unit pillar }
  cluster(id: $clusterId) { name season(year: $year) { members { id name } } }
}`;

/** The gateway allows 30 aliases per operation; ask for the rankings in batches well under it. */
const RANKINGS_PER_REQUEST = 20;

interface Rank {
  province: { id: string; name?: string };
  value: number | null;
  rank: number | null;
  score?: number | null;
  derived: boolean;
}

interface MatrixSeason {
  indicators: { code: string; name: string; unit: string; pillar: string }[];
  cluster: { name: string; season: { members: { id: string; name: string }[] } | null } | null;
}

/**
 * The indicator matrix: one row per indicator someone reported, and for
 * each member its value and its rank among the members.
 */
export async function indicatorsTable(api: GatewayApi, req: Request, scope: SeasonScope): Promise<ExportTable> {
  const { clusterId, year } = scope;
  const data = await api.run<MatrixSeason>(req, MatrixSeasonQuery, { clusterId, year });
  const members = data.cluster?.season?.members;
  if (!data.cluster || !members) throw noSeason(clusterId, year);
  if (scope.indicator) return rankingTable(api, req, scope, data);
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

const RankingQuery = `query ExportRanking($clusterId: ID!, $year: Int!, $indicator: ID!) {
  cluster(id: $clusterId) {
    season(year: $year) {
      indicatorRanking(indicator: $indicator) { province { id name } value rank score derived }
      members { id observations(year: $year, indicator: $indicator) { numerator denominator source } }
    }
  }
}`;

interface RankingData {
  cluster: {
    season: {
      indicatorRanking: Rank[] | null;
      members: {
        id: string;
        observations: { numerator: number | null; denominator: number | null; source: string | null }[] | null;
      }[];
    } | null;
  } | null;
}

/** One indicator's ranking over the members (`?indicator=`), as the dashboard's ranking table shows it. */
async function rankingTable(
  api: GatewayApi,
  req: Request,
  scope: SeasonScope,
  season: MatrixSeason,
): Promise<ExportTable> {
  const { clusterId, year } = scope;
  const indicator = season.indicators.find((i) => i.code === scope.indicator);
  if (!indicator) throw new HttpFailure(404, `There is no indicator ${JSON.stringify(scope.indicator)}`);
  const data = await api.run<RankingData>(req, RankingQuery, { clusterId, year, indicator: indicator.code });
  const found = data.cluster?.season;
  if (!found?.indicatorRanking) throw noSeason(clusterId, year);
  const observations = new Map(found.members.map((m) => [m.id, m.observations?.[0] ?? null]));
  return {
    sheet: 'Xếp hạng chỉ tiêu',
    title: `Xếp hạng ${indicator.name}: ${season.cluster!.name} năm ${year}`,
    columns: [
      { header: 'Hạng', digits: 0, plain: true },
      { header: 'Mã tỉnh' },
      { header: 'Tỉnh, thành phố' },
      { header: `Giá trị (${unitLabels[indicator.unit] ?? indicator.unit})`, digits: 2 },
      { header: 'Tử số', digits: 2 },
      { header: 'Mẫu số', digits: 2 },
      { header: 'Điểm chuẩn hoá (0–100)', digits: 2 },
      { header: 'Tính từ tiền thân' },
      { header: 'Nguồn' },
    ],
    rows: found.indicatorRanking.map((r) => {
      const o = observations.get(r.province.id);
      return [
        r.rank,
        r.province.id,
        r.province.name ?? r.province.id,
        r.value,
        o?.numerator ?? null,
        o?.denominator ?? null,
        r.score ?? null,
        r.derived ? 'có' : null,
        o?.source ?? null,
      ];
    }),
    notes: [`Chỉ tiêu ${indicator.code}: ${indicator.name}. Thành viên chưa báo cáo xếp cuối, không có hạng.`],
    source: `thidua, GraphQL ClusterSeason.indicatorRanking(indicator: "${indicator.code}") của ${season.cluster!.name} năm ${year}`,
  };
}
