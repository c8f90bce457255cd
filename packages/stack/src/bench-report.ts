/** One gateway's numbers for one query and mode, over all rounds. */
export interface CaseResult {
  /** Requests per second: all rounds' answers over all rounds' time. */
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
  /** Each round's requests per second, to show the spread. */
  rounds: number[];
  /** CPU time the gateway's process spent per request (ms): what the gateway itself costs, whatever else runs. */
  gatewayCpuMs: number;
  /** CPU time the three subgraph processes spent per request (ms). */
  subgraphCpuMs: number;
}

export interface QueryReport {
  name: string;
  answerable: { thidua: boolean; hive: boolean };
  /** What Hive Gateway answered when it could not answer. */
  hiveError?: string;
  /** Both gateways gave the same data for the hot request. */
  sameAnswer: boolean;
  /** Subgraph calls per client request (hot, through counting proxies); null where not answerable. */
  calls: { thidua: number; hive: number | null };
  modes: Partial<Record<'hot' | 'cold', { thidua: CaseResult; hive: CaseResult | null; ratio: number | null }>>;
  /** Each subgraph alone with its part of the query, per subgraph. */
  floors: Partial<Record<'hot' | 'cold', Record<string, Floor>>>;
}

/** One subgraph's part of a query, sent to it alone. */
export interface Floor {
  /** Client requests' worth of its fetches per second. */
  rate: number;
  /** The CPU ms its process spent on each. */
  cpuMs: number;
  /** The CPU ms Postgres spent on the statements of each (the bench's own Postgres only). */
  databaseCpuMs?: number;
}

export interface GatewayBenchReport {
  date: string;
  machine: {
    cpus: number;
    model: string;
    node: string;
    /** The 1-minute load average when the bench started and ended: other work on the machine skews absolute rates. */
    loadAverage: { before: number; after: number };
  };
  layout: string;
  hiveGateway: string;
  settings: Record<string, unknown>;
  queries: QueryReport[];
  /**
   * The standings answered in-process (no HTTP, no planning). cost: the
   * baseline's rate ÷ thidua's; cpuCost: thidua's CPU per request (gateway
   * and subgraph processes) ÷ the baseline's CPU per answer.
   */
  baseline?: Partial<
    Record<'hot' | 'cold', { rate: number; p50: number; p99: number; cost: number; cpuMs: number; cpuCost: number }>
  >;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const n0 = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(0));
const n1 = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(1));
const n2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const latency = (c: CaseResult | null) => (c ? `${n1(c.p50)}/${n1(c.p99)}` : '–');

export function printReport(report: GatewayBenchReport): void {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const rows: string[][] = [];
  for (const q of report.queries) {
    for (const mode of ['hot', 'cold'] as const) {
      const m = q.modes[mode];
      if (!m) continue;
      rows.push([
        mode === 'hot' ? q.name : '',
        mode,
        n0(m.thidua.rate),
        m.hive ? n0(m.hive.rate) : 'not answerable',
        m.ratio === null ? '–' : `${m.ratio.toFixed(2)}×`,
        latency(m.thidua),
        latency(m.hive),
        n2(m.thidua.gatewayCpuMs),
        m.hive ? n2(m.hive.gatewayCpuMs) : '–',
        String(m.thidua.errors + (m.hive?.errors ?? 0)),
      ]);
    }
  }
  out('');
  out(
    `thidua's gateway vs Hive Gateway ${report.hiveGateway}: requests/s with ${report.settings.connections} connections, ` +
      `${report.settings.rounds} interleaved rounds of ${report.settings.durationMs} ms; latency ms p50/p99`,
  );
  const { cpus, loadAverage } = report.machine;
  out(
    `${cpus} cores; load average ${loadAverage.before.toFixed(1)} at the start, ${loadAverage.after.toFixed(1)} at the end`,
  );
  out(
    table(
      ['query', 'mode', 'thidua/s', 'Hive/s', 'ratio', 'thidua ms', 'Hive ms', 'thidua CPU', 'Hive CPU', 'errors'],
      rows,
    ),
  );
  out('(CPU: ms of the gateway process per request, from /proc; it does not depend on the machine’s other load)');

  out('\nSubgraph work per client request: calls (hot, through counting proxies) and subgraph CPU ms (hot/cold)');
  const work = (q: QueryReport, name: 'thidua' | 'hive') =>
    (['hot', 'cold'] as const).map((mode) => {
      const c = q.modes[mode]?.[name];
      return c ? n2(c.subgraphCpuMs) : '–';
    });
  out(
    table(
      ['query', 'thidua calls', 'Hive calls', 'thidua CPU', 'Hive CPU'],
      report.queries.map((q) => [
        q.name,
        q.calls.thidua.toFixed(2),
        q.calls.hive === null ? '–' : q.calls.hive.toFixed(2),
        work(q, 'thidua').join('/'),
        work(q, 'hive').join('/'),
      ]),
    ),
  );

  const subgraphs = ['provinces', 'awards', 'metrics'];
  const floorRows = report.queries.flatMap((q) =>
    (['hot', 'cold'] as const)
      .filter((mode) => q.floors[mode])
      .map((mode) => [
        mode === 'hot' ? q.name : '',
        mode,
        ...subgraphs.map((s) => {
          const floor = q.floors[mode]![s];
          if (!floor) return '–';
          const database = floor.databaseCpuMs === undefined ? '' : ` + ${n2(floor.databaseCpuMs)}`;
          return `${n0(floor.rate)} (${n2(floor.cpuMs)}${database} ms)`;
        }),
      ]),
  );
  if (floorRows.length) {
    const postgres = report.queries.some((q) =>
      Object.values(q.floors).some((f) => Object.values(f).some((x) => x.databaseCpuMs !== undefined)),
    );
    out(
      '\nFloors: each subgraph alone with its part of the query: client requests’ worth per second' +
        (postgres ? ' (CPU ms each: the subgraph’s + Postgres’s)' : ' (CPU ms each)'),
    );
    out(table(['query', 'mode', ...subgraphs], floorRows));
  }
  if (report.baseline) {
    out('\nStandings in one process (graphql.execute on the three subgraph schemas; no HTTP, no planning)');
    out(
      table(
        ['mode', 'baseline/s', 'ms p50/p99', 'CPU ms', 'federation cost (rate)', 'federation cost (CPU)'],
        (['hot', 'cold'] as const)
          .filter((mode) => report.baseline![mode])
          .map((mode) => {
            const b = report.baseline![mode]!;
            return [
              mode,
              n0(b.rate),
              `${n1(b.p50)}/${n1(b.p99)}`,
              n2(b.cpuMs),
              `${b.cost.toFixed(1)}×`,
              `${b.cpuCost.toFixed(1)}×`,
            ];
          }),
      ),
    );
  }
  const differing = report.queries.filter((q) => q.answerable.hive && !q.sameAnswer).map((q) => q.name);
  if (differing.length) out(`\nThe gateways' answers differ for: ${differing.join('; ')}`);
  for (const q of report.queries.filter((x) => !x.answerable.hive)) {
    out(`Hive Gateway cannot answer "${q.name}": ${q.hiveError}`);
  }
}
