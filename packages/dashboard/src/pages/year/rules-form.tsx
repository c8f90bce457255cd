import { useState } from 'react';
import { useMutation } from '../../api/mutate';
import { ActionError, useDateTime, type SeasonRights } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { YearSeason } from './year-page';

const SetRules = graphql(`
  mutation SetRules($clusterId: ID!, $year: Int!, $rules: SeasonRulesInput!) {
    setSeasonRules(clusterId: $clusterId, year: $year, rules: $rules) {
      clusterId
    }
  }
`);

/** The season's minimum coverage, quorum and caps; the head or the Ministry changes them. */
export function RulesPanel({ season, rights, onDone }: { season: YearSeason; rights: SeasonRights; onDone(): void }) {
  const { t, format } = useI18n();
  const when = useDateTime();
  const rules = season.rules;
  const [minCoverage, setMinCoverage] = useState(String(rules?.minCoverage ?? 0.6));
  const [quorum, setQuorum] = useState(String(rules?.quorum ?? 0.5));
  const set = useMutation(SetRules);
  if (!rules) return null;
  const fixed = rules.fixedSince !== null && rules.fixedSince !== undefined;
  const save = async () => {
    const done = await set.run({
      clusterId: season.clusterId,
      year: season.year,
      rules: { minCoverage: Number(minCoverage), ...(fixed ? {} : { quorum: Number(quorum) }) },
    });
    if (done) onDone();
  };
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t.yearPages.rules}</h2>
      <dl className="facts">
        <div>
          <dt>{t.yearPages.minCoverage}</dt>
          <dd>{format.share(rules.minCoverage)}</dd>
        </div>
        <div>
          <dt>{t.yearPages.quorum}</dt>
          <dd>{format.share(rules.quorum)}</dd>
        </div>
        <div>
          <dt>{t.yearPages.caps}</dt>
          <dd>
            {rules.caps.length === 0
              ? t.yearPages.noCaps
              : rules.caps.map((cap) => `${t.forms[cap.form] ?? cap.form}: ${cap.max}`).join('; ')}
          </dd>
        </div>
      </dl>
      <p className="hint">{t.yearPages.minCoverageHint}</p>
      {fixed ? <p className="hint">{t.yearPages.fixedSince(when(rules.fixedSince))}</p> : null}
      {rights.manages ? (
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="field">
            {t.yearPages.minCoverage}
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={minCoverage}
              onChange={(e) => setMinCoverage(e.target.value)}
            />
          </label>
          <label className="field">
            {t.yearPages.quorum}
            <input
              type="number"
              min={0.05}
              max={1}
              step={0.05}
              value={quorum}
              disabled={fixed}
              onChange={(e) => setQuorum(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="button" disabled={set.busy}>
              {t.yearPages.save}
            </button>
          </div>
          <ActionError error={set.error} />
        </form>
      ) : null}
    </section>
  );
}
