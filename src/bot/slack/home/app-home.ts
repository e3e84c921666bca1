import type { SlackRoutes } from '../slack-routes.js';
import type { WebClient } from '@slack/web-api';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { mention } from '../../shared/format.js';
import { plainText, type Block } from '../blocks/block-kit.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { homeWork, type WorkItem } from './home-work.js';
import { registerHomeSettings, settingsBlocks } from './home-settings.js';
import { publishHome } from '../slack-views.js';

/** Items shown per list: six lists stay well inside App Home's 100 blocks; settings get the rest. */
const PER_LIST = 8;
const MAX_BLOCKS = 100;

/**
 * App Home as a workplace: for each role what waits for them (their open cases with the SLA
 * state, approvals to decide, D2 to sign or carry out, due care calls), each with its button.
 */
export function registerAppHome(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  const publish = async (userId: string, client: WebClient) => {
    const { t } = await localeOf(userId);
    const me = slackUser({ id: userId });
    const roles = await deps.roles.rolesOf(me);
    const blocks: Block[] = [{ type: 'header', text: plainText(t('home.title')) }];
    if (!roles.length) blocks.push(await noRole(deps, t));
    else
      for (const list of await homeWork(deps, me, roles, PER_LIST, t))
        blocks.push(...render(list, t));
    blocks.push(...(await settingsBlocks(deps, me, roles, t, MAX_BLOCKS - blocks.length)));
    await publishHome(client, userId, { type: 'home', blocks });
  };
  registerHomeSettings(app, deps, localeOf, publish);
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publish(event.user, client);
  });
}

async function noRole(deps: SlackDeps, t: Translate): Promise<Block> {
  const directors = (await deps.roles.holdersOf('DCOM')).map((u: ChatUser) => mention(u.id));
  const text = t('home.noRole', {
    directors: directors.join(', ') || t('error.NEEDS_ROLE.nobody'),
  });
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function render(list: { title: string; items: WorkItem[] }, t: Translate): Block[] {
  const blocks: Block[] = [
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*${list.title}*` } },
  ];
  if (!list.items.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('home.none') }] });
  for (const item of list.items)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: item.line },
      ...(item.button
        ? {
            accessory: {
              type: 'button',
              action_id: item.button.actionId,
              text: plainText(item.button.label),
              value: item.button.value,
              ...(item.button.primary ? { style: 'primary' as const } : {}),
            },
          }
        : {}),
    });
  return blocks;
}
