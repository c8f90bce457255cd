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

/** A point of the comparison line, with what its text should add (e.g. "3/7 members"). */
export interface ComparisonPoint {
  year: number;
  value: number;
  note: string;
}

/** The line drawn beside the province's own, for comparison (the cluster average). */
export interface Comparison {
  label: string;
  points: readonly ComparisonPoint[];
}

const lineColour = '#1c4f8f';
/** Orange against the blue, ≥ 3:1 on white; dashed too, so colour is never the only difference. */
export const comparisonColour = '#b35900';

interface Slot {
  x: number;
  y: number | null;
}

/**
 * The series on a year axis: one slot per calendar year from the first to the
 * last (of `years`, default the points' own), a year without a value left
 * empty, so years sit at their true distance and a missing year (2025) shows
 * as a gap in the line.
 */
export function yearSlots<P extends { year: number; value: number }>(
  points: readonly P[],
  years: readonly number[] = points.map((p) => p.year),
): (Slot & { point: P | null })[] {
  if (years.length === 0) return [];
  const byYear = new Map(points.map((p) => [p.year, p]));
  const slots = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year += 1) {
    const point = byYear.get(year) ?? null;
    slots.push({ x: year, y: point ? point.value : null, point });
  }
  return slots;
}

/**
 * A small line chart of one indicator over the years, and a dashed comparison
 * line when given. The canvas carries a text alternative with every figure of
 * both lines; the figures are also in a table beside it. Values carry no unit:
 * the chart's heading states it once.
 */
export function LineChart({
  label,
  points,
  comparison,
  formatValue,
  formatTick,
  suggestedMax,
  derivedLabel,
}: {
  label: string;
  points: readonly ChartPoint[];
  comparison?: Comparison;
  formatValue(value: number): string;
  /** Axis labels: as few decimals as the value needs. */
  formatTick(value: number): string;
  suggestedMax?: number;
  derivedLabel: string;
}) {
  const { language, t } = useI18n();
  const years = [...points, ...(comparison?.points ?? [])].map((p) => p.year);
  const slots = yearSlots(points, years);
  const averages = comparison ? yearSlots(comparison.points, years) : [];
  const derivedAt = (index: number) => slots[index]?.point?.derived === true;
  const own = slots.map((slot) => `${slot.x} ${slot.y === null ? t.noData : formatValue(slot.y)}`).join('; ');
  const compared = averages
    .filter((slot) => slot.point)
    .map((slot) => `${slot.x} ${formatValue(slot.point!.value)} (${slot.point!.note})`)
    .join('; ');
  const description = `${label}: ${own}${comparison && compared ? `. ${comparison.label}: ${compared}` : ''}`;
  const options: ChartOptions<'line'> = {
    animation: false,
    maintainAspectRatio: false,
    locale: language === 'vi' ? 'vi-VN' : 'en-GB',
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          // A year, not a number to group by thousands ("2019", not "2.019").
          title: (items) => (items[0] ? String(items[0].parsed.x) : ''),
          label: (item) => {
            const value = formatValue(item.parsed.y ?? 0);
            if (item.datasetIndex === 1) {
              return `${comparison?.label}: ${value} (${averages[item.dataIndex]?.point?.note ?? ''})`;
            }
            return `${value}${derivedAt(item.dataIndex) ? ` (${derivedLabel})` : ''}`;
          },
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
    <div className="chart" data-points={points.length} data-comparison-points={comparison?.points.length ?? 0}>
      <Line
        aria-label={description}
        options={options}
        data={{
          datasets: [
            {
              label,
              data: slots.map(({ x, y }) => ({ x, y })),
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
            ...(comparison
              ? [
                  {
                    label: comparison.label,
                    data: averages.map(({ x, y }) => ({ x, y })),
                    spanGaps: false,
                    borderColor: comparisonColour,
                    backgroundColor: comparisonColour,
                    borderWidth: 2,
                    borderDash: [7, 4],
                    pointStyle: 'rect' as const,
                    pointRadius: 3,
                    pointHoverRadius: 5,
                  },
                ]
              : []),
          ],
        }}
      />
    </div>
  );
}
