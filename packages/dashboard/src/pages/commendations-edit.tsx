import { useState } from 'react';
import { useQuery } from '../api/client';
import { canWriteProvince, isNational } from '../auth/permissions';
import { CommendationForm, type EditableCommendation } from '../components/commendation-form';
import { FormMessage } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, type Route } from '../router';

const CommendationsEditQuery = graphql(`
  query CommendationsEdit($id: ID!) {
    province(id: $id) {
      id
      name
      commendations {
        id
        form
        year
        yearApproximate
        periodFrom
        periodTo
        recipientKind
        recipientName
        decision
        decisionDate
        citation
        source
        revision
        updatedBy
        history {
          revision
          action
          recipientName
          decision
          decisionDate
          note
          actor
          at
        }
      }
    }
    commendationCatalogue {
      form
      name
      recipientKinds
      recordedByProvince
    }
  }
`);

type Commendation = NonNullable<
  NonNullable<ResultOf<typeof CommendationsEditQuery>['province']>['commendations']
>[number];

function History({ commendation }: { commendation: Commendation }) {
  const { t, format, language } = useI18n();
  return (
    <details>
      <summary>
        {t.history} ({commendation.revision})
      </summary>
      <ol className="history-list">
        {commendation.history.map((entry) => (
          <li key={entry.revision}>
            {entry.revision}. {entry.recipientName}
            {entry.decision ? ` · ${entry.decision}` : ''}
            {entry.decisionDate ? ` · ${format.date(entry.decisionDate)}` : ''} — {entry.actor},{' '}
            {new Date(entry.at).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB')}
            {entry.note ? <div className="hint">{`${t.note}: ${entry.note}`}</div> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A province's commendations: record new ones and correct recorded ones, with the decision's number and date. */
export function CommendationsEditPage({ route }: { route: Extract<Route, { page: 'commendationsEdit' }> }) {
  const { t, format } = useI18n();
  const state = useQuery(CommendationsEditQuery, { id: route.provinceId });
  const [editing, setEditing] = useState<EditableCommendation | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = state.data?.province?.name ?? route.provinceId;
  return (
    <>
      <PageTitle>{t.commendationsEditTitle(name)}</PageTitle>
      <Guard allow={(user) => canWriteProvince(user, route.provinceId)}>
        {(user) => (
          <QueryView state={state}>
            {(data) => {
              if (!data.province) return <p className="notice notice-info">{t.unknownProvince(route.provinceId)}</p>;
              const forms = data.commendationCatalogue.filter((f) => isNational(user) || f.recordedByProvince);
              const allowed = new Set(forms.map((f) => f.form));
              const list = [...(data.province.commendations ?? [])].sort(
                (a, b) => b.year - a.year || a.recipientName.localeCompare(b.recipientName, 'vi'),
              );
              return (
                <>
                  <p>{t.commendationsEditIntro}</p>
                  <p>
                    <Link to={{ page: 'province', provinceId: data.province.id }}>{data.province.name}</Link>
                  </p>
                  <FormMessage done={done} />
                  <CommendationForm
                    key={editing?.id ?? 'new'}
                    provinceId={data.province.id}
                    forms={forms}
                    editing={editing}
                    defaultYear={new Date().getFullYear() - 1}
                    onDone={(message) => {
                      setDone(message);
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                  <h2>{t.commendations}</h2>
                  {list.length === 0 ? (
                    <p>{t.noCommendations}</p>
                  ) : (
                    <div className="table-scroll">
                      <table className="data responsive">
                        <caption className="sr-only">{t.commendations}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t.year}</th>
                            <th scope="col">{t.form}</th>
                            <th scope="col">{t.recipient}</th>
                            <th scope="col">{t.decision}</th>
                            <th scope="col">{t.history}</th>
                            <th scope="col">
                              <span className="sr-only">{t.correct}</span>
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {list.map((c) => (
                            <tr key={c.id}>
                              <td data-label={t.year}>
                                {c.yearApproximate ? `${c.periodFrom}–${c.periodTo}` : c.year}
                              </td>
                              <td className="wide" data-label={t.form}>
                                {t.forms[c.form] ?? c.form}
                              </td>
                              <td className="wide" data-label={t.recipient}>
                                {c.recipientName}{' '}
                                <span className="unit">({t.recipientKinds[c.recipientKind] ?? c.recipientKind})</span>
                                {c.source ? <div className="source">{c.source}</div> : null}
                              </td>
                              <td data-label={t.decision}>
                                {c.decision ?? t.dash}
                                {c.decisionDate ? <div className="hint">{format.date(c.decisionDate)}</div> : null}
                              </td>
                              <td className="wide" data-label={t.history}>
                                <History commendation={c} />
                              </td>
                              <td>
                                {allowed.has(c.form) ? (
                                  <button
                                    type="button"
                                    className="button button-small"
                                    aria-label={`${t.correct}: ${c.recipientName} (${c.year})`}
                                    onClick={() => {
                                      setDone(null);
                                      setEditing(c);
                                    }}
                                  >
                                    {t.correct}
                                  </button>
                                ) : null}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </>
              );
            }}
          </QueryView>
        )}
      </Guard>
    </>
  );
}
