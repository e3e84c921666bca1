import { OPTIONS, VIEWS } from '../../src/bot/ids.js';
import { input, viewSubmission } from '../../test/support/slack-requests.js';

/** The n-th signed complaint form of a bench run: a valid submission that files a case. */
export const complaintForm = (label: string, n: number, clientId: string) =>
  viewSubmission('U0OP', {
    id: `V${label}${n}`,
    callbackId: VIEWS.complaint,
    values: {
      client: input.external(OPTIONS.client, clientId),
      product: input.text(`Prodotto ${label} ${n}`),
      description: input.text(`Guasto numero ${n}`),
      problemCode: input.text(`B-${n % 40}`),
      category: input.text('bench'),
      department: input.text('assistenza'),
      priority: input.radio((['P1', 'P2', 'P3'] as const)[n % 3]!),
      channel: input.select('phone'),
      warranty: input.select('unknown'),
    },
  });
