import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { TextField } from '../components/form';
import { PageTitle } from '../components/page-title';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, type Route } from '../router';

/** Username and password (and single sign-on when configured); back to where the reader came from. */
export function SignInPage({ route }: { route: Extract<Route, { page: 'signIn' }> }) {
  const { t } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Single sign-on comes back here with ?error= when it did not sign the person in.
  const [error, setError] = useState<string | null>(
    route.error === 'pending' ? t.noRole : route.error === 'oidc' ? t.singleSignOnFailed : null,
  );
  const [busy, setBusy] = useState(false);
  const next = route.next ?? '/';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t.signInMissing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await session.signIn(username.trim(), password);
      if (result.ok) {
        navigate(next, { replace: true });
        return;
      }
      // A failed sign-in keeps the username and clears the password, as people expect.
      setPassword('');
      setError(
        result.status === 401
          ? t.signInFailed
          : result.status === 429
            ? t.signInThrottled(result.retryAfter ?? 60)
            : t.signInUnavailable,
      );
    } catch {
      setError(t.signInUnavailable);
    } finally {
      setBusy(false);
    }
  };

  if (session.user) {
    return (
      <>
        <PageTitle>{t.signInTitle}</PageTitle>
        <p>{t.alreadySignedIn(session.user.name ?? session.user.username)}</p>
        <p>
          <a
            className="button"
            href={next}
            onClick={(event) => {
              event.preventDefault();
              navigate(next);
            }}
          >
            {t.continueTo}
          </a>
        </p>
      </>
    );
  }

  const oidc = session.options.oidc;
  return (
    <>
      <PageTitle>{t.signInTitle}</PageTitle>
      <div className="panel sign-in">
        <form onSubmit={submit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
          {error ? (
            <div id="sign-in-error" className="notice notice-error" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <TextField
            label={t.username}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onValue={setUsername}
            required
            autoFocus
          />
          <TextField
            label={t.password}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            required
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.signingIn : t.signInSubmit}
          </button>
        </form>
        {oidc ? (
          <>
            <p className="divider">{t.or}</p>
            <a className="button" href={`${oidc.startPath}?next=${encodeURIComponent(next)}`}>
              {t.signInWith(oidc.label)}
            </a>
          </>
        ) : null}
        <p className="hint">{t.signInHint}</p>
      </div>
      <p>
        <Link to={{ page: 'home' }}>{t.backHome}</Link>
      </p>
    </>
  );
}
