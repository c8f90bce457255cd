import { useState } from 'react';
import { isNational } from '../../api/auth';
import { useMutation } from '../../api/mutate';
import { ActionError, ReadOnlyNote, type SeasonRights } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { ElectionData } from './election-page';

const Open = graphql(`
  mutation OpenHeadElection($clusterId: ID!, $year: Int!, $candidateIds: [ID!]!) {
    openHeadElection(clusterId: $clusterId, year: $year, candidateIds: $candidateIds) {
      round
    }
  }
`);
const Vote = graphql(`
  mutation VoteHead($clusterId: ID!, $year: Int!, $candidateId: ID!) {
    voteHead(clusterId: $clusterId, year: $year, candidateId: $candidateId) {
      round
    }
  }
`);
const Close = graphql(`
  mutation CloseHeadElection($clusterId: ID!, $year: Int!, $deputyHeadId: ID) {
    closeHeadElection(clusterId: $clusterId, year: $year, deputyHeadId: $deputyHeadId) {
      outcome
    }
  }
`);
const Confirm = graphql(`
  mutation ConfirmNextHead($clusterId: ID!, $year: Int!) {
    confirmNextHead(clusterId: $clusterId, year: $year) {
      year
    }
  }
`);

/** The controls of the election for who may use them: the head opens and closes, members vote. */
export function ElectionActions({
  cluster,
  rights,
  onDone,
}: {
  cluster: ElectionData;
  rights: SeasonRights;
  onDone(): void;
}) {
  const { t } = useI18n();
  const season = cluster.season!;
  const rounds = season.headElectionRounds ?? [];
  const latest = rounds.at(-1);
  const nextMembers = cluster.next?.members ?? [];
  const eligible = nextMembers.length > 0 ? nextMembers : season.members;
  const runoff = latest && latest.status === 'CLOSED' && latest.outcome !== 'ELECTED' ? latest.runoff : null;
  const [candidates, setCandidates] = useState<Set<string>>(() => new Set(runoff?.map((p) => p.id) ?? []));
  const [deputy, setDeputy] = useState('');
  const [choice, setChoice] = useState(latest?.myVote?.id ?? '');
  const open = useMutation(Open);
  const vote = useMutation(Vote);
  const close = useMutation(Close);
  const confirm = useMutation(Confirm);
  const key = { clusterId: season.clusterId, year: season.year };
  const after = (done: unknown) => done && onDone();
  const isOpen = latest?.status === 'OPEN';
  const elected = latest?.outcome === 'ELECTED' ? latest.elected : null;
  const recorded = elected && cluster.next?.head?.id === elected.id;
  // Recording next year's head is on the provinces side: the lock of this year does not stop it.
  const mayConfirm = isNational(rights.viewer) || (rights.viewer?.province ?? null) === season.head?.id;
  return (
    <section className="panel" aria-label={t.navElection}>
      {isOpen && rights.member ? (
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void vote.run({ ...key, candidateId: choice }).then(after);
          }}
        >
          <fieldset>
            <legend>{latest?.myVote ? t.yearPages.changeVote : t.yearPages.vote}</legend>
            {latest.candidates.map((candidate) => (
              <label key={candidate.id} className="toggle">
                <input
                  type="radio"
                  name="candidate"
                  value={candidate.id}
                  checked={choice === candidate.id}
                  onChange={() => setChoice(candidate.id)}
                />
                {candidate.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={!choice || vote.busy}>
            {t.yearPages.vote}
          </button>
        </form>
      ) : null}
      {rights.manages && !isOpen && !elected ? (
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void open.run({ ...key, candidateIds: [...candidates] }).then(after);
          }}
        >
          <fieldset>
            <legend>{t.yearPages.candidates}</legend>
            <p className="hint">{t.yearPages.eligible(season.year + 1, nextMembers.length > 0)}</p>
            {(runoff ?? eligible).map((member) => (
              <label key={member.id} className="toggle">
                <input
                  type="checkbox"
                  checked={candidates.has(member.id)}
                  onChange={(e) =>
                    setCandidates((current) => {
                      const next = new Set(current);
                      if (e.target.checked) next.add(member.id);
                      else next.delete(member.id);
                      return next;
                    })
                  }
                />
                {member.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={candidates.size === 0 || open.busy}>
            {runoff ? t.yearPages.openRunoff : t.yearPages.openElection}
          </button>
        </form>
      ) : null}
      {rights.manages && isOpen ? (
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void close.run({ ...key, deputyHeadId: deputy || null }).then(after);
          }}
        >
          <label className="field">
            {t.yearPages.deputy}
            <select value={deputy} onChange={(e) => setDeputy(e.target.value)}>
              <option value="">{t.dash}</option>
              {eligible.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={close.busy}>
            {t.yearPages.closeElection}
          </button>
        </form>
      ) : null}
      {elected && !recorded && mayConfirm ? (
        <button
          type="button"
          className="button"
          disabled={confirm.busy}
          onClick={() => void confirm.run(key).then(after)}
        >
          {t.yearPages.confirmNextHead(season.year + 1)}
        </button>
      ) : null}
      {elected && recorded ? (
        <p className="hint">{t.yearPages.nextHeadRecorded(elected.name, season.year + 1)}</p>
      ) : null}
      {!rights.manages && !rights.member && !rights.locked ? <ReadOnlyNote /> : null}
      <ActionError error={open.error ?? vote.error ?? close.error ?? confirm.error} />
    </section>
  );
}
