import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

interface Named {
  id: string;
  name: string;
}

/** Head, deputy head and the head elected for the next year, as a short definition list. */
export function SeasonFacts({
  season,
  next,
}: {
  season: { year: number; head?: Named | null; deputyHead?: Named | null; members: readonly unknown[] };
  next?: { year: number; head?: Named | null } | null;
}) {
  const { t } = useI18n();
  const province = (p: Named | null | undefined) =>
    p ? <Link to={{ page: 'province', provinceId: p.id }}>{p.name}</Link> : t.notElected;
  return (
    <dl className="facts">
      <div>
        <dt>{t.head}</dt>
        <dd>{province(season.head)}</dd>
      </div>
      <div>
        <dt>{t.deputyHead}</dt>
        <dd>{province(season.deputyHead)}</dd>
      </div>
      <div>
        <dt>{t.members}</dt>
        <dd>{t.membersCount(season.members.length)}</dd>
      </div>
      <div>
        <dt>{t.nextHead(season.year + 1)}</dt>
        <dd>{province(next?.head)}</dd>
      </div>
    </dl>
  );
}
