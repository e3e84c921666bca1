import type { AnyMiddlewareArgs, Middleware, RespondFn } from '@slack/bolt';
import { translator, type Locale, type Translate } from '../../i18n/translate.js';
import type { ChatLog } from '../shared/chat-deps.js';
import type { SlackWorkspace } from './workspace.js';

type Ack = (response?: object) => Promise<void>;
type GateArgs = AnyMiddlewareArgs & {
  ack?: Ack;
  respond?: RespondFn;
  context: { teamId?: string; enterpriseId?: string };
};

/**
 * Admits only our workspace's requests, with the team Bolt read from the payload. Another
 * workspace's (or one with no team and no configured enterprise) is acknowledged and dropped;
 * while the workspace is still unknown the person is told to retry, and a form stays open with
 * what they typed, so nothing is accepted unchecked and nothing vanishes.
 */
export function workspaceGate(
  workspace: SlackWorkspace,
  log: ChatLog,
  locale: Locale,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, body, next, ack, respond } = args as GateArgs & { next: () => Promise<void> };
    const admission = workspace.admit(context.teamId, context.enterpriseId);
    if (admission === 'ours') return void (await next());
    const where = { team: context.teamId, enterprise: context.enterpriseId };
    if (admission === 'foreign') {
      log.warn(where, 'slack request from outside the workspace refused');
      return void (await ack?.());
    }
    log.warn(where, 'slack request refused: the workspace is not known yet');
    await askToRetry(body, ack, respond, translator(locale));
  };
}

/** The refusal each kind of request can show: form errors, a command reply, an ephemeral. */
async function askToRetry(
  body: unknown,
  ack: Ack | undefined,
  respond: RespondFn | undefined,
  t: Translate,
) {
  const text = t('error.slack_connecting');
  const payload = body as {
    type?: string;
    command?: string;
    view?: { state?: { values?: Record<string, unknown> } };
  };
  if (payload.type === 'view_submission') {
    const block = Object.keys(payload.view?.state?.values ?? {})[0];
    if (block) return ack?.({ response_action: 'errors', errors: { [block]: text } });
    return ack?.({ response_action: 'push', view: notice(text, t('modal.back')) });
  }
  if (payload.command) return ack?.({ response_type: 'ephemeral', text });
  if (payload.type === 'block_suggestion') return ack?.({ options: [] });
  await ack?.();
  await respond?.({ response_type: 'ephemeral', replace_original: false, text }).catch(
    () => undefined,
  );
}

function notice(text: string, back: string) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Sportello' },
    close: { type: 'plain_text' as const, text: back },
    blocks: [{ type: 'section' as const, text: { type: 'plain_text' as const, text } }],
  };
}
