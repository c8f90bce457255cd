import { useState, type FormEvent } from 'react';
import { mutate, type ApiError } from '../api/client';
import { errorsByField, parseNumber, unplacedErrors } from '../api/errors';
import { graphql, type VariablesOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { FormMessage, SelectField, TextField } from './form';

const Nominate = graphql(`
  mutation Nominate($clusterId: ID!, $year: Int!, $provinceId: ID!, $form: CommendationForm!) {
    nominate(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form) {
      id
    }
  }
`);

const SetRule = graphql(`
  mutation SetAdoptionRule($clusterId: ID!, $year: Int!, $percent: Float!, $inclusive: Boolean!) {
    setAdoptionThreshold(clusterId: $clusterId, year: $year, percent: $percent, inclusive: $inclusive) {
      clusterId
    }
  }
`);

const CloseVoting = graphql(`
  mutation CloseVoting($id: ID!) {
    closeNomination(nominationId: $id) {
      id
      status
    }
  }
`);

const CastVote = graphql(`
  mutation CastVote($id: ID!, $voter: ID!, $approve: Boolean!) {
    castVote(nominationId: $id, voterProvinceId: $voter, approve: $approve) {
      id
    }
  }
`);

const ChangeVote = graphql(`
  mutation ChangeVote($id: ID!, $voter: ID!, $approve: Boolean!) {
    changeVote(nominationId: $id, voterProvinceId: $voter, approve: $approve) {
      id
    }
  }
`);

interface Named {
  id: string;
  name: string;
}

/** Runs a mutation for a button; says what failed, or what was done. */
function useAction() {
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** `placed`: the fields a form shows errors beside (those are not repeated above it). */
  const run = async (
    action: () => Promise<{ errors: ApiError[] }>,
    success: string,
    placed: (field: string) => boolean = () => false,
  ) => {
    setBusy(true);
    setDone(null);
    try {
      const result = await action();
      setErrors(unplacedErrors(result.errors, placed));
      if (result.errors.length === 0) setDone(success);
    } catch (error) {
      setErrors([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  return { errors, done, busy, run };
}

/** The head's forms: nominate a member (which opens voting on it) and, until someone votes, the adoption rule. */
export function HeadTools({
  clusterId,
  year,
  members,
  forms,
  votesCast,
  rule,
}: {
  clusterId: string;
  year: number;
  members: readonly Named[];
  forms: readonly string[];
  votesCast: boolean;
  rule: { percent: number; inclusive: boolean } | null;
}) {
  const { t, language } = useI18n();
  const [provinceId, setProvinceId] = useState(members[0]?.id ?? '');
  const [form, setForm] = useState(forms[0] ?? '');
  const [percent, setPercent] = useState(
    rule ? String(rule.percent).replace('.', language === 'vi' ? ',' : '.') : '50',
  );
  const [inclusive, setInclusive] = useState(rule?.inclusive ?? false);
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const nominate = useAction();
  const setRule = useAction();

  const submitNomination = (event: FormEvent) => {
    event.preventDefault();
    void nominate.run(
      () => mutate(Nominate, { clusterId, year, provinceId, form: form as VariablesOf<typeof Nominate>['form'] }),
      t.nominated,
    );
  };
  const submitRule = async (event: FormEvent) => {
    event.preventDefault();
    const value = parseNumber(percent);
    if (value === null || Number.isNaN(value)) {
      setFieldErrors(new Map([['percent', t.notANumber]]));
      return;
    }
    await setRule.run(
      async () => {
        const result = await mutate(SetRule, { clusterId, year, percent: value, inclusive });
        setFieldErrors(errorsByField(result.errors));
        return result;
      },
      t.ruleSet,
      (field) => field === 'percent',
    );
  };

  return (
    <section className="panel review-tools" aria-labelledby="review-tools-title">
      <h2 id="review-tools-title">{t.reviewActions}</h2>
      <form onSubmit={submitNomination} className="form-grid" aria-label={t.nominate}>
        <h3 className="form-grid-title">{t.nominate}</h3>
        <FormMessage errors={nominate.errors} done={nominate.done} />
        <SelectField label={t.nominee} value={provinceId} onValue={setProvinceId} required>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.form} value={form} onValue={setForm} required>
          {forms.map((f) => (
            <option key={f} value={f}>
              {t.forms[f] ?? f}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={nominate.busy}>
            {nominate.busy ? t.working : t.nominateSubmit}
          </button>
        </div>
      </form>
      {votesCast ? (
        <p className="hint">{t.ruleFixed}</p>
      ) : (
        <form onSubmit={submitRule} className="form-grid" aria-label={t.adoptionRule} noValidate>
          <h3 className="form-grid-title">{t.adoptionRule}</h3>
          <FormMessage errors={setRule.errors} done={setRule.done} />
          <TextField
            label={t.rulePercent}
            inputMode="decimal"
            value={percent}
            onValue={setPercent}
            error={fieldErrors.get('percent')}
            required
          />
          <div className="form-field checkbox-field">
            <label>
              <input type="checkbox" checked={inclusive} onChange={(event) => setInclusive(event.target.checked)} />{' '}
              {t.ruleInclusive}
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={setRule.busy}>
              {setRule.busy ? t.working : t.setRule}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Closes voting on one nomination (the head). */
export function CloseVotingButton({ nominationId, label }: { nominationId: string; label: string }) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <div className="inline-action">
      <button
        type="button"
        className="button button-small"
        aria-label={label}
        disabled={action.busy}
        onClick={() => void action.run(() => mutate(CloseVoting, { id: nominationId }), t.votingClosed)}
      >
        {t.closeVoting}
      </button>
      <FormMessage errors={action.errors} />
    </div>
  );
}

/** A member's vote on an open nomination: cast it, or change it until voting closes. */
export function MemberVote({
  nominationId,
  voter,
  current,
  nomineeName,
}: {
  nominationId: string;
  voter: string;
  current: boolean | null;
  nomineeName: string;
}) {
  const { t } = useI18n();
  const action = useAction();
  const vote = (approve: boolean) =>
    action.run(
      () =>
        current === null
          ? mutate(CastVote, { id: nominationId, voter, approve })
          : mutate(ChangeVote, { id: nominationId, voter, approve }),
      t.voteSaved,
    );
  return (
    <div className="member-vote" role="group" aria-label={`${t.yourVote}: ${nomineeName}`}>
      <span className="member-vote-label">
        {t.yourVote}
        {current === null ? null : `: ${current ? t.votedFor : t.votedAgainst}`}
      </span>
      <button
        type="button"
        className="button button-small"
        aria-pressed={current === true}
        disabled={action.busy || current === true}
        onClick={() => void vote(true)}
      >
        {t.voteFor}
      </button>
      <button
        type="button"
        className="button button-small"
        aria-pressed={current === false}
        disabled={action.busy || current === false}
        onClick={() => void vote(false)}
      >
        {t.voteAgainst}
      </button>
      {current !== null ? <span className="hint">{t.changeVoteHint}</span> : null}
      <FormMessage errors={action.errors} done={action.done} />
    </div>
  );
}

/** Who of the members has voted, and how; those who have not yet. */
export function WhoVoted({
  members,
  votes,
}: {
  members: readonly Named[];
  votes: readonly { voter: { id: string }; approve: boolean }[];
}) {
  const { t } = useI18n();
  const byVoter = new Map(votes.map((v) => [v.voter.id, v.approve]));
  return (
    <details className="who-voted">
      <summary>
        {t.whoVoted} ({votes.length}/{members.length})
      </summary>
      <ul>
        {members.map((m) => {
          const approve = byVoter.get(m.id);
          return (
            <li key={m.id}>
              {m.name}: {approve === undefined ? t.notYetVoted : approve ? t.voteFor : t.voteAgainst}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
