/** Sequences that issue human-readable numbers, gap-free per year. */
export const SEQUENCES = {
  complaint: 'R',
  d2: 'D2',
  serviceOrder: 'OdS',
  protocol: 'protocol',
} as const;
export type SequenceName = keyof typeof SEQUENCES;

const pad = (n: number) => String(n).padStart(4, '0');

/** R-2026-0042, D2-2026-0007, OdS-2026-0103; protocol numbers are 2026/0017 (Mod. 07_A17). */
export function formatNumber(sequence: SequenceName, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad sequence value ${seq}`);
  if (sequence === 'protocol') return `${year}/${pad(seq)}`;
  return `${SEQUENCES[sequence]}-${year}-${pad(seq)}`;
}

export function parseNumber(text: string): { year: number; seq: number } | undefined {
  const match = /^(?:[A-Za-z0-9]+-)?(\d{4})[-/](\d{4,})$/.exec(text.trim());
  if (!match) return undefined;
  return { year: Number(match[1]), seq: Number(match[2]) };
}
