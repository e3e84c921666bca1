import type { App } from '@slack/bolt';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { D2Request } from '../../../domain/d2/d2-request.js';
import { signalOf } from '../../../domain/sla/sla-clocks.js';
import type { Translate } from '../../../i18n/translate.js';
import { escapeText, md, plainText, type Block } from '../blocks/block-kit.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';

const SIGNAL_ICON = {
  on_time: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  breached: ':red_circle:',
};

/** App Home: my open cases with their SLA state; for the director what waits for a signature. */
export function registerAppHome(app: App, deps: SlackDeps, localeOf: LocaleOf) {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const { t } = await localeOf(event.user);
    const me = slackUser({ id: event.user });
    const roles = await deps.roles.rolesOf(me);
    const now = deps.services.clock.now();
    const blocks: Block[] = [{ type: 'header', text: plainText(t('home.title')) }];
    section(
      blocks,
      t('home.mine'),
      (await deps.complaints.openFor(me, 20)).map((c) => caseLine(c, now, t)),
      t,
    );
    if (roles.includes('DCOM')) {
      const approvals = (await deps.complaints.awaitingApproval(20)).map((c) =>
        caseLine(c, now, t),
      );
      const d2s = (await deps.d2Requests.awaitingSignature(20)).map(d2Line);
      section(blocks, t('home.toSign'), [...approvals, ...d2s], t);
    }
    if (roles.includes('SCOM'))
      section(blocks, t('home.toArchive'), (await deps.d2Requests.toArchive(20)).map(d2Line), t);
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });
}

function section(blocks: Block[], title: string, lines: string[], t: Translate) {
  blocks.push({ type: 'divider' }, { type: 'section', text: md(`*${title}*`) });
  blocks.push({ type: 'section', text: md(lines.length ? lines.join('\n') : t('home.none')) });
}

function caseLine(c: Complaint, now: Date, t: Translate): string {
  const worst =
    c.slaClocks.map((k) => signalOf(k, now)).find((s) => s === 'breached') ??
    c.slaClocks.map((k) => signalOf(k, now)).find((s) => s === 'warning') ??
    'on_time';
  return `${SIGNAL_ICON[worst]} *${c.number}* ${c.priority} · ${t(`status.${c.status}`)} · ${escapeText(c.product.slice(0, 60))}`;
}

const d2Line = (d: D2Request) => `• *${d.number}* ${escapeText(d.reason.slice(0, 80))}`;
