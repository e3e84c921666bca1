import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { Indicators } from '../../domain/kpi/kpi.js';

export interface ChartLabels {
  title: string;
  current: string;
  previous: string;
}

/**
 * The digest's chart: complaints opened per priority, this period against the one before —
 * drawn by Vega as SVG and rasterised to PNG by resvg, all in-process (no browser, no download).
 */
export async function digestChartPng(
  current: Indicators,
  previous: Indicators,
  labels: ChartLabels,
): Promise<Buffer> {
  const values = (['P1', 'P2', 'P3'] as const).flatMap((priority) => [
    { priority, period: labels.previous, count: previous.openedByPriority[priority] },
    { priority, period: labels.current, count: current.openedByPriority[priority] },
  ]);
  const view = new vega.View(vega.parse(spec(values, labels)), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return Buffer.from(
    new Resvg(svg, { fitTo: { mode: 'width', value: 960 }, background: '#ffffff' })
      .render()
      .asPng(),
  );
}

function spec(values: object[], labels: ChartLabels): vega.Spec {
  return {
    width: 420,
    height: 220,
    padding: 12,
    title: { text: labels.title, font: 'DejaVu Sans', fontSize: 14 },
    data: [{ name: 'rows', values }],
    scales: [
      {
        name: 'x',
        type: 'band',
        domain: { data: 'rows', field: 'priority' },
        range: 'width',
        padding: 0.25,
      },
      {
        name: 'y',
        type: 'linear',
        domain: { data: 'rows', field: 'count' },
        nice: true,
        zero: true,
        range: 'height',
      },
      {
        name: 'colour',
        type: 'ordinal',
        domain: [labels.previous, labels.current],
        range: ['#9db4cc', '#1f4e79'],
      },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', labelFont: 'DejaVu Sans' },
      { orient: 'left', scale: 'y', tickMinStep: 1, labelFont: 'DejaVu Sans' },
    ],
    legends: [{ fill: 'colour', orient: 'right', labelFont: 'DejaVu Sans' }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'byPriority', data: 'rows', groupby: 'priority' } },
        encode: { enter: { x: { scale: 'x', field: 'priority' }, width: { scale: 'x', band: 1 } } },
        // Inside the group, `width` is the band's width, so the inner scale splits the band.
        signals: [{ name: 'width', update: "bandwidth('x')" }],
        scales: [
          {
            name: 'inner',
            type: 'band',
            range: 'width',
            domain: { data: 'byPriority', field: 'period' },
          },
        ],
        marks: [
          {
            type: 'rect',
            from: { data: 'byPriority' },
            encode: {
              enter: {
                x: { scale: 'inner', field: 'period' },
                width: { scale: 'inner', band: 1 },
                y: { scale: 'y', field: 'count' },
                y2: { scale: 'y', value: 0 },
                fill: { scale: 'colour', field: 'period' },
              },
            },
          },
        ],
      },
    ],
  };
}
