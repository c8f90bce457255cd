import { useState } from 'react';
import { useMutation } from '../api/mutate';
import { AdoptionRuleForm, MemberVote } from '../components/review-actions';
import { ActionError, ReadOnlyNote, seasonRights } from '../components/year';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';

const Nominate = graphql(`
  mutation Nominate($clusterId: ID!, $year: Int!, $provinceId: ID!, $form: CommendationForm!) {
    nominate(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form) {
      id
    }
  }
`);
const Consensus = graphql(`
  mutation AdoptByConsensus(
    $clusterId: ID!
    $year: Int!
    $provinceId: ID!
    $form: CommendationForm!
    $minutes: String!
  ) {
    adoptByConsensus(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form, minutes: $minutes) {
      id
    }
  }
`);
const Close = graphql(`
  mutation CloseNomination($nominationId: ID!) {
    closeNomination(nominationId: $nominationId) {
      id
    }
  }
`);
const Withdraw = graphql(`
  mutation WithdrawNomination($nominationId: ID!, $reason: String!) {
    withdrawNomination(nominationId: $nominationId, reason: $reason) {
      id
    }
  }
`);

/** The forms a cluster proposes at its review (Ministry and Government level, to a department). */
const proposedForms = [
  'GOVERNMENT_EMULATION_FLAG',
  'PRIME_MINISTER_CERTIFICATE',
  'MINISTRY_EMULATION_FLAG',
  'MINISTRY_CERTIFICATE',
] as const;

interface Props {
  season: {
    clusterId: string;
    year: number;
    status?: string | null;
    head?: { id: string } | null;
    members: readonly { id: string; name: string }[];
    adoptionThreshold?: { percent: number; inclusive: boolean } | null;
  };
  nominations: readonly {
    id: string;
    status: string;
    form: string;
    province: { name: string };
    votes: readonly { approve: boolean; voter: { id: string } }[];
  }[];
  onDone(): void;
}

/** The head proposes (by vote or consensus), closes and withdraws; members vote with their own sign-in. */
export function ReviewActions({ season, nominations, onDone }: Props) {
  const { t } = useI18n();
  const rights = seasonRights(season);
  const [provinceId, setProvinceId] = useState(season.members[0]?.id ?? '');
  const [form, setForm] = useState<(typeof proposedForms)[number]>('MINISTRY_CERTIFICATE');
  const [minutes, setMinutes] = useState('');
  const [reason, setReason] = useState('');
  const nominate = useMutation(Nominate);
  const consensus = useMutation(Consensus);
  const close = useMutation(Close);
  const withdraw = useMutation(Withdraw);
  const after = (done: unknown) => done && onDone();
  const key = { clusterId: season.clusterId, year: season.year };
  const open = nominations.filter((n) => n.status === 'OPEN');
  const error = nominate.error ?? consensus.error ?? close.error ?? withdraw.error;
  if (!rights.manages && !rights.member) return rights.locked ? null : <ReadOnlyNote />;
  if (!rights.manages && open.length === 0) return null;
  return (
    <section className="panel review-actions" aria-label={t.navReview}>
      {open.length > 0 ? (
        <ul className="plain">
          {open.map((n) => {
            const mine = rights.member === null ? undefined : n.votes.find((v) => v.voter.id === rights.member);
            return (
              <li key={n.id} className="review-row">
                <span>
                  {n.province.name}: {t.forms[n.form] ?? n.form}
                </span>
                {rights.member && !rights.locked ? (
                  // Cast, or change until voting closes.
                  <MemberVote
                    nominationId={n.id}
                    voter={rights.member}
                    current={mine ? mine.approve : null}
                    nomineeName={n.province.name}
                  />
                ) : null}
                {rights.manages ? (
                  <>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void close.run({ nominationId: n.id }).then(after)}
                    >
                      {t.yearPages.closeVote}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={!reason.trim()}
                      onClick={() => void withdraw.run({ nominationId: n.id, reason }).then(after)}
                    >
                      {t.yearPages.withdraw}
                    </button>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {rights.manages ? (
        <AdoptionRuleForm
          clusterId={season.clusterId}
          year={season.year}
          votesCast={nominations.some((n) => n.votes.length > 0)}
          rule={season.adoptionThreshold ?? null}
        />
      ) : null}
      {rights.manages ? (
        <form className="form-grid" onSubmit={(event) => event.preventDefault()}>
          <label className="field">
            {t.province}
            <select value={provinceId} onChange={(e) => setProvinceId(e.target.value)}>
              {season.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t.form}
            <select value={form} onChange={(e) => setForm(e.target.value as (typeof proposedForms)[number])}>
              {proposedForms.map((f) => (
                <option key={f} value={f}>
                  {t.forms[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-wide">
            {t.yearPages.minutes}
            <textarea rows={2} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </label>
          <label className="field field-wide">
            {t.yearPages.withdrawReason}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => void nominate.run({ ...key, provinceId, form }).then(after)}
            >
              {t.yearPages.nominate}
            </button>
            <button
              type="button"
              className="button"
              disabled={!minutes.trim()}
              onClick={() => void consensus.run({ ...key, provinceId, form, minutes }).then(after)}
            >
              {t.yearPages.consensus}
            </button>
          </div>
        </form>
      ) : null}
      <ActionError error={error} />
    </section>
  );
}
