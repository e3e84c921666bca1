/** Small builders for the Adaptive Card 1.5 elements the bot uses (Teams renders 1.5). */
export type Element = Record<string, unknown> & { type: string };

export const card = (body: Element[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard' as const,
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...extra,
});
export type Card = ReturnType<typeof card>;

export const text = (value: string, options: Record<string, unknown> = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...options,
});
export const facts = (pairs: [string, string][]): Element => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});
/**
 * A button that runs `verb` on the bot (Universal Actions). Teams clients without Action.Execute
 * fall back to an Action.Submit carrying the same data and the verb, which the bot handles the
 * same way ("Work with Universal Actions for Adaptive Cards" → Backward compatibility → Teams).
 */
export const execute = (
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: 'positive' | 'destructive',
) => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...(style ? { style } : {}),
  fallback: { type: 'Action.Submit', title, data: { ...data, verb }, ...(style ? { style } : {}) },
});
export const showCard = (title: string, body: Element[], submit: ReturnType<typeof execute>) => ({
  type: 'Action.ShowCard',
  title,
  card: { type: 'AdaptiveCard', body, actions: [submit] },
});
export const textInput = (
  id: string,
  label: string,
  options: Record<string, unknown> = {},
): Element => ({
  type: 'Input.Text',
  id,
  label,
  ...options,
});
export const choices = (
  id: string,
  label: string,
  values: [string, string][],
  options: Record<string, unknown> = {},
): Element => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  choices: values.map(([value, title]) => ({ title, value })),
  ...options,
});

/** Card attachments for activities. */
export const attachment = (content: object) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content,
});
