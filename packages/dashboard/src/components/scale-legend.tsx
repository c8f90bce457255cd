import { useI18n } from '../i18n/i18n';
import { scaleSteps } from './scale';

/** The matrix's colour key: by rank among the peers, last to first, and the pattern of a missing value. */
export function ScaleLegend() {
  const { t } = useI18n();
  return (
    <div className="legend" aria-hidden="true">
      <span>{t.scaleLegend}</span>
      <span className="legend-end">{t.scaleLow}</span>
      {scaleSteps.map((step) => (
        <span key={step.from} className="legend-swatch" style={{ background: step.background }} />
      ))}
      <span className="legend-end">{t.scaleHigh}</span>
      <span className="legend-swatch legend-missing" />
      <span>{t.noData}</span>
    </div>
  );
}
