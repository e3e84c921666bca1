import type { SlackRoutes } from '../slack-routes.js';
import { may } from '../../../domain/roles/permissions.js';
import { OPTIONS } from '../../ids.js';
import { clip } from '../blocks/block-kit.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';

/** Value of the "new client" option: the typed name travels in it. */
export const NEW_CLIENT_PREFIX = 'new:';

/**
 * The searchable client list in the complaint and D2 forms; typed text that names no client
 * (normalised, see client-identity.ts) also offers "new client: <text>", registered on submit.
 */
export function registerClientOptions(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.options(OPTIONS.client, async ({ ack, options, body }) => {
    const typed = String(options.value ?? '')
      .trim()
      .slice(0, 100);
    // The answer is the ack, so its lookups go at once; without the role none of it is shown.
    // The client this name is, however spelt ("Rossi srl" is "Rossi S.r.l."): offered, never
    // a "new client" that would be the same one.
    const [roles, listed, same] = await Promise.all([
      deps.roles.rolesOf({ platform: 'slack', id: body.user.id }),
      deps.clients.search(typed, 99),
      typed.length < 2 ? undefined : deps.clientRegistry.findByName(typed),
    ]);
    if (!may(roles, 'clients.read')) return ack({ options: [] });
    const clients =
      same && !listed.some((c) => c.id === same.id) ? [same, ...listed.slice(0, 98)] : listed;
    const found = clients.map((c) => ({
      text: { type: 'plain_text' as const, text: clip(`${c.name} (${c.code})`, 75) },
      value: c.id,
    }));
    if (typed.length < 2 || same) return ack({ options: found });
    const { t } = await localeOf(body.user.id);
    const create = {
      text: {
        type: 'plain_text' as const,
        text: clip(t('complaint.field.client.new', { name: typed }), 75),
      },
      value: `${NEW_CLIENT_PREFIX}${typed}`,
    };
    await ack({ options: [...found, create] });
  });
}
