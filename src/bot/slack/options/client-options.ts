import type { App } from '@slack/bolt';
import { OPTIONS } from '../../ids.js';
import { clip } from '../blocks/block-kit.js';
import type { SlackDeps } from '../slack-deps.js';

/** The searchable client list in the complaint and D2 forms. */
export function registerClientOptions(app: App, deps: SlackDeps) {
  app.options(OPTIONS.client, async ({ ack, options }) => {
    const clients = await deps.clients.search(String(options.value ?? ''), 100);
    await ack({
      options: clients.map((c) => ({
        text: { type: 'plain_text', text: clip(`${c.name} (${c.code})`, 75) },
        value: c.id,
      })),
    });
  });
}
