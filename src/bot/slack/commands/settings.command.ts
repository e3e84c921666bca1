import type { ChatDestination, ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { mention } from '../../shared/format.js';
import {
  digestDestinationAnswer,
  followAnswer,
  type SettingsNaming,
} from '../../shared/settings-text.js';
import type { SlackDeps } from '../slack-deps.js';

const slackNaming: SettingsNaming = {
  follow: '/sportello follow',
  digest: '/sportello digest',
  namesChannels: true,
  place: (d) => (d.platform === 'slack' ? `<#${d.channel}>` : d.channel),
  user: (u) => mention(u.id),
};

/** `/sportello follow thread|dm|off`. */
export const slackFollow = (deps: SlackDeps, me: ChatUser, word: string, t: Translate) =>
  followAnswer(deps, me, word, t, slackNaming);

/** The words of `/sportello digest …` that name a place rather than a period. */
export const namesDigestPlace = (word: string) => /^(here|<?#)/i.test(word);

/** `<#C0KPI|kpi>` (Slack escapes the channel picked in a command) → C0KPI; else nothing. */
const channelOf = (word: string, here: string): ChatDestination | undefined => {
  if (word.toLowerCase() === 'here') return { platform: 'slack', channel: here };
  const id = /^<#([A-Z0-9]{2,30})(\|[^>]*)?>$/.exec(word)?.[1];
  return id ? { platform: 'slack', channel: id } : undefined;
};

/** `/sportello digest here` (this channel) or `/sportello digest #channel`: the director's. */
export const slackDigestDestination = (
  deps: SlackDeps,
  me: ChatUser,
  channelId: string,
  word: string,
  t: Translate,
) => digestDestinationAnswer(deps, me, channelOf(word, channelId), t, slackNaming);
