import { setDigestDestination, setFollowMode } from '../../domain/settings/change-settings.js';
import type { ChatDestination, ChatUser } from '../../domain/shared/chat-user.js';
import type { Translate } from '../../i18n/translate.js';
import type { ChatDeps } from './chat-deps.js';
import { needsRole } from './needs-role.js';

/** How a platform writes its settings commands and names people and places. */
export interface SettingsNaming {
  /** The command as typed there: `/sportello follow`, `follow`… */
  follow: string;
  digest: string;
  /** Slack also takes `digest #channel`; Teams has no channel to name in text. */
  namesChannels: boolean;
  place: (destination: ChatDestination, t: Translate) => string;
  user: (user: ChatUser) => string;
}

/** `follow thread|dm|off`: what is now set, or the usage for anything else. */
export async function followAnswer(
  deps: Pick<ChatDeps, 'settings'>,
  me: ChatUser,
  word: string,
  t: Translate,
  naming: SettingsNaming,
): Promise<string> {
  const set = await setFollowMode(deps.settings, me, { mode: word.toLowerCase() });
  return set.ok ? t(`follow.set.${set.value}`) : t('follow.usage', { command: naming.follow });
}

/**
 * `digest here` (or a named channel): the weekly digest's destination, the director's only. A
 * refusal names the role and whom to ask; a place that is not one gets the usage.
 */
export async function digestDestinationAnswer(
  deps: Pick<ChatDeps, 'settings' | 'roles'>,
  me: ChatUser,
  destination: ChatDestination | undefined,
  t: Translate,
  naming: SettingsNaming,
): Promise<string> {
  const set = await setDigestDestination(deps.settings, me, { destination });
  if (set.ok) return t('digest.destination.set', { place: naming.place(set.value, t) });
  if (set.error.code === 'SETTINGS.FORBIDDEN')
    return (
      (await needsRole(deps.roles, me, 'settings.digest', t, naming.user)) ?? t('error.unknown')
    );
  const command = naming.digest;
  const orChannel = naming.namesChannels ? t('digest.destination.orChannel', { command }) : '';
  return t('digest.destination.usage', { command, orChannel });
}
