import { describe, expect, it } from 'vitest';
import { slackPace } from '../../../src/bot/slack/slack-pace.js';
import { DeliveryDeferred } from '../../../src/domain/shared/delivery.ports.js';

// Lower bounds only: a busy machine can make a wait longer, never shorter.
describe("Slack's pace: chat.postMessage about 1 per second per channel, 429 rests the method", () => {
  it('spaces posts to one channel by the spacing, in the order they asked', async () => {
    const pace = slackPace(300);
    const started = Date.now();
    const admitted: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async (i) => {
        await pace.admit('chat.postMessage', 'C1');
        admitted[i] = Date.now() - started;
      }),
    );
    // Slots count from the first admission: a late wake-up of one post may shorten the gap seen
    // to the next (CI saw 288 ms under load), never bring the next before its slot.
    expect(admitted[1]!).toBeGreaterThanOrEqual(290);
    expect(admitted[2]!).toBeGreaterThanOrEqual(580);
    expect(admitted[2]!).toBeGreaterThanOrEqual(admitted[1]!);
  });

  it('lets a post to another channel through without waiting for the first one', async () => {
    const pace = slackPace(60_000);
    await pace.admit('chat.postMessage', 'C1');
    // A minute-long slot in C1 must not hold C2 up: the test would time out.
    await pace.admit('chat.postMessage', 'C2');
  });

  it('after a 429 refuses the method at once, saying how long to wait, and then lets it go', async () => {
    const pace = slackPace(0);
    pace.limited('chat.update', 200);
    const refused = await pace.admit('chat.update').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryDeferred);
    expect((refused as DeliveryDeferred).retryAfterMs).toBeGreaterThan(0);
    expect((refused as DeliveryDeferred).retryAfterMs).toBeLessThanOrEqual(200);
    await pace.admit('chat.postMessage', 'C1'); // another method is not resting
    await new Promise((resolve) => setTimeout(resolve, 220));
    await pace.admit('chat.update');
  });
});
