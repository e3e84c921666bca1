/**
 * The catalogue writes for Slack's mrkdwn: `*bold*` and emoji shortcodes. A Teams TextBlock reads
 * Markdown, where one asterisk is italics and a shortcode stays as typed
 * (learn.microsoft.com/adaptive-cards/authoring-cards/text-features: bold is `**`), so a notice is
 * translated before it goes into a card.
 */
const EMOJI: Record<string, string> = {
  envelope: '✉️',
  hourglass_flowing_sand: '⏳',
  memo: '📝',
  rotating_light: '🚨',
  telephone_receiver: '📞',
  warning: '⚠️',
  white_check_mark: '✅',
};

export const teamsMarkup = (text: string) =>
  text
    .replace(/:([a-z_]+):/g, (code, name: string) => EMOJI[name] ?? code)
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?=[^*\w]|$)/g, '$1**$2**');
