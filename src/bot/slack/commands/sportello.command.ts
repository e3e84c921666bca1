import type { SlackRoutes } from '../slack-routes.js';
import { TZDate } from '@date-fns/tz';
import { lastWeek, postDigest } from '../../../domain/kpi/digest.js';
import { BREAKDOWNS, type Indicators } from '../../../domain/kpi/kpi.js';
import type { WebClient } from '@slack/web-api';
import { REGISTER_NAMES } from '../../../domain/registers/registers.ports.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { registerHeader } from '../../../i18n/register-headers.js';
import { formatAmount, formatInstant, formatNumber } from '../../shared/format.js';
import { periodLabel } from '../blocks/digest-blocks.js';
import { ROLES } from '../../../domain/roles/role.js';
import { rolesCommand, setUpCommand } from './roles.js';
import { routingCommand } from './routing.command.js';
import { namesDigestPlace, slackDigestDestination, slackFollow } from './settings.command.js';
import { taxonomyCommand } from './taxonomy.command.js';
import { slackNeedsRole } from '../refuse-early.js';
import { COMMANDS } from '../../ids.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';

/**
 * `/sportello roles` lists roles; `/sportello roles @user DCOM,SCOM` assigns them (director or
 * admin only); `/sportello setup` makes the first user director and admin while nobody is.
 */
export function registerSportelloCommand(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.sportello, async ({ command, ack, client }) => {
    const { t, locale } = await localeOf(command.user_id);
    const me = slackUser({ id: command.user_id, name: command.user_name });
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const [verb = '', target = '', list = ''] = words;
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });

    if (verb === 'setup') return reply(await setUpCommand(deps, me, t));
    if (verb === 'export')
      return reply(await exportOnDemand(deps, me, command.channel_id, target, list, t, client));
    if (verb === 'care')
      return reply(
        (await slackNeedsRole(deps, me.id, 'care.read', t)) ??
          (await careRegisterList(deps, target, t)),
      );
    if (verb === 'kpi')
      return reply(await breakdownOnDemand(deps, me, target, list, command.text, t, locale));
    if (verb === 'follow') return reply(await slackFollow(deps, me, target, t));
    if (verb === 'digest' && namesDigestPlace(target))
      return reply(await slackDigestDestination(deps, me, command.channel_id, target, t));
    if (verb === 'digest')
      return reply(await digestOnDemand(deps, me, command.channel_id, target, list, t));
    if (verb === 'roles') return reply(await rolesCommand(deps, me, words.slice(1), t));
    if (verb === 'routing')
      return routingCommand(deps, { command, ack, client }, me, words.slice(1), t, locale);
    if (verb === 'taxonomy') return reply(await taxonomyCommand(deps, me, command.text, t));
    return reply(t('sportello.usage', { roles: ROLES.join(', ') }));
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `/sportello digest [from to]`: last week, or any period (both days included), in this channel. */
async function digestOnDemand(
  deps: SlackDeps,
  me: ChatUser,
  channel: string,
  from: string,
  to: string,
  t: Translate,
): Promise<string> {
  const refusal = await slackNeedsRole(deps, me.id, 'kpi.digest', t);
  if (refusal) return refusal;
  const now = deps.services.clock.now();
  let period = lastWeek(now, deps.timeZone);
  if (from || to) {
    if (!DAY.test(from) || !DAY.test(to) || from > to) return t('digest.usage');
    // Midnight where the company is; the day after `to`, so that `to` is included.
    const midnight = (day: string, plus = 0) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return new Date(new TZDate(y, m - 1, d + plus, deps.timeZone).getTime());
    };
    period = { from: midnight(from), to: midnight(to, 1) };
  }
  await postDigest(deps.digest, { platform: 'slack', channel }, period);
  return t('digest.posted', periodLabel({ period } as Indicators, deps.timeZone));
}

/** `/sportello export complaints|care|communications|d2 [;]`: the register as a CSV file here. */
async function exportOnDemand(
  deps: SlackDeps,
  me: ChatUser,
  channel: string,
  register: string,
  separator: string,
  t: Translate,
  client: WebClient,
): Promise<string> {
  const refusal = await slackNeedsRole(deps, me.id, 'registers.export', t);
  if (refusal) return refusal;
  const name = REGISTER_NAMES.find((r) => r === register);
  if (!name) return t('export.usage', { registers: REGISTER_NAMES.join(' | ') });
  const options = {
    separator: separator === ';' ? (';' as const) : (',' as const),
    bom: true,
    timeZone: deps.timeZone,
    header: registerHeader(t),
  };
  const { csv, rows } = await deps.registers.export(name, options);
  await client.filesUploadV2({
    channel_id: channel,
    content: csv,
    filename: `${name}.csv`,
    title: t(`register.${name}`),
  });
  return t('export.done', { register: t(`register.${name}`), rows });
}

/** `/sportello kpi department|product|problemCode|clientClass [from to]`: last week unless given. */
async function breakdownOnDemand(
  deps: SlackDeps,
  me: ChatUser,
  dimension: string,
  from: string,
  text: string,
  t: Translate,
  locale: Locale,
): Promise<string> {
  const refusal = await slackNeedsRole(deps, me.id, 'kpi.digest', t);
  if (refusal) return refusal;
  const by = BREAKDOWNS.find((b) => b.toLowerCase() === dimension.toLowerCase());
  if (!by) return t('kpi.usage', { dimensions: BREAKDOWNS.join(' | ') });
  const to = text.trim().split(/\s+/)[3] ?? '';
  let period = lastWeek(deps.services.clock.now(), deps.timeZone);
  if (from || to) {
    if (!DAY.test(from) || !DAY.test(to) || from > to)
      return t('kpi.usage', { dimensions: BREAKDOWNS.join(' | ') });
    const midnight = (day: string, plus = 0) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return new Date(new TZDate(y, m - 1, d + plus, deps.timeZone).getTime());
    };
    period = { from: midnight(from), to: midnight(to, 1) };
  }
  const rows = await deps.digest.kpi.breakdown(period, by);
  const least = await deps.digest.kpi.leastSatisfied(period, 3);
  const label = periodLabel({ period } as Indicators, deps.timeZone);
  const lines = rows.slice(0, 15).map((r) =>
    t('kpi.row', {
      key: r.key.replace(/[<>&*]/g, ''),
      opened: r.opened,
      closed: r.closed,
      cost: formatAmount(r.costEur, locale),
      satisfaction:
        r.satisfaction === null ? t('digest.na') : formatNumber(r.satisfaction, locale, 2),
    }),
  );
  const unhappy = least
    .map(
      (l) =>
        `${l.clientName.replace(/[<>&*]/g, '')} ${formatNumber(l.average, locale, 2)} (${l.answers})`,
    )
    .join(' · ');
  return [
    t('kpi.title', { by: t(`kpi.by.${by}`), ...label }),
    ...(lines.length ? lines : [t('home.none')]),
    t('kpi.least', { clients: unhappy || t('digest.none') }),
  ].join('\n');
}

/** `/sportello care [CLIENT CODE]`: the latest lines of the Customer Care Register (07_A9). */
async function careRegisterList(deps: SlackDeps, code: string, t: Translate): Promise<string> {
  const client = code ? await deps.clientRegistry.findByCode(code) : undefined;
  if (code && !client) return t('error.COMPLAINT.CLIENT_NOT_FOUND');
  const calls = await deps.careLog.recent(15, client?.id);
  const names = new Map<string, string>();
  for (const call of calls) {
    if (!names.has(call.clientId))
      names.set(call.clientId, (await deps.clients.find(call.clientId))?.code ?? call.clientId);
  }
  const rows = calls.map((c) =>
    t('care.list.row', {
      at: formatInstant(c.at, 'it', deps.timeZone),
      client: names.get(c.clientId) ?? '',
      channel: t(`channel.${c.channel}`),
      outcome: c.outcome.slice(0, 120).replace(/[<>&]/g, ''),
    }),
  );
  return [t('care.list.header'), ...(rows.length ? rows : [t('home.none')])].join('\n');
}
