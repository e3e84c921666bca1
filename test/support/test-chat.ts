import type { Express } from 'express';
import type { WorkspaceSettings } from '../../src/bot/slack/workspace.js';
import { startChat, type ChatOptions, type RunningChat } from '../../src/chat.js';
import type { CaseRules } from '../../src/domain/complaint/complaint.ports.js';
import type { Clock, SlaScheduler } from '../../src/domain/shared/shared.ports.js';
import type { Locale } from '../../src/i18n/translate.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Store } from '../../src/store/index.js';
import { romeRules } from './calendar.js';
import { SIGNING_SECRET } from './slack-requests.js';

export interface TestChatOptions {
  /** The Slack stub's API URL: Slack runs when given. */
  slackApiUrl?: string;
  /** Teams without an app id (authentication off), optionally bound to one tenant. */
  teams?: boolean | { tenantId: string };
  clock?: Clock;
  outbox?: ChatOptions['outbox'];
  /** Spacing of posts per Slack channel (production: Slack's 1 s); none unless asked. */
  slackPaceMs?: number;
  /** Where the bot logs (to hear what it reports); silent unless TEST_LOG says otherwise. */
  log?: Logger;
  /** Configured team/enterprise and auth.test retry timings for the Slack workspace. */
  slackWorkspace?: WorkspaceSettings;
  /** Real SLA reminders (Agenda); none by default. */
  scheduler?: SlaScheduler;
  /** The deployment's language (messages the bot sends on its own); Italian by default. */
  defaultLocale?: Locale;
  /** The company's rules; the seed company's (romeRules) by default. */
  rules?: CaseRules;
}

/**
 * The real chat layer (use cases, outbox, Bolt and/or teams-ai) on a store and an express app,
 * with the seed company's rules and a short outbox backoff: what every bot test starts.
 */
export function startTestChat(
  store: Store,
  http: Express,
  options: TestChatOptions,
): Promise<RunningChat> {
  return startChat({
    config: {
      slack: options.slackApiUrl
        ? {
            botToken: 'xoxb-test',
            signingSecret: SIGNING_SECRET,
            appToken: undefined,
            socketMode: false,
            apiUrl: options.slackApiUrl,
            teamId: undefined,
            enterpriseId: undefined,
          }
        : undefined,
      teams: undefined,
      defaultLocale: options.defaultLocale ?? 'it',
      timeZone: 'Europe/Rome',
      publicUrl: 'http://127.0.0.1:1',
    },
    ...(options.teams ? { teams: options.teams === true ? {} : options.teams } : {}),
    ...(options.slackWorkspace ? { slackWorkspace: options.slackWorkspace } : {}),
    store,
    http,
    clock: options.clock ?? { now: () => new Date() },
    rules: options.rules ?? romeRules('C0TRIAGE'),
    scheduler: options.scheduler ?? { reschedule: async () => undefined },
    log: options.log ?? createLogger(process.env.TEST_LOG ?? 'silent'),
    slackPaceMs: options.slackPaceMs ?? 0,
    outbox: options.outbox ?? { baseDelayMs: 50, maxAttempts: 6, pollMs: 100 },
  });
}
