import { useI18n } from '../i18n/i18n';

/** Whether a value is synthetic demo data: its source says "demo: …". */
export function isSynthetic(source: string | null | undefined): boolean {
  return source?.startsWith('demo:') === true;
}

/** How many of the values behind `sources` are published and how many synthetic. */
export function tally(sources: readonly (string | null | undefined)[]): { published: number; synthetic: number } {
  const synthetic = sources.filter(isSynthetic).length;
  return { published: sources.length - synthetic, synthetic };
}

/**
 * Where a cell's values come from: "dữ liệu minh hoạ" when any of them is
 * synthetic, else the published sources by name. Visible text, so it reads the
 * same on hover, focus, a phone and a screen reader.
 */
export function Provenance({ sources }: { sources: readonly (string | null | undefined)[] }) {
  const { t } = useI18n();
  const { synthetic } = tally(sources);
  const published = [...new Set(sources.filter((s): s is string => !!s && !isSynthetic(s)))];
  if (sources.length === 0) return <span className="source">{t.noData}</span>;
  return (
    <span className="provenance">
      {synthetic > 0 ? (
        <span className="marker-demo">
          {t.syntheticMark} <span className="unit">({t.syntheticShare(synthetic, sources.length)})</span>
        </span>
      ) : null}
      {published.map((source) => (
        <span key={source} className="source">
          {t.publishedMark}: {source}
        </span>
      ))}
    </span>
  );
}

/** The opening line of a page: how much of what it shows is published. */
export function ProvenanceSummary({ sources }: { sources: readonly (string | null | undefined)[] }) {
  const { t } = useI18n();
  const { published, synthetic } = tally(sources);
  return (
    <p className="notice notice-info provenance-summary">{t.provenanceSummary(sources.length, published, synthetic)}</p>
  );
}
