import type { Express } from 'express';
import { createSlackApp } from './bot/slack/slack-app.js';
import { slackDelivery } from './bot/slack/slack-delivery.js';
import type { SlackDeps } from './bot/slack/slack-deps.js';
import type { WorkspaceSettings } from './bot/slack/workspace.js';
import type { Config } from './config.js';
import type { Notification } from './domain/shared/notification.js';
import { platformsOrWait } from './chat-routing.js';
import type { Platform } from './domain/shared/chat-user.js';
import { outboxWorker, type Deliver, type OutboxWorker } from './jobs/outbox-delivery.js';
import type { Logger } from './log.js';
import {
  buildServices,
  careServices,
  communicationServices,
  digestServices,
  routingServices,
  taxonomyServices,
  satisfactionServices,
  type Services,
} from './services.js';
import type { Store } from './store/index.js';
import { exportRegister } from './store/register-export.repo.js';
import type { CaseRules } from './domain/complaint/complaint.ports.js';
import type { Clock, SlaScheduler } from './domain/shared/shared.ports.js';

export interface ChatOptions {
  config: Pick<Config, 'slack' | 'teams' | 'defaultLocale' | 'timeZone' | 'publicUrl'>;
  store: Store;
  http: Express;
  clock: Clock;
  rules: CaseRules;
  scheduler: SlaScheduler;
  log: Logger;
  /** Tests: Teams without an app id (authentication off). */
  teams?: { appId?: string; appPassword?: string; tenantId?: string };
  /** Tests: how soon the Slack workspace is asked again while auth.test fails. */
  slackWorkspace?: WorkspaceSettings;
  /** Tests: a short outbox backoff. */
  outbox?: { baseDelayMs?: number; maxAttempts?: number; pollMs?: number; leaseMs?: number };
  /** The Slack complaint forms' journal file (see intake-journal.ts); none in most tests. */
  slackIntakeJournal?: string;
  /** Spacing of posts to one Slack channel; Slack's tier (1 s) unless a test says otherwise. */
  slackPaceMs?: number;
}

/**
 * Use cases, their outbox and the chat adapters, wired together: a use case queues a message in
 * the outbox (in the database) and kicks the worker, which delivers it through the platform.
 */
export async function startChat(options: ChatOptions) {
  const { store, clock, log } = options;
  let worker: OutboxWorker | undefined;
  const services: Services = buildServices(store, {
    clock,
    rules: options.rules,
    scheduler: options.scheduler,
    notifier: {
      async queue(notification: Notification, queueing) {
        await store.outbox.enqueue(notification, clock.now(), queueing?.once);
        void worker?.drain().catch((error) => log.error({ err: error }, 'outbox delivery failed'));
      },
    },
  });
  const deps: SlackDeps = {
    services,
    complaints: store.complaints,
    clients: store.clients,
    d2Requests: store.d2Requests,
    roles: store.roles,
    announcements: {
      remember: (kind, id, at) =>
        kind === 'complaint'
          ? store.complaints.setAnnouncement(id, at)
          : store.d2Requests.setAnnouncement(id, at),
    },
    care: careServices(store, services),
    digest: digestServices(store, services),
    communications: communicationServices(store, services),
    routing: routingServices(store, services),
    settings: { settings: store.settings, roles: store.roles, clock, events: store.caseEvents },
    taxonomy: taxonomyServices(store, services),
    satisfaction: satisfactionServices(store, services),
    clientRegistry: store.clients,
    careLog: {
      recent: (limit, clientId) =>
        store.care.list(clientId ? { clientId } : {}, { sort: { at: -1 }, limit }),
    },
    publicUrl: options.config.publicUrl,
    registers: { export: (register, csv, period) => exportRegister(store, register, csv, period) },
    defaultLocale: options.config.defaultLocale,
    timeZone: options.config.timeZone,
    log,
  };
  const slackConfig = options.config.slack;
  const slack = slackConfig
    ? createSlackApp(
        {
          botToken: slackConfig.botToken,
          signingSecret: slackConfig.signingSecret,
          http: options.http,
          ...(slackConfig.socketMode && slackConfig.appToken
            ? { socketModeAppToken: slackConfig.appToken }
            : {}),
          slackApiUrl: slackConfig.apiUrl,
          ...(options.slackIntakeJournal ? { intakeJournal: options.slackIntakeJournal } : {}),
          workspace: {
            teamId: slackConfig.teamId,
            enterpriseId: slackConfig.enterpriseId,
            ...options.slackWorkspace,
          },
        },
        deps,
      )
    : undefined;
  if (slack) {
    void slack
      .start()
      .catch((error) => log.error({ err: error }, 'slack socket mode failed to start'));
  }
  const teamsSettings = options.teams ?? options.config.teams;
  // Teams (botbuilder, teams-ai: some 90 MB) is loaded only where it is configured.
  const teamsDeps = {
    ...deps,
    conversations: store.conversations,
    appId: teamsSettings?.appId ?? '',
  };
  const teams = teamsSettings
    ? (await import('./bot/teams/teams-app.js')).createTeamsApp(
        { ...teamsSettings, http: options.http },
        teamsDeps,
      )
    : undefined;
  const deliverers: Partial<Record<Platform, Deliver>> = {
    ...(slack
      ? {
          slack: slackDelivery(
            slack.client,
            deps,
            options.config.defaultLocale,
            options.slackPaceMs,
          ),
        }
      : {}),
    ...(teams
      ? {
          teams: (await import('./bot/teams/teams-delivery.js')).teamsDelivery(
            teams.adapter,
            teamsDeps,
            options.config.defaultLocale,
          ),
        }
      : {}),
  };
  if (slack || teams) {
    worker = outboxWorker(store.outbox, routed(deliverers, store), {
      clock,
      ...(options.outbox?.baseDelayMs ? { baseDelayMs: options.outbox.baseDelayMs } : {}),
      ...(options.outbox?.maxAttempts ? { maxAttempts: options.outbox.maxAttempts } : {}),
      ...(options.outbox?.leaseMs ? { leaseMs: options.outbox.leaseMs } : {}),
      onParked: (entry, error) =>
        log.error(
          { outboxId: entry.id, type: entry.notification.type, error },
          'message parked: a person must check it (last attempt failed, or a crash left it unsure)',
        ),
    });
    worker.start(options.outbox?.pollMs ?? 5_000, (error) =>
      log.error({ err: error }, 'outbox delivery failed'),
    );
  } else {
    const url = options.config.publicUrl.replace(/\/$/, '');
    log.warn(
      { slackEvents: `${url}/slack/events`, teamsMessages: `${url}/api/messages` },
      'no chat platform configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack posts to ' +
        'slackEvents) or TEAMS_APP_ID and TEAMS_APP_PASSWORD (the Azure Bot messaging endpoint is ' +
        'teamsMessages), then restart; README "Slack set-up" / "Microsoft Teams set-up" say how. ' +
        'Until then messages wait in the outbox.',
    );
  }
  return {
    services,
    slack,
    teams,
    worker,
    async stop() {
      await worker?.stop();
      await slack?.stop();
    },
  };
}
export type RunningChat = Awaited<ReturnType<typeof startChat>>;

/**
 * Each notification goes to the adapter of its platform; a missing adapter is a failure. The
 * messages of each platform are named apart, so a retry of a Slack + Teams set resends neither.
 */
function routed(deliverers: Partial<Record<Platform, Deliver>>, store: Store): Deliver {
  return async (notification, set) => {
    for (const platform of await platformsOrWait(notification, store)) {
      const deliver = deliverers[platform];
      if (!deliver) throw new Error(`no ${platform} adapter configured for ${notification.type}`);
      await deliver(notification, { once: (part, send) => set.once(`${platform}/${part}`, send) });
    }
  };
}
