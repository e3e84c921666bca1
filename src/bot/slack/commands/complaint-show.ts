import type { WebClient } from '@slack/web-api';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { caseCard } from '../blocks/case-card.js';
import type { SlackDeps } from '../slack-deps.js';

const LINK_WAIT_MS = 700;

/**
 * `/complaint show R-…`: the whole case as its card shows it (with its buttons), and a link to
 * the card in its channel when Slack gives one in time.
 */
export async function showComplaint(
  deps: SlackDeps,
  client: WebClient,
  complaint: Complaint,
  view: { t: Translate; locale: Locale },
) {
  const card = caseCard(complaint, await deps.clients.find(complaint.clientId), {
    ...view,
    timeZone: deps.timeZone,
    now: deps.services.clock.now(),
  });
  const link = await permalink(client, complaint);
  const where = link
    ? view.t('complaint.show.link', { url: link })
    : view.t('complaint.show.nolink');
  return {
    response_type: 'ephemeral' as const,
    text: card.text,
    blocks: [
      ...card.blocks,
      { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: where }] },
    ],
  };
}

async function permalink(client: WebClient, complaint: Complaint): Promise<string | undefined> {
  const at = complaint.announcement;
  if (!at || at.platform !== 'slack') return undefined;
  const asked = client.chat
    .getPermalink({ channel: at.channel, message_ts: at.messageId })
    .then((r) => r.permalink)
    .catch(() => undefined);
  const late = new Promise<undefined>((resolve) =>
    setTimeout(() => resolve(undefined), LINK_WAIT_MS).unref(),
  );
  return Promise.race([asked, late]);
}
