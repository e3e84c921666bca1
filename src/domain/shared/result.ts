/** Expected refusals travel as values with a code; bugs throw. */
export type Refusal<C extends string = string> = {
  ok: false;
  error: { code: C; message?: string; details?: Record<string, unknown> };
};
export type Result<T, C extends string = string> = { ok: true; value: T } | Refusal<C>;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refuse = <C extends string>(
  code: C,
  details?: Record<string, unknown>,
): Refusal<C> => ({
  ok: false,
  error: details ? { code, details } : { code },
});
