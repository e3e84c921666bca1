import { readFileSync } from 'node:fs';
import * as AC from 'adaptivecards';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/** Microsoft's Adaptive Card 1.5 schema, kept unchanged beside this file (see README.md). */
const SCHEMA_FILE = new URL('./adaptive-card-1.5.schema.json', import.meta.url);

function compileSchema() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addMetaSchema(draft06);
  // The schema's own annotations: `version` (the card version that introduced a property),
  // `features` and `example` (documentation only).
  ajv.addVocabulary(['version', 'features', 'example']);
  addFormats.default(ajv, ['uri', 'uri-reference']);
  // Its root names itself with draft-04's `id`, which Ajv 8 refuses: draft-06 spells it `$id`.
  const { id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { id: string };
  return {
    validate: ajv.compile({ $id: id, ...schema }),
    definition: (type: string) => ajv.getSchema(`${id}#/definitions/${type}`),
  };
}
let compiled: ReturnType<typeof compileSchema> | undefined;

type Node = Record<string, unknown>;
const at = (root: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, step) => (node as Node | undefined)?.[step.replace(/~1/g, '/')], root);

/** The pointer of the nearest object on the path that names its own `type` (an element, an action). */
function ownerOf(root: unknown, pointer: string): string {
  const steps = pointer.split('/').slice(1);
  for (let n = steps.length; n > 0; n--) {
    const prefix = `/${steps.slice(0, n).join('/')}`;
    if (typeof (at(root, prefix) as Node | undefined)?.type === 'string') return prefix;
  }
  return '';
}

/**
 * Where a card breaks the Adaptive Card 1.5 schema, one line per rule broken. The schema lets an
 * element be any of its definitions (`anyOf`), so Ajv reports every definition it tried; each
 * element is therefore checked again against the definition its own `type` names, and only the
 * rules of that definition are reported, at the element that breaks them.
 */
export function schemaIssues(card: unknown): string[] {
  compiled ??= compileSchema();
  if (compiled.validate(card)) return [];
  const owners = new Set(
    (compiled.validate.errors ?? []).map((e) => ownerOf(card, e.instancePath)),
  );
  return [...owners].flatMap((owner) => {
    // The top-level card may leave `type` out: the schema's root is the AdaptiveCard definition.
    const type = owner ? String((at(card, owner) as Node).type) : 'AdaptiveCard';
    const check = compiled!.definition(type);
    if (!check) return [`${owner || '/'} has an unknown type "${type}"`];
    if (check(at(card, owner))) return [];
    return (check.errors ?? [])
      .filter((e) => ownerOf(at(card, owner), e.instancePath) === '')
      .map((e) => describe(type, owner, e));
  });
}

const describe = (type: string, owner: string, e: ErrorObject) =>
  `${owner}${e.instancePath || ''} (${type}) ${e.message ?? e.keyword}${
    e.keyword === 'additionalProperties'
      ? `: ${String((e.params as { additionalProperty: string }).additionalProperty)}`
      : ''
  }`;

/** Problems the official Adaptive Cards SDK reports when it parses a card as version 1.5. */
export function sdkIssues(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as AC.PropertyBag, context);
  const issues: string[] = [];
  for (let i = 0; i < context.eventCount; i++) issues.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) issues.push(event.message);
  if ((card as { version?: string }).version !== '1.5') issues.push('card version is not 1.5');
  return issues;
}

/**
 * Teams' rule for Universal Actions: every Action.Execute carries an Action.Submit `fallback`
 * with the same data and its verb, for clients without Action.Execute ("Work with Universal
 * Actions for Adaptive Cards", section Backward compatibility → Teams, learn.microsoft.com/
 * microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/
 * work-with-universal-actions-for-adaptive-cards). The card's `refresh.action` is not a button:
 * a client without Universal Actions never runs it, so it needs none.
 */
export function universalActionIssues(card: unknown, path = ''): string[] {
  if (Array.isArray(card))
    return card.flatMap((item, i) => universalActionIssues(item, `${path}/${i}`));
  if (!card || typeof card !== 'object') return [];
  const node = card as Record<string, unknown>;
  const issues = Object.entries(node)
    .filter(([key]) => !(key === 'action' && path.endsWith('/refresh')) && key !== 'fallback')
    .flatMap(([key, value]) => universalActionIssues(value, `${path}/${key}`));
  if (node.type !== 'Action.Execute') return issues;
  const fallback = node.fallback as Record<string, unknown> | undefined;
  const expected = { ...(node.data as object | undefined), verb: node.verb };
  if (fallback?.type !== 'Action.Submit')
    return [
      ...issues,
      `${path} Action.Execute "${String(node.verb)}" has no Action.Submit fallback`,
    ];
  if (!sameData(fallback.data, expected))
    return [...issues, `${path} fallback of "${String(node.verb)}" does not carry the same data`];
  return issues;
}

const sameData = (a: unknown, b: Record<string, unknown>) =>
  !!a &&
  typeof a === 'object' &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([key, value]) => (a as Node)[key] === value);

/** Everything wrong with a card the bot sends or returns: schema, SDK, Teams' fallback rule. */
export const cardIssues = (card: unknown): string[] => [
  ...schemaIssues(card),
  ...sdkIssues(card),
  ...universalActionIssues(card),
];
