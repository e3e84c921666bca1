import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { attachment, type Card } from './cards/adaptive.js';

type Data = Record<string, unknown>;
type CardHandler = (turn: TurnContext, state: TurnState, data: Data) => Promise<Card>;

/**
 * One card button, two ways in: Action.Execute (an invoke answered with the new card) and the
 * Action.Submit fallback of Teams clients without Universal Actions (a message whose value holds
 * the data and the verb), answered by replacing the card it came from. Teams asks bots to handle
 * both ("Work with Universal Actions for Adaptive Cards" → Backward compatibility → Teams).
 */
export function onCardAction(app: Application<TurnState>, verb: string, handler: CardHandler) {
  app.adaptiveCards.actionExecute<Data>(verb, handler);
  app.adaptiveCards.actionSubmit<Data>(verb, async (turn, state, data) => {
    const card = await handler(turn, state, data);
    const answer = { type: 'message' as const, attachments: [attachment(card)] };
    const from = turn.activity.replyToId;
    if (from) await turn.updateActivity({ ...answer, id: from });
    else await turn.sendActivity(answer);
  });
}
