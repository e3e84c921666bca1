import { ANY, type RoutingRule } from '../../domain/routing/routing-rule.js';
import type { Refusal } from '../../domain/shared/result.js';
import type { ChatDestination, ChatUser } from '../../domain/shared/chat-user.js';
import type { Translate } from '../../i18n/translate.js';
import { refusalText } from './refusal-text.js';

/** How a platform names people and channels in its own text (`<@U…>`, `<#C…>`; a name). */
export interface Naming {
  user(user: ChatUser): string;
  channel(destination: ChatDestination): string;
  /** Typed text made safe for the platform's markup. */
  typed(text: string): string;
}

const value = (v: string, t: Translate, naming: Naming) =>
  v === ANY ? t('routing.any') : naming.typed(v);

/** One rule in a line: department · category · priority → channel, mentions, on call. */
export function ruleLine(rule: RoutingRule, t: Translate, naming: Naming, n?: number): string {
  const line = t('routing.list.row', {
    n: n ?? '',
    department: value(rule.department, t, naming),
    category: value(rule.category, t, naming),
    priority: value(rule.priority, t, naming),
    channel: naming.channel(rule.destination),
    mention: rule.mention.length
      ? t('routing.list.mention', { people: rule.mention.map(naming.user).join(', ') })
      : '',
    onCall: rule.onCall ? t('routing.list.on_call', { person: naming.user(rule.onCall) }) : '',
  });
  return n === undefined ? line.replace(/^\.\s*/, '') : line;
}

/** A refusal of a routing change; a duplicate names the rule that already covers it. */
export function routingRefusalText(refusal: Refusal, t: Translate, naming: Naming): string {
  const d = refusal.error.details ?? {};
  if (refusal.error.code !== 'ROUTING.DUPLICATE') return refusalText(refusal, t);
  const named = (k: string) => value(String(d[k] ?? ''), t, naming);
  return t('error.ROUTING.DUPLICATE', {
    department: named('department'),
    category: named('category'),
    priority: named('priority'),
  });
}
