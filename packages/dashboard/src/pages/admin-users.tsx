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

const UsersQuery = graphql(`
  query Users {
    users {
      id
      username
      name
      role
      enabled
      singleSignOn
      lastSignInAt
      province {
        id
        name
      }
    }
  }
`);

const CreateUser = graphql(`
  mutation CreateUser($input: UserInput!) {
    createUser(input: $input) {
      id
      username
    }
  }
`);

const UpdateUser = graphql(`
  mutation UpdateUser($id: ID!, $role: Role, $provinceId: ID, $enabled: Boolean, $name: String) {
    updateUser(id: $id, role: $role, provinceId: $provinceId, enabled: $enabled, name: $name) {
      id
      username
    }
  }
`);

const ResetPassword = graphql(`
  mutation ResetPassword($id: ID!) {
    resetPassword(id: $id)
  }
`);

type User = ResultOf<typeof UsersQuery>['users'][number];
type RoleValue = VariablesOf<typeof CreateUser>['input']['role'];
const roleValues: RoleValue[] = ['ADMIN', 'MINISTRY', 'PROVINCE', 'VIEWER'];

interface AccountFields {
  username: string;
  name: string;
  role: RoleValue;
  provinceId: string;
  password: string;
}

/** Create (no `user`) or edit an account; errors show beside the field the server names. */
function AccountForm({
  user,
  onDone,
  onCancel,
}: {
  user: User | null;
  onDone(message: string): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [fields, setFields] = useState<AccountFields>({
    username: user?.username ?? '',
    name: user?.name ?? '',
    role: (user?.role as RoleValue) ?? 'PROVINCE',
    provinceId: user?.province?.id ?? '',
    password: '',
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof AccountFields) => (value: string) => setFields({ ...fields, [name]: value });
  const prefix = user ? '' : 'input.';
  const error = (name: string) => errors.get(`${prefix}${name}`) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const provinceId = fields.role === 'PROVINCE' ? fields.provinceId || null : null;
      const result = user
        ? await mutate(UpdateUser, { id: user.id, role: fields.role, provinceId, name: fields.name })
        : await mutate(CreateUser, {
            input: {
              username: fields.username.trim(),
              name: fields.name || null,
              role: fields.role,
              provinceId,
              password: fields.password || null,
            },
          });
      setErrors(errorsByField(result.errors));
      setUnplaced(
        unplacedErrors(result.errors, (field) =>
          ['username', 'name', 'role', 'provinceId', 'password'].some((name) => field === `${prefix}${name}`),
        ),
      );
      if (result.errors.length === 0) onDone(user ? t.userSaved(user.username) : t.userCreated(fields.username.trim()));
    } catch (failure) {
      setUnplaced([(failure as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="panel form-grid">
      <h2 className="form-grid-title">{user ? t.editUser(user.username) : t.newUser}</h2>
      <FormMessage errors={unplaced} />
      {user ? null : (
        <TextField
          label={t.username}
          value={fields.username}
          onValue={set('username')}
          error={error('username')}
          autoCapitalize="none"
          autoComplete="off"
          required
        />
      )}
      <TextField label={t.displayName} value={fields.name} onValue={set('name')} error={error('name')} />
      <SelectField label={t.role} value={fields.role} onValue={set('role')} error={error('role')} required>
        {roleValues.map((role) => (
          <option key={role} value={role}>
            {t.roles[role]}
          </option>
        ))}
      </SelectField>
      {fields.role === 'PROVINCE' ? (
        <SelectField
          label={t.provinceForRole}
          value={fields.provinceId}
          onValue={set('provinceId')}
          error={error('provinceId')}
          required
        >
          <option value="">{t.chooseProvince}</option>
          <ProvinceOptions />
        </SelectField>
      ) : null}
      {user ? null : (
        <TextField
          label={t.passwordOptional}
          type="password"
          autoComplete="new-password"
          value={fields.password}
          onValue={set('password')}
          error={error('password')}
          hint={t.passwordOptionalHint}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : user ? t.save : t.createUser}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The admin's accounts: create, change role and province, disable, give a new password. */
export function UsersPage() {
  const { t, language } = useI18n();
  const state = useQuery(UsersQuery, {});
  const [editing, setEditing] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  const act = async (run: () => Promise<{ errors: { message: string }[] }>, message: string) => {
    setIssued(null);
    const result = await run();
    setErrors(result.errors.map((e) => e.message));
    setDone(result.errors.length === 0 ? message : null);
  };
  const reset = async (user: User) => {
    setDone(null);
    const result = await mutate(ResetPassword, { id: user.id });
    setErrors(result.errors.map((e) => e.message));
    setIssued(result.data ? { username: user.username, password: result.data.resetPassword } : null);
  };

  return (
    <>
      <PageTitle>{t.usersTitle}</PageTitle>
      <Guard allow={isAdmin}>
        {() => (
          <>
            <FormMessage errors={errors} done={done} />
            {issued ? (
              <div className="notice notice-success" role="status">
                <p>{t.newPasswordIs(issued.username)}</p>
                <p>
                  <code className="secret">{issued.password}</code>
                </p>
              </div>
            ) : null}
            <AccountForm
              key={editing?.id ?? 'new'}
              user={editing}
              onDone={(message) => {
                setDone(message);
                setErrors([]);
                setEditing(null);
              }}
              onCancel={editing ? () => setEditing(null) : undefined}
            />
            <QueryView state={state}>
              {(data) => (
                <div className="table-scroll">
                  <table className="data responsive">
                    <caption>{t.usersCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.username}</th>
                        <th scope="col">{t.displayName}</th>
                        <th scope="col">{t.role}</th>
                        <th scope="col">{t.userStatus}</th>
                        <th scope="col">{t.lastSignIn}</th>
                        <th scope="col">
                          <span className="sr-only">{t.edit}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.users.map((user) => (
                        <tr key={user.id}>
                          <th scope="row">{user.username}</th>
                          <td className="wide" data-label={t.displayName}>
                            {user.name ?? t.dash}
                          </td>
                          <td className="wide" data-label={t.role}>
                            {t.roles[user.role] ?? user.role}
                            {user.province ? ` · ${user.province.name}` : ''}
                            {user.singleSignOn ? <div className="hint">{t.singleSignOn}</div> : null}
                          </td>
                          <td data-label={t.userStatus}>{user.enabled ? t.enabled : t.disabled}</td>
                          <td data-label={t.lastSignIn}>
                            {user.lastSignInAt
                              ? new Date(user.lastSignInAt).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB')
                              : t.never}
                          </td>
                          <td className="wide row-actions">
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={`${t.edit}: ${user.username}`}
                              onClick={() => setEditing(user)}
                            >
                              {t.edit}
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={`${t.resetPassword}: ${user.username}`}
                              onClick={() => void reset(user)}
                            >
                              {t.resetPassword}
                            </button>
                            <button
                              type="button"
                              className="button button-small button-quiet"
                              aria-label={`${user.enabled ? t.disableUser : t.enableUser}: ${user.username}`}
                              onClick={() =>
                                void act(
                                  () => mutate(UpdateUser, { id: user.id, enabled: !user.enabled }),
                                  t.userSaved(user.username),
                                )
                              }
                            >
                              {user.enabled ? t.disableUser : t.enableUser}
                            </button>
                          </td>
                        </tr>
                      ))}
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
