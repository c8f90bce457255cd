import { useI18n } from '../i18n/i18n';

/** The gateway's export of a table: `/export/<table>.<format>?…`. */
export function exportHref(
  table: string,
  format: 'xlsx' | 'csv' | 'pdf',
  query: Record<string, string | number>,
): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return `/export/${table}.${format}?${search}`;
}

/**
 * "Tải Excel" and "Tải CSV" for a table: plain links to the gateway's export
 * of the same data, so they work without script and from a copied address.
 */
export function Downloads({
  table,
  query,
  what,
}: {
  table: string;
  query: Record<string, string | number>;
  /** The table's name, for screen readers ("Tải Excel: …"). */
  what: string;
}) {
  const { t } = useI18n();
  return (
    <p className="downloads">
      {(['xlsx', 'csv'] as const).map((format) => (
        <a key={format} className="button button-small button-quiet" href={exportHref(table, format, query)} download>
          {format === 'xlsx' ? t.downloadExcel : t.downloadCsv}
          <span className="sr-only">: {what}</span>
        </a>
      ))}
    </p>
  );
}
