import type { TurnState } from '@microsoft/teams-ai';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { MemoryStorage, TurnContext } from 'botbuilder';
import express, { type Express } from 'express';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import { pickLocale, translator } from '../../i18n/translate.js';
import { TEAMS_COMMANDS } from '../ids.js';
import { complaintFormCard, d2FormCard } from './cards/forms.js';
import { attachment } from './cards/adaptive.js';
import { registerTeamsActions } from './teams-actions.js';
import { registerTeamsRoles } from './teams-roles.js';
import { registerTeamsRouting } from './teams-routing.js';
import { registerTeamsSettings } from './teams-settings.js';
import { registerTeamsTaxonomy, teamsFormChoices } from './teams-taxonomy.js';
import type { TeamsDeps } from './teams-deps.js';

export interface TeamsAppOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  http: Express;
}

/** The person behind an activity, as the domain knows them (AAD object id). */
export function teamsUser(context: TurnContext): ChatUser {
  const from = context.activity.from;
  return {
    platform: 'teams',
    id: String(from.aadObjectId ?? from.id).slice(0, 64),
    ...(from.name ? { name: from.name.slice(0, 200) } : {}),
  };
}

export const teamsTranslator = (context: TurnContext, deps: TeamsDeps) =>
  translator(pickLocale(context.activity.locale, deps.defaultLocale));

/**
 * The teams-ai Application on botbuilder's CloudAdapter at POST /api/messages. Without an app
 * id (tests, local emulator) authentication is off; in production the Bot Framework token of
 * every request is checked by the adapter. With a tenant id, activities from any other tenant
 * are dropped before anything runs.
 */
export function createTeamsApp(options: TeamsAppOptions, deps: TeamsDeps) {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: options.appId ?? '',
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppType: options.appId && options.tenantId ? 'SingleTenant' : 'MultiTenant',
    ...(options.appId && options.tenantId ? { MicrosoftAppTenantId: options.tenantId } : {}),
  });
  const app = new Application<TurnState>({
    adapter,
    storage: new MemoryStorage(),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    ...(options.appId ? { botAppId: options.appId } : {}),
  });
  app.turn('beforeTurn', async (context) => {
    const tenant = tenantOf(context);
    if (options.tenantId && tenant !== options.tenantId) {
      deps.log.warn({ tenant }, 'teams activity from another tenant refused');
      return false;
    }
    await rememberConversation(context, deps);
    return true;
  });
  app.message(
    TEAMS_COMMANDS.complaint.map((word) => new RegExp(`^\\s*${word}\\s*$`, 'i')),
    async (context) => {
      const clients = await deps.clients.search('', 100);
      await context.sendActivity({
        attachments: [
          attachment(
            complaintFormCard(teamsTranslator(context, deps), clients, {
              taxonomy: await teamsFormChoices(context, deps),
            }),
          ),
        ],
      });
    },
  );
  app.message(/^\s*d2\s*$/i, async (context) => {
    const clients = await deps.clients.search('', 100);
    await context.sendActivity({
      attachments: [attachment(d2FormCard(teamsTranslator(context, deps), clients))],
    });
  });
  registerTeamsActions(app, deps);
  registerTeamsRoles(app, deps);
  registerTeamsRouting(app, deps);
  registerTeamsSettings(app, deps);
  registerTeamsTaxonomy(app, deps);
  app.error(async (context, error) => {
    deps.log.error({ err: error }, 'teams turn failed');
    await context
      .sendActivity(teamsTranslator(context, deps)('error.unavailable'))
      .catch(() => undefined);
  });
  options.http.post('/api/messages', express.json({ limit: '1mb' }), (req, res) => {
    void adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  return { app, adapter };
}

/** The tenant Teams says the activity comes from (channel data first, as Teams documents it). */
const tenantOf = (context: TurnContext): string | undefined => {
  const { channelData, conversation } = context.activity;
  const id = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof id === 'string' ? id : conversation?.tenantId;
};

async function rememberConversation(context: TurnContext, deps: TeamsDeps) {
  const activity = context.activity;
  if (!activity.conversation?.id || !activity.serviceUrl) return;
  const kind = (activity.conversation.conversationType ?? 'personal') as
    'personal' | 'channel' | 'groupChat';
  // A channel thread's id carries ";messageid=…": the channel itself is what we want to keep.
  const id = activity.conversation.id.split(';')[0]!;
  const reference = TurnContext.getConversationReference(activity);
  await deps.conversations.remember({
    id,
    kind,
    reference: { ...reference, conversation: { ...reference.conversation, id } } as Record<
      string,
      unknown
    >,
    ...(kind === 'personal' && activity.from?.aadObjectId
      ? { userAadId: activity.from.aadObjectId }
      : {}),
    ...(kind === 'personal' && activity.locale ? { locale: activity.locale.slice(0, 20) } : {}),
  });
}
