import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { TextField } from './form';
import { formatValue } from './scale';

export interface FigureIndicator {
  code: string;
  name: string;
  unit: string;
  scaleMax: number | null;
}

export interface StoredFigure {
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  revision: number;
  history: readonly {
    revision: number;
    value: number;
    numerator: number | null;
    denominator: number | null;
    source: string | null;
    reason: string | null;
    recordedBy: string;
    recordedAt: string;
  }[];
}

/** What a person typed for one indicator; a field left untouched is undefined (the stored value shows). */
export interface FigureDraft {
  value?: string;
  numerator?: string;
  denominator?: string;
  source?: string;
  reason?: string;
}

export type DraftField = keyof FigureDraft;

/** Ratios (percentages) may be entered as numerator and denominator. */
export const hasRatio = (indicator: FigureIndicator) => indicator.unit === 'PERCENT';

/** A stored number as it is typed in the interface language ("78,5" in Vietnamese). */
export function typed(value: number | null | undefined, language: string): string {
  if (value == null) return '';
  const text = String(value);
  return language === 'vi' ? text.replace('.', ',') : text;
}

interface FigureRowProps {
  indicator: FigureIndicator;
  stored: StoredFigure | undefined;
  draft: FigureDraft;
  errors: ReadonlyMap<string, string>;
  /** The draft changes a stored figure: a reason is asked for. */
  correcting: boolean;
  onChange(field: DraftField, value: string): void;
}

/** One indicator of the year: value (and numerator/denominator for a ratio), source, a reason when correcting, its history. */
export function FigureRow({ indicator, stored, draft, errors, correcting, onChange }: FigureRowProps) {
  const { t, language, format } = useI18n();
  const [showHistory, setShowHistory] = useState(false);
  const historyId = useId();
  const unit = t.units[indicator.unit] ?? indicator.unit;
  const shown = (field: 'value' | 'numerator' | 'denominator') => draft[field] ?? typed(stored?.[field], language);
  const error = (field: string) => errors.get(`${indicator.code}.${field}`) ?? null;
  return (
    <fieldset className={`figure-row${correcting ? ' is-correcting' : ''}`}>
      <legend>
        {indicator.name} <span className="unit">({unit})</span>
      </legend>
      <p className="hint">
        {stored ? t.storedValue(formatValue(indicator, stored.value, format), stored.revision) : t.notReported}
      </p>
      {error('row') ? <p className="field-error">{error('row')}</p> : null}
      <div className="figure-fields">
        <TextField
          label={`${t.value} (${unit})`}
          inputMode="decimal"
          autoComplete="off"
          value={shown('value')}
          onValue={(value) => onChange('value', value)}
          error={error('value')}
        />
        {hasRatio(indicator) ? (
          <>
            <TextField
              label={t.numerator}
              inputMode="decimal"
              autoComplete="off"
              value={shown('numerator')}
              onValue={(value) => onChange('numerator', value)}
              error={error('numerator')}
            />
            <TextField
              label={t.denominator}
              inputMode="decimal"
              autoComplete="off"
              value={shown('denominator')}
              onValue={(value) => onChange('denominator', value)}
              error={error('denominator')}
            />
          </>
        ) : null}
        <TextField
          label={t.figureSource}
          className="wide-input"
          value={draft.source ?? stored?.source ?? ''}
          onValue={(value) => onChange('source', value)}
          error={error('source')}
        />
        {correcting ? (
          <TextField
            label={t.reason}
            className="wide-input"
            value={draft.reason ?? ''}
            onValue={(value) => onChange('reason', value)}
            error={error('reason')}
            required
          />
        ) : null}
      </div>
      {stored ? (
        <>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-expanded={showHistory}
            aria-controls={historyId}
            onClick={() => setShowHistory(!showHistory)}
          >
            {showHistory ? t.hideHistory : t.history}
          </button>
          <div id={historyId} hidden={!showHistory}>
            {showHistory ? (
              <table className="data compact history">
                <caption className="sr-only">{t.historyOf(indicator.name)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.revision}</th>
                    <th scope="col" className="num">
                      {t.value}
                    </th>
                    <th scope="col">{t.note}</th>
                    <th scope="col">{t.recordedBy}</th>
                    <th scope="col">{t.recordedAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...stored.history].reverse().map((entry) => (
                    <tr key={entry.revision}>
                      <td>{entry.revision}</td>
                      <td className="num">{formatValue(indicator, entry.value, format)}</td>
                      <td>{entry.reason ?? t.dash}</td>
                      <td>{entry.recordedBy}</td>
                      <td>{new Date(entry.recordedAt).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
