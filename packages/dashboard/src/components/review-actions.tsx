import { useState, type FormEvent } from 'react';
import { mutate, type ApiError } from '../api/client';
import { errorsByField, parseNumber, unplacedErrors } from '../api/errors';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { FormMessage, TextField } from './form';

const SetRule = graphql(`
  mutation SetAdoptionRule($clusterId: ID!, $year: Int!, $percent: Float!, $inclusive: Boolean!) {
    setAdoptionThreshold(clusterId: $clusterId, year: $year, percent: $percent, inclusive: $inclusive) {
      clusterId
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

/** The season's adoption rule, which the head sets until the first vote is cast (then it is fixed). */
export function AdoptionRuleForm({
  clusterId,
  year,
  votesCast,
  rule,
}: {
  clusterId: string;
  year: number;
  votesCast: boolean;
  rule: { percent: number; inclusive: boolean } | null;
}) {
  const { t, language } = useI18n();
  const [percent, setPercent] = useState(
    rule ? String(rule.percent).replace('.', language === 'vi' ? ',' : '.') : '50',
  );
  const [inclusive, setInclusive] = useState(rule?.inclusive ?? false);
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const setRule = useAction();

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

  if (votesCast) return <p className="hint">{t.ruleFixed}</p>;
  return (
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
