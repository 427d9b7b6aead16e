import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours of the series, in order: distinguishable in light and dark themes alike. */
export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

const HEIGHT = 240;

/**
 * One uPlot chart, sized to its container's width (and re-sized with it). uPlot draws on a
 * canvas and styles its few elements through the CSSOM, which the console's strict CSP allows.
 * `label` describes the chart to screen readers; the page also shows its numbers in a table.
 */
export function Chart({ options, data, label }: { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const ink = getComputedStyle(el).color;
    const axes = (options.axes ?? [{}, {}]).map((a) => ({ stroke: ink, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' }, ...a }));
    const width = () => Math.max(280, el.clientWidth || 640);
    const plot = new uPlot({ ...options, axes, width: width(), height: HEIGHT }, data, el);
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    resized?.observe(el);
    return () => {
      resized?.disconnect();
      plot.destroy();
    };
  }, [options, data]);
  return <div class="chart" ref={ref} role="img" aria-label={label} />;
}

/** Bars for a category axis: each series one bar per category, side by side by `align`. */
export const bars = (align: -1 | 0 | 1, size = 0.3): uPlot.Series.PathBuilder =>
  uPlot.paths.bars!({ size: [size, 48], align, gap: 2 });

/** An x axis of named categories at 0, 1, 2…; `labels` name them. */
export function categoryX(labels: string[]): { scale: uPlot.Scale; axis: uPlot.Axis } {
  return {
    scale: { time: false, range: () => [-0.5, Math.max(0.5, labels.length - 0.5)] },
    axis: { splits: () => labels.map((_, i) => i), values: (_u, splits) => splits.map((i) => labels[i] ?? ''), grid: { show: false } },
  };
}
