import { useState, type FormEvent } from 'react';
import { mutate } from '../api/client';
import { errorsByField, unplacedErrors } from '../api/errors';
import { useSession } from '../auth/session';
import { FormMessage, TextField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';

const ChangePassword = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(current: $current, next: $next)
  }
`);

function PasswordForm() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setErrors([]);
    if (next !== repeat) {
      setFieldErrors(new Map([['repeat', t.passwordsDiffer]]));
      return;
    }
    setBusy(true);
    try {
      const result = await mutate(ChangePassword, { current, next });
      const byField = errorsByField(result.errors);
      setFieldErrors(byField);
      setErrors(unplacedErrors(result.errors, (field) => field === 'current' || field === 'next'));
      if (result.errors.length === 0) {
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone(true);
      }
    } catch (error) {
      setErrors([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="panel form-narrow">
      <h2>{t.changePassword}</h2>
      <FormMessage errors={errors} done={done ? t.passwordChanged : null} />
      <TextField
        label={t.currentPassword}
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
        error={fieldErrors.get('current')}
        required
      />
      <TextField
        label={t.newPassword}
        type="password"
        autoComplete="new-password"
        value={next}
        onValue={setNext}
        error={fieldErrors.get('next')}
        hint={t.passwordRule}
        required
      />
      <TextField
        label={t.repeatPassword}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onValue={setRepeat}
        error={fieldErrors.get('repeat')}
        required
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t.saving : t.changePassword}
      </button>
    </form>
  );
}

/** The signed-in account: who it is, and changing its password. */
export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <PageTitle>{t.accountTitle}</PageTitle>
      <Guard allow={() => true}>
        {(user) => (
          <>
            <dl className="facts" aria-label={t.accountFacts}>
              <div>
                <dt>{t.username}</dt>
                <dd>{user.username}</dd>
              </div>
              <div>
                <dt>{t.displayName}</dt>
                <dd>{user.name ?? t.dash}</dd>
              </div>
              <div>
                <dt>{t.role}</dt>
                <dd>{t.roles[user.role] ?? user.role}</dd>
              </div>
              {user.provinceId ? (
                <div>
                  <dt>{t.province}</dt>
                  <dd>{user.provinceId}</dd>
                </div>
              ) : null}
            </dl>
            {user.role === 'VIEWER' && session.options.oidc ? <p className="hint">{t.noRole}</p> : null}
            <PasswordForm />
          </>
        )}
      </Guard>
    </>
  );
}
