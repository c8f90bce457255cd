import { useState, type FormEvent } from 'react';
import { mutate, useQuery } from '../api/client';
import { parseNumber, unplacedErrors } from '../api/errors';
import { canWriteProvince, existedIn } from '../auth/permissions';
import {
  FigureRow,
  hasRatio,
  type DraftField,
  type FigureDraft,
  type FigureIndicator,
  type StoredFigure,
} from '../components/figure-row';
import { FormMessage, SelectField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, hrefOf, seasonRoute, type Route } from '../router';

const FiguresQuery = graphql(`
  query Figures($provinceId: ID!, $year: Int!) {
    province(id: $provinceId) {
      id
      name
      validFrom
      validUntil
      cluster(year: $year) {
        id
        name
      }
    }
    index(id: "ict") {
      components {
        weight
        indicator {
          code
          name
          unit
          scaleMax
          pillar
        }
      }
    }
    observations(provinceId: $provinceId, year: $year) {
      value
      numerator
      denominator
      source
      revision
      derived
      indicator {
        code
        name
        unit
        scaleMax
        pillar
      }
      history {
        revision
        value
        numerator
        denominator
        source
        reason
        recordedBy
        recordedAt
      }
    }
  }
`);

const RecordFigures = graphql(`
  mutation RecordFigures($input: [ObservationInput!]!) {
    recordObservations(input: $input) {
      revision
    }
  }
`);

type Data = ResultOf<typeof FiguresQuery>;

const FIRST_YEAR = 2010;

/** The years a unit can have figures, newest first, up to this year. */
function yearsFor(province: { validFrom: string | null; validUntil: string | null }): number[] {
  const years: number[] = [];
  for (let year = new Date().getFullYear(); year >= FIRST_YEAR; year--) {
    if (existedIn(province, year)) years.push(year);
  }
  return years;
}

/** The cluster's ICT indicators first (heaviest first), then anything else the province reported that year. */
function indicatorsOf(data: Data): FigureIndicator[] {
  const list: FigureIndicator[] = [...(data.index?.components ?? [])]
    .sort((a, b) => b.weight - a.weight)
    .map((c) => c.indicator);
  for (const observation of data.observations) {
    if (!observation.derived && !list.some((i) => i.code === observation.indicator.code)) {
      list.push(observation.indicator);
    }
  }
  return list;
}

interface Row {
  indicator: FigureIndicator;
  stored: StoredFigure | undefined;
  draft: FigureDraft;
}

type ParsedRow = {
  indicator: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  reason: string | null;
};

/**
 * Reads one row: null when there is nothing to send, else the observation;
 * problems go into `errors` under "code.field".
 */
function parseRow(row: Row, errors: Map<string, string>, t: { notANumber: string; reasonNeeded: string }) {
  const { indicator, stored, draft } = row;
  const read = (field: 'value' | 'numerator' | 'denominator') => {
    const text = draft[field];
    if (text === undefined) return stored ? stored[field] : null;
    const number = parseNumber(text);
    if (Number.isNaN(number)) errors.set(`${indicator.code}.${field}`, t.notANumber);
    return number;
  };
  let value = read('value');
  const numerator = hasRatio(indicator) ? read('numerator') : null;
  const denominator = hasRatio(indicator) ? read('denominator') : null;
  const source = (draft.source ?? stored?.source ?? '').trim() || null;
  if (value === null && numerator != null && denominator != null && denominator > 0) {
    value = Math.round(((indicator.unit === 'PERCENT' ? 100 : 1) * numerator * 100) / denominator) / 100;
  }
  if (value === null || Number.isNaN(value)) return null;
  const same =
    stored !== undefined &&
    stored.value === value &&
    stored.numerator === numerator &&
    stored.denominator === denominator &&
    stored.source === source;
  if (same) return null;
  const reason = draft.reason?.trim() || null;
  if (stored && !reason) errors.set(`${indicator.code}.reason`, t.reasonNeeded);
  return { indicator: indicator.code, value, numerator, denominator, source, reason } satisfies ParsedRow;
}

function FiguresForm({ data, provinceId, year }: { data: Data; provinceId: string; year: number }) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Record<string, FigureDraft>>({});
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const stored = new Map(
    data.observations.filter((o) => !o.derived).map((o) => [o.indicator.code, o as StoredFigure] as const),
  );
  const rows: Row[] = indicatorsOf(data).map((indicator) => ({
    indicator,
    stored: stored.get(indicator.code),
    draft: drafts[indicator.code] ?? {},
  }));
  const change = (code: string, field: DraftField, value: string) => {
    setDrafts((previous) => ({ ...previous, [code]: { ...previous[code], [field]: value } }));
    setSaved(null);
  };
  const correcting = (row: Row) => row.stored !== undefined && parseRow(row, new Map(), t) !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const found = new Map<string, string>();
    const parsed = rows.map((row) => parseRow(row, found, t)).filter((row): row is ParsedRow => row !== null);
    if (found.size > 0) {
      setErrors(found);
      setUnplaced([t.fixErrors]);
      return;
    }
    if (parsed.length === 0) {
      setErrors(new Map());
      setUnplaced([t.nothingToSave]);
      return;
    }
    setBusy(true);
    try {
      const result = await mutate(RecordFigures, {
        input: parsed.map((row) => ({ provinceId, year, ...row })),
      });
      // The server names the row as input[i]: turn it back into the indicator the person sees.
      const byRow = new Map<string, string>();
      for (const error of result.errors) {
        const match = /^input\[(\d+)\](?:\.(\w+))?$/.exec(String(error.extensions?.field ?? ''));
        if (error.extensions?.code === 'BAD_USER_INPUT' && match && parsed[Number(match[1])]) {
          const field = match[2] && match[2] !== 'provinceId' && match[2] !== 'year' ? match[2] : 'row';
          byRow.set(`${parsed[Number(match[1])].indicator}.${field}`, error.message);
        }
      }
      setErrors(byRow);
      const rest = unplacedErrors(result.errors, (field) => /^input\[\d+\]/.test(field));
      setUnplaced(byRow.size > 0 ? [t.fixErrors, ...rest] : rest);
      if (result.errors.length === 0) {
        setDrafts({});
        setSaved(parsed.length);
      }
    } catch (error) {
      setUnplaced([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t.figuresCaption(year)}>
      <FormMessage errors={unplaced} done={saved !== null ? t.figuresSaved(saved) : null} />
      {rows.map((row) => (
        <FigureRow
          key={row.indicator.code}
          indicator={row.indicator}
          stored={row.stored}
          draft={row.draft}
          errors={errors}
          correcting={correcting(row)}
          onChange={(field, value) => change(row.indicator.code, field, value)}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : t.saveFigures}
        </button>
      </div>
    </form>
  );
}

/** A province's figures for one year, for its officer (or the Ministry): enter, correct with a reason, see history. */
export function FiguresPage({ route }: { route: Extract<Route, { page: 'figures' }> }) {
  const { t } = useI18n();
  const year = route.year ?? new Date().getFullYear() - 1;
  // No keepDataWhile: another year's figures must never stand under this year's heading.
  const state = useQuery(FiguresQuery, { provinceId: route.provinceId, year });
  const province = state.data?.province;
  const name = province?.name ?? route.provinceId;
  return (
    <>
      <PageTitle>{t.figuresTitle(name, year)}</PageTitle>
      <Guard allow={(user) => canWriteProvince(user, route.provinceId)}>
        {() => (
          <QueryView state={state}>
            {(data) => {
              if (!data.province) return <p className="notice notice-info">{t.unknownProvince(route.provinceId)}</p>;
              const years = yearsFor(data.province);
              const cluster = data.province.cluster;
              return (
                <>
                  <p>{t.figuresIntro}</p>
                  <div className="form-inline">
                    <SelectField
                      label={t.figuresYear}
                      value={String(year)}
                      onValue={(value) =>
                        navigate(hrefOf({ ...route, year: Number(value) }), { replace: true, keepFocus: true })
                      }
                    >
                      {(years.includes(year) ? years : [year, ...years]).map((y) => (
                        <option key={y} value={y}>
                          {y}
                        </option>
                      ))}
                    </SelectField>
                    {cluster ? (
                      <Link to={seasonRoute('standings', cluster.id, year)}>
                        {t.standingsTitle(cluster.name, year)}
                      </Link>
                    ) : null}
                  </div>
                  {existedIn(data.province, year) ? (
                    <FiguresForm
                      key={`${route.provinceId}:${year}`}
                      data={data}
                      provinceId={route.provinceId}
                      year={year}
                    />
                  ) : (
                    <p className="notice notice-info">{t.provinceDidNotExist(data.province.name, year)}</p>
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
