import { useState, type FormEvent } from 'react';
import { mutate, useQuery } from '../api/client';
import { sortClusters } from '../api/clusters';
import { errorsByField, unplacedErrors } from '../api/errors';
import { isNational } from '../auth/permissions';
import { FormMessage, SelectField, TextField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { hrefOf, Link, navigate, seasonRoute } from '../router';

const ClustersAdminQuery = graphql(`
  query ClustersAdmin {
    clusters {
      id
      name
      seasons {
        year
        members {
          id
        }
      }
    }
  }
`);

const CreateCluster = graphql(`
  mutation CreateCluster($id: ID!, $name: String!) {
    createCluster(id: $id, name: $name) {
      id
      name
    }
  }
`);

function CreateClusterForm() {
  const { t } = useI18n();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const result = await mutate(CreateCluster, { id: id.trim(), name });
      setErrors(errorsByField(result.errors));
      setUnplaced(unplacedErrors(result.errors, (field) => field === 'id' || field === 'name'));
      if (result.data?.createCluster) {
        setDone(t.clusterCreated(result.data.createCluster.name));
        setId('');
        setName('');
      }
    } catch (error) {
      setUnplaced([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="panel form-grid">
      <h2 className="form-grid-title">{t.createCluster}</h2>
      <FormMessage errors={unplaced} done={done} />
      <TextField
        label={t.clusterIdField}
        value={id}
        onValue={setId}
        error={errors.get('id')}
        hint={t.clusterIdHint}
        autoCapitalize="none"
        required
      />
      <TextField label={t.clusterNameField} value={name} onValue={setName} error={errors.get('name')} required />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : t.createCluster}
        </button>
      </div>
    </form>
  );
}

/** Opens the members page of a cluster for a chosen year. */
function MembersLauncher({ clusterId, years }: { clusterId: string; years: number[] }) {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const choices = [...new Set([thisYear + 1, thisYear, ...years])].sort((a, b) => b - a);
  const [year, setYear] = useState(String(choices.find((y) => !years.includes(y)) ?? thisYear));
  return (
    <form
      className="form-inline"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(hrefOf({ page: 'seasonMembers', clusterId, year: Number(year) }));
      }}
    >
      <SelectField label={t.setMembersFor} value={year} onValue={setYear}>
        {choices.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-small">
        {t.openMembers}
      </button>
    </form>
  );
}

/** The Ministry's clusters: create one, and open a year's members. */
export function ClustersPage() {
  const { t } = useI18n();
  const state = useQuery(ClustersAdminQuery, {});
  return (
    <>
      <PageTitle>{t.clustersTitle}</PageTitle>
      <Guard allow={isNational}>
        {() => (
          <>
            <CreateClusterForm />
            <QueryView state={state}>
              {(data) => (
                <div className="table-scroll">
                  <table className="data responsive">
                    <caption>{t.clustersCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.cluster}</th>
                        <th scope="col">{t.seasons}</th>
                        <th scope="col">{t.members}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {sortClusters(data.clusters).map((cluster) => {
                        const years = cluster.seasons.map((s) => s.year).sort((a, b) => b - a);
                        return (
                          <tr key={cluster.id}>
                            <th scope="row" className="wide">
                              {cluster.name} <span className="unit">({cluster.id})</span>
                            </th>
                            <td className="wide" data-label={t.seasons}>
                              {years.length === 0
                                ? t.dash
                                : years.map((year, i) => (
                                    <span key={year}>
                                      {i > 0 ? ', ' : ''}
                                      <Link to={seasonRoute('standings', cluster.id, year)}>{year}</Link>
                                    </span>
                                  ))}
                            </td>
                            <td className="wide" data-label={t.members}>
                              <MembersLauncher clusterId={cluster.id} years={years} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </QueryView>
          </>
        )}
      </Guard>
    </>
  );
}
