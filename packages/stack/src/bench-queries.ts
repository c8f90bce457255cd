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
    name: 'clusters with every season',
    query: `{ clusters { id name seasons { year head { name } members { id } } } }`,
  },
];
