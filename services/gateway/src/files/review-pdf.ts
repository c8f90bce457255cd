import path from 'node:path';
import type { Request } from 'express';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { HttpFailure, type GatewayApi } from './api.js';
import { defaultWeights } from './scope.js';
import { formLabels, statusLabels } from './labels.js';
import { vietnamTime } from './workbook.js';

/*
 * The review's record is set with pdfmake: declarative tables that break
 * across A4 pages and repeat their header row, page footers with numbers,
 * and fonts embedded and subset by pdfkit underneath, in plain JavaScript, so
 * the gateway needs no browser. The font is Be Vietnam Pro (SIL OFL 1.1, from
 * the @expo-google-fonts/be-vietnam-pro package), drawn for Vietnamese: it has
 * every precomposed letter, and its text extracts as written (a font that
 * decomposes ụ into u + dot below leaves wrong text in the PDF's text layer).
 */
const fontDir = path.dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
const fontFile = (style: string) => path.join(fontDir, style, `BeVietnamPro_${style}.ttf`);

pdfmake.setFonts({
  BeVietnamPro: {
    normal: fontFile('400Regular'),
    bold: fontFile('700Bold'),
    italics: fontFile('400Regular_Italic'),
    bolditalics: fontFile('700Bold_Italic'),
  },
});
// The document is made of our own data only: no remote resource, no file but the font's.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));

interface Named {
  id: string;
  name: string;
}

interface ReviewData {
  cluster: {
    name: string;
    season: {
      head: Named | null;
      deputyHead: Named | null;
      members: (Named & { code: string })[];
      standings:
        | {
            rank: number;
            province: Named;
            ictScore: number | null;
            points: number;
            awardScore: number;
            total: number;
          }[]
        | null;
      adoptionThreshold: { description: string } | null;
      nominations:
        | {
            form: string;
            status: string;
            votesFor: number;
            votesAgainst: number;
            votesNeeded: number | null;
            province: Named;
            note: string | null;
            mode?: string;
          }[]
        | null;
      results?: { lockedAt: string; lockedBy: string } | null;
    } | null;
    next: { head: Named | null; deputyHead: Named | null } | null;
  } | null;
}

/** The review's record, its standings by the pinned formula the PDF states; `results` is set once it is locked. */
const reviewQuery = `query ReviewRecord($clusterId: ID!, $year: Int!, $nextYear: Int!, $ictWeight: Float!, $awardWeight: Float!) {
  cluster(id: $clusterId) {
    name
    season(year: $year) {
      head { id name } deputyHead { id name }
      members { id name code }
      standings(ictWeight: $ictWeight, awardWeight: $awardWeight, sheetWeight: 0) { rank province { id name } ictScore points awardScore total }
      adoptionThreshold { description }
      nominations { form status votesFor votesAgainst votesNeeded province { id name } note mode }
      results { lockedAt lockedBy }
    }
    next: season(year: $nextYear) { head { id name } deputyHead { id name } }
  }
}`;

const number2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const number1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const show2 = (value: number | null) => (value === null ? '—' : number2.format(value));

const header = (cells: string[]): TableCell[] => cells.map((text) => ({ text, style: 'th' }));
const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });

/** How the members decided: their votes, or "Thống nhất" for a proposal adopted by consensus. */
function decision(
  n: { votesFor: number; votesAgainst: number; status: string; mode?: string },
  members: number,
): string {
  if (n.mode === 'CONSENSUS') return 'Thống nhất';
  return `${n.votesFor} đồng ý, ${n.votesAgainst} không đồng ý (${members} thành viên)`;
}

/** GET /export/review.pdf?cluster=&year=: the review's record on A4, in Vietnamese. */
export async function reviewPdf(api: GatewayApi, req: Request, clusterId: string, year: number): Promise<Buffer> {
  const data = await api.run<ReviewData>(req, reviewQuery, {
    clusterId,
    year,
    nextYear: year + 1,
    ...defaultWeights,
  });
  const season = data.cluster?.season;
  if (!data.cluster || !season) throw new HttpFailure(404, `Cluster "${clusterId}" has no season in ${year}`);
  const cluster = data.cluster;
  const exportedAt = new Date();
  const role = (id: string) =>
    season.head?.id === id ? 'Cụm trưởng' : season.deputyHead?.id === id ? 'Cụm phó' : 'Thành viên';
  const members = season.members.length;
  const nominations = season.nominations ?? [];
  const adopted = nominations.filter((n) => n.status === 'ADOPTED');
  const lock = season.results
    ? `Đã khoá bởi ${season.results.lockedBy} lúc ${vietnamTime(new Date(season.results.lockedAt))}.`
    : 'Chưa khoá: kết quả còn có thể thay đổi.';

  const content: Content[] = [
    {
      columns: [
        {
          width: '*',
          stack: [{ text: cluster.name.toUpperCase(), bold: true }, { text: `Năm ${year}` }],
          alignment: 'center',
        },
        {
          width: '*',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, decoration: 'underline' },
          ],
          alignment: 'center',
        },
      ],
      margin: [0, 0, 0, 18],
    },
    { text: 'BIÊN BẢN', style: 'title' },
    { text: `Bình xét thi đua, khen thưởng năm ${year} của ${cluster.name}`, style: 'subtitle' },
    { text: `I. Thành viên (${members})`, style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: [28, '*', 40, 90],
        body: [
          header(['STT', 'Tỉnh, thành phố', 'Mã', 'Vai trò']),
          ...season.members.map((m, i) => [String(i + 1), m.name, m.code, role(m.id)]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
    { text: 'II. Bảng xếp hạng', style: 'h2' },
    season.standings
      ? {
          table: {
            headerRows: 1,
            widths: [32, '*', 60, 60, 70, 55],
            body: [
              header(['Hạng', 'Tỉnh, thành phố', 'Chỉ số ICT', 'Điểm khen thưởng', 'Khen thưởng quy đổi', 'Tổng điểm']),
              ...season.standings.map((s): TableCell[] => [
                String(s.rank),
                s.province.name,
                right(show2(s.ictScore)),
                right(number1.format(s.points)),
                right(show2(s.awardScore)),
                right(show2(s.total), true),
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : { text: 'Chưa tính được bảng xếp hạng.', italics: true },
    {
      text:
        `Tổng điểm = ${number1.format(defaultWeights.ictWeight)} × chỉ số ICT + ` +
        `${number1.format(defaultWeights.awardWeight)} × điểm khen thưởng quy đổi (0–100, so với các thành viên).`,
      style: 'note',
    },
    { text: 'III. Đề nghị khen thưởng', style: 'h2' },
    nominations.length === 0
      ? { text: 'Không có đề nghị khen thưởng.', italics: true }
      : {
          table: {
            headerRows: 1,
            widths: [24, 90, '*', 130, 70],
            body: [
              header(['STT', 'Tỉnh, thành phố', 'Hình thức khen thưởng', 'Biểu quyết', 'Kết quả']),
              ...nominations.map((n, i): TableCell[] => [
                String(i + 1),
                n.province.name,
                formLabels[n.form] ?? n.form,
                decision(n, members),
                { text: statusLabels[n.status] ?? n.status, bold: n.status === 'ADOPTED' },
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
    ...(season.adoptionThreshold
      ? [{ text: `Quy tắc thông qua: ${season.adoptionThreshold.description}.`, style: 'note' }]
      : []),
    {
      text: `Thống nhất đề nghị khen thưởng: ${
        adopted.length === 0
          ? 'không có.'
          : adopted.map((n) => `${n.province.name} (${formLabels[n.form] ?? n.form})`).join('; ') + '.'
      }`,
      margin: [0, 6, 0, 0],
    },
    { text: `IV. Cụm trưởng năm ${year + 1}`, style: 'h2' },
    {
      text: data.cluster.next?.head
        ? `${data.cluster.next.head.name}${data.cluster.next.deputyHead ? `; cụm phó: ${data.cluster.next.deputyHead.name}` : ''}.`
        : 'Chưa bầu.',
    },
    { text: 'V. Tình trạng của kết quả', style: 'h2' },
    { text: lock },
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 220,
          stack: [
            { text: 'ĐẠI DIỆN CỤM TRƯỞNG', bold: true },
            { text: '(Ký, ghi rõ họ tên)', italics: true },
          ],
          alignment: 'center',
        },
      ],
      margin: [0, 24, 0, 0],
    },
  ];

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 48, 48, 56],
    info: { title: `Biên bản bình xét ${cluster.name} năm ${year}`, creator: 'thidua', producer: 'thidua (pdfmake)' },
    defaultStyle: { font: 'BeVietnamPro', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, alignment: 'center' },
      subtitle: { fontSize: 12, alignment: 'center', margin: [0, 2, 0, 12] },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      th: { bold: true, fillColor: '#eeeeee' },
      note: { fontSize: 9, italics: true, color: '#444444', margin: [0, 4, 0, 0] },
    },
    footer: (page, pages) => ({
      columns: [
        { text: `Xuất từ thidua lúc ${vietnamTime(exportedAt)} (giờ Việt Nam)`, fontSize: 8, color: '#555555' },
        { text: `Trang ${page}/${pages}`, alignment: 'right', fontSize: 8, color: '#555555' },
      ],
      margin: [56, 16, 48, 0],
    }),
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}
