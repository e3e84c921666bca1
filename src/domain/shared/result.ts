/** Expected refusals travel as values with a code; bugs throw. */
export type Refusal<C extends string = string> = {
  ok: false;
  error: { code: C; message?: string; details?: Record<string, unknown> };
};
/**
 * `repeat`: this was a form submission delivered again (a retry, a duplicate); `value` is what
 * its first delivery made, and nothing was recorded or sent this time.
 */
export type Result<T, C extends string = string> =
  { ok: true; value: T; repeat?: true } | Refusal<C>;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
/** The outcome of a submission already handled by an earlier delivery of it. */
export const again = <T>(value: T): { ok: true; value: T; repeat: true } => ({
  ok: true,
  value,
  repeat: true,
});
export const refuse = <C extends string>(
  code: C,
  details?: Record<string, unknown>,
): Refusal<C> => ({
  ok: false,
  error: details ? { code, details } : { code },
});
