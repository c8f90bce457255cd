/** The operations `npm run bench` measures: what dashboards and the cluster head ask most. */
export const benchQueries: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'cluster season: members, head, lineage',
    query: `{ cluster(id: "cum-3") { season(year: 2019) { head { id name } members { id name code successor { id name } } } } }`,
  },
  {
    name: 'all provinces with lineage',
    query: `{ provinces(asOf: "2025-12-31") { id name code region predecessors { id name validUntil } } }`,
  },
  {
    name: 'standings (provinces → metrics → awards)',
    query: `{ cluster(id: "cum-3") { season(year: 2019) { standings { rank province { id name } ictScore awardScore total } } } }`,
  },
  {
    name: 'ICT index ranking of a season',
    query: `{ cluster(id: "cum-3") { season(year: 2019) { ictRanking { rank score coverage province { id name } } } } }`,
  },
  {
    name: 'indicator ranking, all provinces',
    query: `{ indicatorRanking(indicator: "nrd.criterion8_communes_pct", year: 2019) { rank value score province { id name } } }`,
  },
  {
    name: 'every season of every cluster with rankings',
    query: `{ clusters { id seasons { year ictRanking { rank score province { id } } nominations { form status province { id } } } } }`,
  },
  {
    name: 'province page: observations and commendations',
    query: `{ province(id: "quang-ninh") { name observations { indicator { code name } year value revision }
      commendations(fromYear: 2015, toYear: 2024) { form year recipientName points } } }`,
  },
];
