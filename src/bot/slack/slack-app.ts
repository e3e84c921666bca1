import { App, LogLevel } from '@slack/bolt';
import { WebClient, LogLevel as WebLogLevel } from '@slack/web-api';
import type { Express } from 'express';
import { translator, type Locale } from '../../i18n/translate.js';
import { registerCareButtons } from './actions/care-buttons.js';
import { registerClientCommand } from './commands/client.command.js';
import { registerCommunication } from './commands/communication.command.js';
import { registerCareCallSubmit } from './views/care-call-submit.js';
import { registerCaseAdmin } from './actions/case-admin.js';
import { registerCaseButtons } from './actions/case-buttons.js';
import { registerComplaintCommand } from './commands/complaint.command.js';
import { registerD2Command } from './commands/d2.command.js';
import { registerSportelloCommand } from './commands/sportello.command.js';
import { registerRoutingForms } from './commands/routing.command.js';
import { registerAppHome } from './home/app-home.js';
import { registerClientOptions } from './options/client-options.js';
import { registerTaxonomyOptions } from './options/taxonomy-options.js';
import { registerComplaintShortcut } from './shortcuts/register-complaint.js';
import { localeResolver, type SlackDeps } from './slack-deps.js';
import { registerCaseFormsSubmit } from './views/case-forms-submit.js';
import { registerComplaintSubmit } from './views/complaint-submit.js';
import { fileJournal } from './views/intake-journal.js';
import { registerD2Submit } from './views/d2-submit.js';
import { malformedBlocks } from './views/view-state.js';
import { gatedReceiver } from './slack-receiver.js';
import { slackRoutes } from './slack-routes.js';
import { slackWorkspace, type WorkspaceSettings } from './workspace.js';
import { workspaceGate } from './workspace-gate.js';

export interface SlackAppOptions {
  /** Where complaint forms answered but not yet filed are noted (survives a killed process). */
  intakeJournal?: string;
  botToken: string;
  signingSecret: string;
  /** The bot's express app: Slack posts to /slack/events on it. */
  http: Express;
  /** Development: Socket Mode with an app-level token instead of a public URL. */
  socketModeAppToken?: string;
  /** SLACK_API_URL: Slack's Web API, a Slack-compatible one (GovSlack) or a local stub. */
  slackApiUrl?: string;
  /** The workspace admitted before auth.test answers, and how often auth.test may be asked. */
  workspace?: WorkspaceSettings;
}

/** The Bolt app on the bot's HTTP server, every listener registered, one error handler. */
export function createSlackApp(options: SlackAppOptions, deps: SlackDeps) {
  const transport = options.socketModeAppToken
    ? { socketMode: true, appToken: options.socketModeAppToken }
    : {
        receiver: gatedReceiver(
          {
            signingSecret: options.signingSecret,
            endpoints: '/slack/events',
            app: options.http,
            processBeforeResponse: false,
            bodyLimit: '1mb',
          },
          deps.log,
        ),
      };
  // Deliveries go through the outbox, which does its own retries and honours Retry-After.
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: WebLogLevel.ERROR,
  };
  const client = new WebClient(options.botToken, clientOptions);
  const workspace = slackWorkspace(client, options.workspace ?? {}, deps.log);
  const app = new App({
    ...transport,
    logLevel: LogLevel.ERROR,
    extendedErrorHandler: true,
    // Nothing reads Bolt's conversation store: it would be one more global step per request.
    convoStore: false,
    clientOptions,
    // With only a token, Bolt's singleAuthorization (bolt-js src/App.ts) calls auth.test before
    // every request when tokenVerificationEnabled is false (and crashes the start when it is
    // true); processEvent answers a failed authorize with a bare 200, dropping the request.
    // Here authorize reuses what start-up learnt and never throws: the gate below decides.
    authorize: async () => {
      const learnt = await workspace.forRequest();
      return { botToken: options.botToken, botId: learnt?.botId, botUserId: learnt?.botUserId };
    },
  });
  const localeOf = localeResolver(client, deps.defaultLocale);
  app.use(workspaceGate(workspace, deps.log, deps.defaultLocale));
  // A form whose listener fails before answering (the database away) gets a clear answer in the
  // form itself. One that fails after answering may have stored something: it must not be told
  // that nothing was saved (Bolt refuses the second ack, which is how that is known).
  const answeredBeforeFailing = new WeakSet<object>();
  app.use(async (args) => {
    const { body, next } = args;
    try {
      await next();
    } catch (error) {
      const ack = (args as { ack?: (response?: object) => Promise<void> }).ack;
      if (ack && (body as { type?: string }).type === 'view_submission')
        await ack({ response_action: 'update', view: unavailableModal(deps.defaultLocale) }).catch(
          () => answeredBeforeFailing.add(body),
        );
      throw error;
    }
  });
  // Every form: a block whose value is not shaped as Slack sends it is refused on that block.
  app.use(async (args) => {
    const { body, next } = args;
    const submitted = body as { type?: string; view?: { state?: unknown }; user?: { id: string } };
    const malformed =
      submitted.type === 'view_submission' ? malformedBlocks(submitted.view?.state) : [];
    if (!malformed.length) return void (await next());
    const { t } = await localeOf(submitted.user?.id ?? '');
    const ack = (args as { ack?: (response?: object) => Promise<void> }).ack;
    const errors = Object.fromEntries(malformed.map((block) => [block, t('field.invalid')]));
    await ack?.({ response_action: 'errors', errors });
  });
  const routes = slackRoutes(app);
  registerComplaintCommand(routes, deps, localeOf);
  registerD2Command(routes, deps, localeOf);
  registerSportelloCommand(routes, deps, localeOf);
  registerRoutingForms(routes, deps, localeOf);
  registerComplaintSubmit(
    routes,
    deps,
    localeOf,
    options.intakeJournal ? { journal: fileJournal(options.intakeJournal) } : {},
  );
  registerD2Submit(routes, deps, localeOf);
  registerCaseFormsSubmit(routes, deps, localeOf);
  registerCaseButtons(routes, deps, localeOf);
  registerCaseAdmin(routes, deps, localeOf);
  registerCareButtons(routes, deps, localeOf);
  registerCommunication(routes, deps, localeOf);
  registerClientCommand(routes, deps, localeOf);
  registerCareCallSubmit(routes, deps, deps.care, localeOf);
  registerClientOptions(routes, deps, localeOf);
  registerTaxonomyOptions(routes, deps, localeOf);
  registerComplaintShortcut(routes, deps, localeOf);
  registerAppHome(routes, deps, localeOf);
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    deps.log.error({ err: error }, 'slack listener failed');
    const said = answeredBeforeFailing.has(body as object) ? 'error.unknown' : 'error.unavailable';
    await tellUnavailable(client, deps, body, said).catch(() => undefined);
  });
  return {
    app,
    client,
    /** Socket Mode connects out to Slack; over HTTP the bot's server already listens. */
    start: async () => {
      await workspace.start();
      if (options.socketModeAppToken) await app.start();
    },
    stop: async () => {
      workspace.stop();
      if (options.socketModeAppToken) await app.stop();
    },
  };
}

/** Bugs and outages reach the user as one clear line, never as silence. */
async function tellUnavailable(
  client: WebClient,
  deps: SlackDeps,
  body: unknown,
  said: 'error.unavailable' | 'error.unknown',
) {
  const payload = body as {
    user?: { id?: string };
    user_id?: string;
    channel?: { id?: string };
    channel_id?: string;
  };
  const user = payload.user?.id ?? payload.user_id;
  const channel = payload.channel?.id ?? payload.channel_id;
  if (!user) return;
  const text = translator(deps.defaultLocale)(said);
  if (channel) await client.chat.postEphemeral({ channel, user, text });
  else await client.chat.postMessage({ channel: user, text });
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
