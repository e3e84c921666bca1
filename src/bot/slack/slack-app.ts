import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Express } from 'express';
import { translator, type Locale } from '../../i18n/translate.js';
import { registerCareButtons } from './actions/care-buttons.js';
import { registerClientCommand } from './commands/client.command.js';
import { registerCommunication } from './commands/communication.command.js';
import { registerCareCallSubmit } from './views/care-call-submit.js';
import { registerCaseButtons } from './actions/case-buttons.js';
import { registerComplaintCommand } from './commands/complaint.command.js';
import { registerD2Command } from './commands/d2.command.js';
import { registerSportelloCommand } from './commands/sportello.command.js';
import { registerAppHome } from './home/app-home.js';
import { registerClientOptions } from './options/client-options.js';
import { registerComplaintShortcut } from './shortcuts/register-complaint.js';
import { localeResolver, type SlackDeps } from './slack-deps.js';
import { registerCaseFormsSubmit } from './views/case-forms-submit.js';
import { registerComplaintSubmit } from './views/complaint-submit.js';
import { registerD2Submit } from './views/d2-submit.js';
import { malformedBlocks } from './views/view-state.js';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  /** The bot's express app: Slack posts to /slack/events on it. */
  http: Express;
  /** Development: Socket Mode with an app-level token instead of a public URL. */
  socketModeAppToken?: string;
  /** Tests point the Web API at a local stub. */
  slackApiUrl?: string;
}

/** The Bolt app on the bot's HTTP server, every listener registered, one error handler. */
export function createSlackApp(options: SlackAppOptions, deps: SlackDeps) {
  const transport = options.socketModeAppToken
    ? { socketMode: true, appToken: options.socketModeAppToken }
    : {
        receiver: new ExpressReceiver({
          signingSecret: options.signingSecret,
          endpoints: '/slack/events',
          app: options.http,
          processBeforeResponse: false,
          bodyLimit: '1mb',
        }),
      };
  const app = new App({
    token: options.botToken,
    ...transport,
    logLevel: LogLevel.ERROR,
    extendedErrorHandler: true,
    // Deliveries go through the outbox, which does its own retries and honours Retry-After.
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
    // Bolt's own start-up token check crashes the process when Slack is unreachable; `start`
    // checks the token instead and only warns, so a Slack outage never stops the bot.
    tokenVerificationEnabled: false,
  });
  const localeOf = localeResolver(app.client, deps.defaultLocale);
  // The workspace the token belongs to, learnt at start: requests for any other are refused.
  const workspace: { teamId?: string } = {};
  app.use(async ({ body, next, ...args }) => {
    const team = teamOf(body);
    if (workspace.teamId && team && team !== workspace.teamId) {
      deps.log.warn({ team }, 'slack request for another workspace refused');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await next();
  });
  // A form submitted while the database is away gets a clear answer in the form itself.
  app.use(async ({ body, next, ...args }) => {
    try {
      await next();
    } catch (error) {
      const ack = (args as { ack?: (response?: object) => Promise<void> }).ack;
      if (ack && (body as { type?: string }).type === 'view_submission')
        await ack({ response_action: 'update', view: unavailableModal(deps.defaultLocale) }).catch(
          () => undefined,
        );
      throw error;
    }
  });
  // Every form: a block whose value is not shaped as Slack sends it is refused on that block.
  app.use(async ({ body, next, ...args }) => {
    const submitted = body as { type?: string; view?: { state?: unknown }; user?: { id: string } };
    const malformed =
      submitted.type === 'view_submission' ? malformedBlocks(submitted.view?.state) : [];
    if (!malformed.length) return void (await next());
    const { t } = await localeOf(submitted.user?.id ?? '');
    const ack = (args as { ack?: (response?: object) => Promise<void> }).ack;
    const errors = Object.fromEntries(malformed.map((block) => [block, t('field.invalid')]));
    await ack?.({ response_action: 'errors', errors });
  });
  registerComplaintCommand(app, deps, localeOf);
  registerD2Command(app, localeOf);
  registerSportelloCommand(app, deps, localeOf);
  registerComplaintSubmit(app, deps, localeOf);
  registerD2Submit(app, deps, localeOf);
  registerCaseFormsSubmit(app, deps, localeOf);
  registerCaseButtons(app, deps, localeOf);
  registerCareButtons(app, deps, localeOf);
  registerCommunication(app, deps, localeOf);
  registerClientCommand(app, deps, localeOf);
  registerCareCallSubmit(app, deps, deps.care, localeOf);
  registerClientOptions(app, deps, localeOf);
  registerComplaintShortcut(app, localeOf);
  registerAppHome(app, deps, localeOf);
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    deps.log.error({ err: error }, 'slack listener failed');
    await tellUnavailable(app, deps, body).catch(() => undefined);
  });
  return {
    app,
    client: app.client,
    /** Socket Mode connects out to Slack; over HTTP the bot's server already listens. */
    start: async () => {
      const auth = await app.client.auth.test().catch((error: Error) => error);
      if (auth instanceof Error)
        deps.log.warn(
          { err: auth },
          'slack token check failed: is SLACK_BOT_TOKEN right and Slack reachable?',
        );
      else {
        workspace.teamId = auth.team_id;
        deps.log.info({ team: auth.team, bot: auth.user }, 'slack connected');
      }
      if (options.socketModeAppToken) await app.start();
    },
    stop: async () => {
      if (options.socketModeAppToken) await app.stop();
    },
  };
}

/** Bugs and outages reach the user as one clear line, never as silence. */
async function tellUnavailable(app: App, deps: SlackDeps, body: unknown) {
  const payload = body as {
    user?: { id?: string };
    user_id?: string;
    channel?: { id?: string };
    channel_id?: string;
  };
  const user = payload.user?.id ?? payload.user_id;
  const channel = payload.channel?.id ?? payload.channel_id;
  if (!user) return;
  const text = translator(deps.defaultLocale)('error.unavailable');
  if (channel) await app.client.chat.postEphemeral({ channel, user, text });
  else await app.client.chat.postMessage({ channel: user, text });
}

/** The workspace a Slack payload comes from, wherever that kind of payload keeps it. */
function teamOf(body: unknown): string | undefined {
  const b = body as {
    team?: { id?: string } | string | null;
    team_id?: string;
    user?: { team_id?: string };
  };
  const team = typeof b.team === 'string' ? b.team : b.team?.id;
  return team ?? b.team_id ?? b.user?.team_id;
}

function unavailableModal(locale: Locale) {
  const t = translator(locale);
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Sportello' },
    close: { type: 'plain_text' as const, text: t('modal.cancel') },
    blocks: [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: t('error.unavailable') } },
    ],
  };
}
