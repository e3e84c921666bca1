import type { WebClient } from '@slack/web-api';
import type { Home, Modal } from './blocks/block-kit-surfaces.js';

/**
 * The one way the bot opens a modal or publishes App Home: the view goes as the JSON-encoded
 * string Slack's Web API accepts for `view` (docs.slack.dev/reference/methods/views.open). Given
 * an object, the WebClient (8.x) copies it key by key and stringifies it for a debug line it
 * builds whatever the log level, then stringifies it again for the form body; a string passes
 * through. The complaint form (4.5 KB): 0.25-0.34 ms of the WebClient's CPU per views.open as an
 * object, 0.11-0.18 ms as a string, JSON.stringify included (bench/RESULTS.md, Ack latency).
 */
export function openModal(client: WebClient, triggerId: string, view: Modal) {
  return client.apiCall('views.open', { trigger_id: triggerId, view: JSON.stringify(view) });
}

export function publishHome(client: WebClient, userId: string, view: Home) {
  return client.apiCall('views.publish', { user_id: userId, view: JSON.stringify(view) });
}
