import {
  CategoryScale,
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

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);
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
 * A small line chart of one indicator over the years. The canvas has a text
 * label; the figures themselves are in a table beside it for screen readers.
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
  const { language } = useI18n();
  const derivedAt = (index: number) => points[index]?.derived === true;
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
      x: { grid: { display: false } },
      y: {
        beginAtZero: true,
        suggestedMax,
        ticks: { callback: (value) => formatTick(Number(value)) },
      },
    },
  };
  return (
    <div className="chart" role="img" aria-label={label} data-points={points.length}>
      <Line
        options={options}
        data={{
          labels: points.map((p) => String(p.year)),
          datasets: [
            {
              label,
              data: points.map((p) => p.value),
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
