import { MessageSchema } from './block-kit-surfaces.js';

export type { Block } from './block-kit-rules.js';
export type { Modal } from './block-kit-surfaces.js';
export { blockKitProblems, HomeSchema, MessageSchema, ModalSchema } from './block-kit-surfaces.js';

/** A message body (text fallback + blocks) checked against Slack's limits; a bad one throws. */
export const checkedMessage = <M extends { text: string; blocks: unknown[] }>(message: M): M => {
  MessageSchema.parse(message);
  return message;
};

/** Escapes user text for mrkdwn: `<!channel>`, `<@U…>` and links cannot be smuggled in. */
export const escapeText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Cuts text to Slack's limit for its place, marking the cut. */
export const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * A plain_text object. Catalogue text is never cut (a string too long for its place makes Slack
 * refuse the payload, and the render tests with it); `max` cuts values that come from data.
 */
export const plainText = (text: string, max?: number) => ({
  type: 'plain_text' as const,
  text: max === undefined ? text : clip(text, max),
});
export const md = (text: string, max = 3000) => ({
  type: 'mrkdwn' as const,
  text: clip(text, max),
});
