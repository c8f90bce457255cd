import {
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
  type ScriptableContext,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { useI18n } from '../i18n/i18n';
import { fontStack } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);
Chart.defaults.font.family = fontStack;
Chart.defaults.color = '#333d4d';

/** One point of a series; `derived` points (computed from predecessors) are drawn hollow and dashed. */
export interface ChartPoint {
  year: number;
  value: number;
  derived?: boolean;
}

const lineColour = '#1c4f8f';

/**
 * The series on a year axis: one slot per calendar year from the first to the
 * last, a year without a value left empty, so years sit at their true distance
 * and a missing year (2025) shows as a gap in the line.
 */
export function yearSlots(points: readonly ChartPoint[]): { x: number; y: number | null; derived: boolean }[] {
  if (points.length === 0) return [];
  const byYear = new Map(points.map((p) => [p.year, p]));
  const years = points.map((p) => p.year);
  const slots = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year += 1) {
    const point = byYear.get(year);
    slots.push({ x: year, y: point ? point.value : null, derived: point?.derived === true });
  }
  return slots;
}

/**
 * A small line chart of one indicator over the years. The canvas carries a
 * text alternative with every figure; the figures are also in a table beside it.
 */
export function LineChart({
  label,
  points,
  formatValue,
  formatTick,
  suggestedMax,
  derivedLabel,
}: {
  label: string;
  points: readonly ChartPoint[];
  formatValue(value: number): string;
  /** Axis labels: as few decimals as the value needs. */
  formatTick(value: number): string;
  suggestedMax?: number;
  derivedLabel: string;
}) {
  const { language, t } = useI18n();
  const slots = yearSlots(points);
  const derivedAt = (index: number) => slots[index]?.derived === true;
  const description = `${label}: ${slots
    .map((slot) => `${slot.x} ${slot.y === null ? t.noData : formatValue(slot.y)}`)
    .join('; ')}`;
  const options: ChartOptions<'line'> = {
    animation: false,
    maintainAspectRatio: false,
    locale: language === 'vi' ? 'vi-VN' : 'en-GB',
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => `${formatValue(item.parsed.y ?? 0)}${derivedAt(item.dataIndex) ? ` (${derivedLabel})` : ''}`,
        },
      },
    },
    scales: {
      x: {
        type: 'linear',
        grid: { display: false },
        ticks: { stepSize: 1, callback: (value) => String(value) },
      },
      y: {
        beginAtZero: true,
        suggestedMax,
        ticks: { callback: (value) => formatTick(Number(value)) },
      },
    },
  };
  return (
    <div className="chart" data-points={points.length}>
      <Line
        aria-label={description}
        options={options}
        data={{
          datasets: [
            {
              label,
              data: slots,
              spanGaps: false,
              borderColor: lineColour,
              backgroundColor: lineColour,
              borderWidth: 2,
              pointRadius: 4,
              pointHoverRadius: 6,
              pointBackgroundColor: (context: ScriptableContext<'line'>) =>
                derivedAt(context.dataIndex) ? '#ffffff' : lineColour,
              segment: {
                borderDash: (context) =>
                  derivedAt(context.p0DataIndex) || derivedAt(context.p1DataIndex) ? [5, 4] : [],
              },
            },
          ],
        }}
      />
    </div>
  );
}
