import type { digestChartPng as Draw } from './kpi-chart.js';

/** The digest chart, its renderer (vega, resvg) loaded at the first weekly digest, not at start. */
export const digestChartPng: typeof Draw = async (...args) =>
  (await import('./kpi-chart.js')).digestChartPng(...args);
