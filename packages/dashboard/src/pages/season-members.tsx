import { useState } from 'react';
import { mutate, useQuery } from '../api/client';
import { isNational } from '../auth/permissions';
import { FormMessage, SelectField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, seasonRoute, type Route } from '../router';

const SeasonMembersQuery = graphql(`
  query SeasonMembers($clusterId: ID!, $asOf: Date!) {
    cluster(id: $clusterId) {
      id
      name
      seasons {
        year
        members {
          id
          name
          validUntil
          successor {
            id
            name
          }
        }
      }
    }
    provinces(asOf: $asOf) {
      id
      name
    }
  }
`);

const SetMembers = graphql(`
  mutation SetSeasonMembers($clusterId: ID!, $year: Int!, $provinceIds: [ID!]!) {
    setSeasonMembers(clusterId: $clusterId, year: $year, provinceIds: $provinceIds) {
      members {
        id
      }
    }
  }
`);

type Data = ResultOf<typeof SeasonMembersQuery>;
type Season = NonNullable<Data['cluster']>['seasons'][number];
interface Named {
  id: string;
  name: string;
}

const byName = (a: Named, b: Named) => a.name.localeCompare(b.name, 'vi');

/**
 * An earlier season's members, each unit merged away before `year` replaced
 * by its successor (once): the proposal to check, with the replacements made.
 */
function copyWithSuccessors(previous: Season, year: number) {
  const members = new Map<string, Named>();
  const replaced: { before: string; after: string }[] = [];
  for (const member of previous.members) {
    const gone = member.validUntil !== null && Number(member.validUntil.slice(0, 4)) < year;
    if (gone && member.successor) {
      replaced.push({ before: member.name, after: member.successor.name });
      members.set(member.successor.id, member.successor);
    } else {
      members.set(member.id, { id: member.id, name: member.name });
    }
  }
  return { members: [...members.values()].sort(byName), replaced };
}

function MembersEditor({ data, clusterId, year }: { data: Data; clusterId: string; year: number }) {
  const { t } = useI18n();
  const cluster = data.cluster!;
  const current = cluster.seasons.find((s) => s.year === year);
  // The latest season before this one: last year's, or the one before a gap.
  const previous = cluster.seasons.filter((s) => s.year < year).sort((a, b) => b.year - a.year)[0];
  const [members, setMembers] = useState<Named[]>(() =>
    [...(current?.members ?? [])].map(({ id, name }) => ({ id, name })).sort(byName),
  );
  const [replaced, setReplaced] = useState<{ before: string; after: string }[]>([]);
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = data.provinces.filter((p) => !members.some((m) => m.id === p.id)).sort(byName);

  const save = async () => {
    setBusy(true);
    setDone(null);
    try {
      const result = await mutate(SetMembers, { clusterId, year, provinceIds: members.map((m) => m.id) });
      setErrors(result.errors.map((e) => e.message));
      if (result.errors.length === 0) setDone(t.membersSaved(members.length));
    } catch (error) {
      setErrors([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{t.membersIntro}</p>
      {previous ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              const copy = copyWithSuccessors(previous, year);
              setMembers(copy.members);
              setReplaced(copy.replaced);
            }}
          >
            {t.copyFrom(previous.year)}
          </button>
        </p>
      ) : null}
      {replaced.length > 0 ? (
        <div className="notice notice-warning" role="status">
          <p>{t.successorsProposed(year)}</p>
          <ul>
            {replaced.map((r) => (
              <li key={r.before}>{t.replacedBy(r.before, r.after)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormMessage errors={errors} done={done} />
      {members.length === 0 ? (
        <p>{t.noMembersYet}</p>
      ) : (
        <ul className="member-list" aria-label={t.members}>
          {members.map((m) => (
            <li key={m.id}>
              <span>{m.name}</span>
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`${t.remove}: ${m.name}`}
                onClick={() => setMembers(members.filter((x) => x.id !== m.id))}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-inline"
        onSubmit={(event) => {
          event.preventDefault();
          const found = data.provinces.find((p) => p.id === adding);
          if (found) setMembers([...members, found].sort(byName));
          setAdding('');
        }}
      >
        <SelectField label={t.addMember} value={adding} onValue={setAdding}>
          <option value="">{t.chooseProvince}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-small" disabled={!adding}>
          {t.addMember}
        </button>
      </form>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy || members.length === 0} onClick={save}>
          {busy ? t.saving : t.saveMembers}
        </button>
        <Link to={seasonRoute('standings', clusterId, year)}>{t.standingsTitle(cluster.name, year)}</Link>
      </div>
    </>
  );
}

/** The Ministry sets a season's members: copy last year's, with the 2025 successors proposed. */
export function SeasonMembersPage({ route }: { route: Extract<Route, { page: 'seasonMembers' }> }) {
  const { t } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(SeasonMembersQuery, { clusterId, asOf: `${year}-12-31` });
  const name = state.data?.cluster?.name ?? clusterId;
  return (
    <>
      <PageTitle>{t.membersTitle(name, year)}</PageTitle>
      <Guard allow={isNational}>
        {() => (
          <QueryView state={state}>
            {(data) =>
              data.cluster ? (
                <MembersEditor key={`${clusterId}:${year}`} data={data} clusterId={clusterId} year={year} />
              ) : (
                <p className="notice notice-info">{t.noSeason(clusterId, year)}</p>
              )
            }
          </QueryView>
        )}
      </Guard>
    </>
  );
}
