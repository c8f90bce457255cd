import { useState, type FormEvent } from 'react';
import { mutate, useQuery } from '../api/client';
import { errorsByField, unplacedErrors } from '../api/errors';
import { isAdmin } from '../auth/permissions';
import { FormMessage, SelectField, TextField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { ProvinceOptions } from '../components/province-options';
import { QueryView } from '../components/status';
import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { useI18n } from '../i18n/i18n';

const TokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      role
      active
      createdBy
      createdAt
      expiresAt
      revokedAt
      lastUsedAt
      province {
        id
        name
      }
    }
  }
`);

const IssueToken = graphql(`
  mutation IssueApiToken($name: String!, $role: Role!, $provinceId: ID, $expiresAt: DateTime!) {
    issueApiToken(name: $name, role: $role, provinceId: $provinceId, expiresAt: $expiresAt) {
      token
      apiToken {
        id
        name
      }
    }
  }
`);

const RevokeToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
    }
  }
`);

type Token = ResultOf<typeof TokensQuery>['apiTokens'][number];
type RoleValue = VariablesOf<typeof IssueToken>['role'];

/** A date input's default: 90 days ahead. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function IssueForm({ onIssued }: { onIssued(name: string, token: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleValue>('PROVINCE');
  const [provinceId, setProvinceId] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await mutate(IssueToken, {
        name,
        role,
        provinceId: role === 'PROVINCE' ? provinceId || null : null,
        // The end of the chosen day in Vietnam.
        expiresAt: `${expires}T23:59:59+07:00`,
      });
      setErrors(errorsByField(result.errors));
      setUnplaced(unplacedErrors(result.errors, (f) => ['name', 'role', 'provinceId', 'expiresAt'].includes(f)));
      if (result.data?.issueApiToken) {
        onIssued(result.data.issueApiToken.apiToken.name, result.data.issueApiToken.token);
        setName('');
      }
    } catch (failure) {
      setUnplaced([(failure as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="panel form-grid">
      <h2 className="form-grid-title">{t.newToken}</h2>
      <FormMessage errors={unplaced} />
      <TextField label={t.tokenName} value={name} onValue={setName} error={errors.get('name')} required />
      <SelectField label={t.role} value={role} onValue={(value) => setRole(value as RoleValue)} required>
        {(['PROVINCE', 'MINISTRY', 'VIEWER', 'ADMIN'] as const).map((r) => (
          <option key={r} value={r}>
            {t.roles[r]}
          </option>
        ))}
      </SelectField>
      {role === 'PROVINCE' ? (
        <SelectField
          label={t.provinceForRole}
          value={provinceId}
          onValue={setProvinceId}
          error={errors.get('provinceId')}
          required
        >
          <option value="">{t.chooseProvince}</option>
          <ProvinceOptions />
        </SelectField>
      ) : null}
      <TextField
        label={t.expiresAt}
        type="date"
        value={expires}
        onValue={setExpires}
        error={errors.get('expiresAt')}
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : t.issueToken}
        </button>
      </div>
    </form>
  );
}

function statusOf(token: Token, t: { tokenActive: string; tokenRevoked: string; tokenExpired: string }) {
  if (token.revokedAt) return t.tokenRevoked;
  return token.active ? t.tokenActive : t.tokenExpired;
}

/** The admin's API tokens: issue (shown once), see use, revoke. */
export function TokensPage() {
  const { t, language } = useI18n();
  const state = useQuery(TokensQuery, {});
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB') : t.dash;
  return (
    <>
      <PageTitle>{t.tokensTitle}</PageTitle>
      <Guard allow={isAdmin}>
        {() => (
          <>
            <p>{t.tokensIntro}</p>
            {issued ? (
              <div className="notice notice-success" role="status">
                <p>{t.tokenIssued(issued.name)}</p>
                <p>
                  <code className="secret">{issued.token}</code>
                </p>
              </div>
            ) : null}
            <FormMessage errors={errors} />
            <IssueForm onIssued={(name, token) => setIssued({ name, token })} />
            <QueryView state={state}>
              {(data) =>
                data.apiTokens.length === 0 ? (
                  <p>{t.noTokens}</p>
                ) : (
                  <div className="table-scroll">
                    <table className="data responsive">
                      <caption>{t.tokensCaption}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t.tokenName}</th>
                          <th scope="col">{t.role}</th>
                          <th scope="col">{t.userStatus}</th>
                          <th scope="col">{t.expiresAt}</th>
                          <th scope="col">{t.lastUsed}</th>
                          <th scope="col">
                            <span className="sr-only">{t.revoke}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.apiTokens.map((token) => (
                          <tr key={token.id}>
                            <th scope="row" className="wide">
                              {token.name}
                              <div className="hint">
                                {t.issuedBy}: {token.createdBy}, {when(token.createdAt)}
                              </div>
                            </th>
                            <td className="wide" data-label={t.role}>
                              {t.roles[token.role] ?? token.role}
                              {token.province ? ` · ${token.province.name}` : ''}
                            </td>
                            <td data-label={t.userStatus}>{statusOf(token, t)}</td>
                            <td data-label={t.expiresAt}>{when(token.expiresAt)}</td>
                            <td data-label={t.lastUsed}>{when(token.lastUsedAt)}</td>
                            <td>
                              {token.active ? (
                                <button
                                  type="button"
                                  className="button button-small"
                                  aria-label={`${t.revoke}: ${token.name}`}
                                  onClick={async () => {
                                    const result = await mutate(RevokeToken, { id: token.id });
                                    setErrors(result.errors.map((e) => e.message));
                                  }}
                                >
                                  {t.revoke}
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryView>
          </>
        )}
      </Guard>
    </>
  );
}
