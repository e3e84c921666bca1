import type { App } from '@slack/bolt';
import { z } from 'zod';
import { registerQuickClient } from '../../../domain/client/register-client.js';
import {
  FileComplaintInputSchema,
  fileComplaint,
} from '../../../domain/complaint/file-complaint.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import { parseInput } from '../../../domain/shared/input.js';
import { ok, type Result } from '../../../domain/shared/result.js';
import { NEW_CLIENT_PREFIX } from '../options/client-options.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import { VIEWS } from '../../ids.js';
import { refusalText } from '../../shared/refusal-text.js';
import { registrationMessage } from '../../shared/registration-message.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { amount, chosen, fieldErrors, readViewState, text } from './view-state.js';
import { metadataOf, tellUser } from './view-reply.js';

const ComplaintMetadataSchema = z.object({
  channel: z.string().max(30).optional(),
  sourceMessageUrl: z.string().url().max(1000).optional(),
});

/** Domain field → the block that shows its error. */
const FORM_BLOCKS = [
  'product',
  'description',
  'problemCode',
  'category',
  'department',
  'priority',
  'estimatedCostEur',
  'warranty',
  'channel',
  'remedyRequested',
  'reportedBy',
];
const BLOCK_OF: Record<string, string> = {
  ...Object.fromEntries(FORM_BLOCKS.map((block) => [block, block])),
  clientId: 'client',
  changesProductFunctionality: 'flags',
  outsidePolicy: 'flags',
};

/** Submitting the complaint form registers the case; field problems go back onto the form. */
export function registerComplaintSubmit(app: App, deps: SlackDeps, localeOf: LocaleOf) {
  app.view(VIEWS.complaint, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const metadata = metadataOf(ComplaintMetadataSchema, view.private_metadata);
    const values = readViewState(view.state);
    const flags = chosen(values, 'flags');
    const by = slackUser(body.user);
    const intakeKey = `slack:view:${view.id}`;
    const form = {
      product: text(values, 'product') ?? '',
      description: text(values, 'description') ?? '',
      problemCode: text(values, 'problemCode') ?? '',
      category: text(values, 'category') ?? '',
      department: text(values, 'department') ?? '',
      priority: text(values, 'priority'),
      channel: text(values, 'channel'),
      warranty: text(values, 'warranty'),
      estimatedCostEur: amount(values, 'estimatedCostEur'),
      changesProductFunctionality: flags.includes('changesProductFunctionality'),
      outsidePolicy: flags.includes('outsidePolicy'),
      remedyRequested: text(values, 'remedyRequested'),
      reportedBy: text(values, 'reportedBy'),
      sourceMessageUrl: metadata.sourceMessageUrl,
      intakeKey,
    };
    const chosenClient = await clientFor(deps, by, text(values, 'client'), form, intakeKey);
    const result = chosenClient.ok
      ? await fileComplaint(deps.services, by, { ...form, clientId: chosenClient.value })
      : chosenClient;
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = problems.length
        ? fieldErrors(problems, t, (field) => BLOCK_OF[field])
        : {
            [result.error.code.includes('CLIENT') ? 'client' : 'description']: refusalText(
              result,
              t,
            ),
          };
      await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { description: refusalText(result, t) },
      });
      return;
    }
    await ack();
    const { complaint, route } = result.value;
    const message = registrationMessage(complaint, route, t, (id) => `<#${id}>`);
    await tellUser(client, body.user.id, metadata.channel, message);
  });
}

/**
 * The chosen client's id; "new client: <name>" registers it first — only once the rest of the
 * form is valid, and not again when Slack retries a submission that already filed its case.
 */
async function clientFor(
  deps: SlackDeps,
  by: ChatUser,
  chosenValue: string | undefined,
  form: object,
  intakeKey: string,
): Promise<Result<string>> {
  if (!chosenValue?.startsWith(NEW_CLIENT_PREFIX)) return ok(chosenValue ?? '');
  const filed = await deps.services.complaints.findByIntakeKey(intakeKey);
  if (filed) return ok(filed.clientId);
  const rest = parseInput(FileComplaintInputSchema, { ...form, clientId: PLACEHOLDER_ID });
  if (!rest.ok) return rest;
  const name = chosenValue.slice(NEW_CLIENT_PREFIX.length);
  const created = await registerQuickClient(deps.services, by, { name });
  return created.ok ? ok(created.value.id) : created;
}
const PLACEHOLDER_ID = '0'.repeat(24);
