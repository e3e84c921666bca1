import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';

/**
 * A form submission's identity: the view's id, the same on every delivery of it (Slack retries a
 * slow answer) and on a resubmission after errors, which stored nothing the first time.
 */
export const viewIntakeKey = (view: { id: string }) => `slack:view:${view.id}`;

/** The modal's private metadata, shape-checked; anything odd counts as none. */
export function metadataOf<S extends z.ZodType>(
  schema: S,
  raw: string | undefined,
): Partial<z.output<S>> {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** After a modal closes: a private line where the user started, or a DM when there is none. */
export async function tellUser(
  client: WebClient,
  userId: string,
  channel: string | undefined,
  text: string,
) {
  if (channel) {
    try {
      await client.chat.postEphemeral({ channel, user: userId, text });
      return;
    } catch {
      // The bot may not be in that channel: the DM below still reaches the user.
    }
  }
  await client.chat.postMessage({ channel: userId, text });
}
