import { z } from 'zod';

// Control characters other than tab and newlines have no place in a message a person typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text a person typed in chat: trimmed, not empty, bounded, no control characters. */
export const chatText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value), { message: 'contains control characters' });

/** Optional free text: an empty field counts as not given. */
export const optionalChatText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    chatText(max).optional(),
  );
