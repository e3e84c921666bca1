import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  digestDestinationAnswer,
  followAnswer,
  type SettingsNaming,
} from '../shared/settings-text.js';
import { teamsTranslator, teamsUser } from './teams-app.js';
import type { TeamsDeps } from './teams-deps.js';

const teamsNaming: SettingsNaming = {
  follow: 'follow',
  digest: 'digest',
  namesChannels: false,
  place: (d, t) => (d.platform === 'teams' ? t('digest.destination.here') : `#${d.channel}`),
  user: (u) => u.name ?? u.id,
};

/**
 * `follow thread|dm|off` sets how the sender hears of the complaints they filed; `digest here`
 * (the director only) sends the weekly digest to this conversation — Slack's use cases.
 */
export function registerTeamsSettings(app: Application<TurnState>, deps: TeamsDeps) {
  app.message(/^\s*follow(\s|$)/i, async (context) => {
    const [, word = ''] = (context.activity.text ?? '').trim().split(/\s+/);
    const t = teamsTranslator(context, deps);
    await context.sendActivity(await followAnswer(deps, teamsUser(context), word, t, teamsNaming));
  });
  app.message(/^\s*digest(\s|$)/i, async (context) => {
    const [, word = '', ...extra] = (context.activity.text ?? '').trim().split(/\s+/);
    const t = teamsTranslator(context, deps);
    // A channel thread's id carries ";messageid=…": the digest goes to the channel itself.
    const here = String(context.activity.conversation?.id ?? '').split(';')[0]!;
    const destination =
      word.toLowerCase() === 'here' && !extra.length && here
        ? { platform: 'teams' as const, channel: here }
        : undefined;
    await context.sendActivity(
      await digestDestinationAnswer(deps, teamsUser(context), destination, t, teamsNaming),
    );
  });
}
