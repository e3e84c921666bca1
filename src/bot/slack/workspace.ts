import type { WebClient } from '@slack/web-api';
import type { ChatLog } from '../shared/chat-deps.js';

/** The workspace the bot token belongs to, and the bot's own ids in it. */
export interface Workspace {
  teamId: string;
  botId?: string;
  botUserId?: string;
}

export interface WorkspaceSettings {
  /** SLACK_TEAM_ID: admits the workspace's requests before auth.test has answered. */
  teamId?: string;
  /** SLACK_ENTERPRISE_ID: admits org-wide payloads that carry no team id. */
  enterpriseId?: string;
  /** Fewest milliseconds between two auth.test calls, whoever asks (requests or the retry). */
  minIntervalMs?: number;
  /** Longest pause between two background retries. */
  maxRetryMs?: number;
  /** How long a request waits for an auth.test it started. */
  requestWaitMs?: number;
}

/** ours: go on; foreign: another workspace (or none) — refused; unknown: not learnt yet. */
export type Admission = 'ours' | 'foreign' | 'unknown';

/**
 * Learns the workspace with auth.test once, at start-up, and retries it in the background with
 * backoff until it answers. Requests that arrive before then may ask again, but every ask is
 * shared and at most one per `minIntervalMs` goes out: auth.test calls are bounded by time,
 * never by traffic.
 */
export function slackWorkspace(client: WebClient, settings: WorkspaceSettings, log: ChatLog) {
  const minInterval = settings.minIntervalMs ?? 10_000;
  const maxRetry = settings.maxRetryMs ?? 5 * 60_000;
  let learnt: Workspace | undefined;
  let asking: Promise<Workspace | undefined> | undefined;
  let lastAsked = -Infinity;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const ask = (): Promise<Workspace | undefined> => {
    if (learnt || asking || performance.now() - lastAsked < minInterval)
      return asking ?? Promise.resolve(learnt);
    lastAsked = performance.now();
    asking = client.auth
      .test()
      .then((auth) => {
        if (!auth.team_id) throw new Error('auth.test named no team');
        if (settings.teamId && settings.teamId !== auth.team_id)
          log.error(
            { configured: settings.teamId, token: auth.team_id },
            'SLACK_TEAM_ID is not the workspace of SLACK_BOT_TOKEN: the token’s is used',
          );
        learnt = { teamId: auth.team_id, botId: auth.bot_id, botUserId: auth.user_id };
        log.info({ team: auth.team, bot: auth.user }, 'slack connected');
        return learnt;
      })
      .catch((error: Error) => {
        log.warn(
          { err: error },
          'slack token check failed: is SLACK_BOT_TOKEN right and Slack reachable?',
        );
        return undefined;
      })
      .finally(() => (asking = undefined));
    return asking;
  };

  const retryLater = (delay: number) => {
    if (stopped || learnt) return;
    retry = setTimeout(() => {
      void ask().then(() => retryLater(Math.min(delay * 2, maxRetry)));
    }, delay).unref();
  };

  const known = (): Workspace | undefined =>
    learnt ?? (settings.teamId ? { teamId: settings.teamId } : undefined);

  return {
    known,
    /** Start-up: one auth.test; when it fails, background retries until one succeeds. */
    async start() {
      stopped = false;
      if (!(await ask())) retryLater(Math.max(minInterval, 1));
    },
    stop() {
      stopped = true;
      clearTimeout(retry);
    },
    /** For a request: what is known, after a short wait for a shared auth.test if nothing is. */
    async forRequest(): Promise<Workspace | undefined> {
      if (learnt) return learnt;
      const asked = ask();
      if (settings.teamId) return known();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), settings.requestWaitMs ?? 1_500);
      });
      await Promise.race([asked, waited]);
      clearTimeout(timer);
      return known();
    },
    /** Whether a payload from `teamId` / `enterpriseId` (as Bolt read them) is ours. */
    admit(teamId: string | undefined, enterpriseId: string | undefined): Admission {
      if (!teamId)
        return settings.enterpriseId && enterpriseId === settings.enterpriseId ? 'ours' : 'foreign';
      const workspace = known();
      if (!workspace) return 'unknown';
      return teamId === workspace.teamId ? 'ours' : 'foreign';
    },
  };
}
export type SlackWorkspace = ReturnType<typeof slackWorkspace>;
