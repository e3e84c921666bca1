import { z } from 'zod';

/** The targets a case is timed against (seed 001). */
export const SLA_TARGETS = ['first_response', 'take_in_charge', 'resolution'] as const;
export const SlaTargetSchema = z.enum(SLA_TARGETS);
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

/** `cancelled`: the case was rejected or withdrawn before the target was reached. */
export const SLA_STATES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export const SlaStateSchema = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof SlaStateSchema>;

/**
 * One clock per target. `warnAt` is the early nudge, `dueAt` the target and `limitAt` the
 * outer edge of a window (P3: target 3, limit 5 business days); breach is at `limitAt ?? dueAt`.
 */
export const SlaClockSchema = z.object({
  target: SlaTargetSchema,
  /** calendar: wall-clock minutes (P1 safety); business: the company's working time. */
  basis: z.enum(['calendar', 'business']),
  budgetMinutes: z.number().int().positive(),
  limitMinutes: z.number().int().positive().optional(),
  startedAt: z.date(),
  /** Start of the current running stretch (start, or the last resume). */
  runningSince: z.date(),
  warnAt: z.date(),
  dueAt: z.date(),
  limitAt: z.date().optional(),
  state: SlaStateSchema,
  pausedAt: z.date().optional(),
  /** Minutes (of the clock's basis) used before the current running stretch. */
  consumedMinutes: z.number().int().nonnegative(),
  stoppedAt: z.date().optional(),
});
export type SlaClock = z.infer<typeof SlaClockSchema>;
