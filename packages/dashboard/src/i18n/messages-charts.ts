/** The words of the province page's charts; spread into the messages of each language. */
export const viCharts = {
  clusterAverage: 'Trung bình cụm',
  clusterAverageNote:
    'Nét đứt màu cam: trung bình của các thành viên cụm có số liệu chính xác năm đó (không tính đơn vị thiếu số liệu, số liệu dạng khoảng, "trên", "gần").',
  averageCoverage: (reporting: number, members: number) => `${reporting}/${members} thành viên`,
  chartText: (indicator: string, unit: string, points: number) =>
    `Biểu đồ: ${indicator} (${unit}), ${points} năm có số liệu`,
};

export const enCharts: typeof viCharts = {
  clusterAverage: 'Cluster average',
  clusterAverageNote:
    'Dashed orange line: the mean of the cluster members with an exact value that year (members without one, ranges, lower bounds and approximations left out).',
  averageCoverage: (reporting: number, members: number) => `${reporting}/${members} members`,
  chartText: (indicator: string, unit: string, points: number) =>
    `Chart: ${indicator} (${unit}), ${points} years with data`,
};
