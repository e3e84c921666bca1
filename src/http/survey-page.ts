import express, { type Express, type Request } from 'express';
import { answerSurvey } from '../domain/satisfaction/record-satisfaction.js';
import type { SatisfactionServices } from '../domain/satisfaction/satisfaction.ports.js';
import { pickLocale, translator, type Locale, type Translate } from '../i18n/translate.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(locale: Locale, t: Translate, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t('survey.title'))}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
  fieldset { border: 1px solid #767676; border-radius: .5rem; padding: 1rem; }
  label { display: inline-flex; align-items: center; gap: .25rem; margin-right: 1rem; font-size: 1.1rem; }
  textarea { width: 100%; min-height: 6rem; font: inherit; }
  button { margin-top: 1rem; font: inherit; padding: .6rem 1.4rem; background: #1f4e79; color: #fff; border: 0; border-radius: .4rem; }
  button:focus, input:focus, textarea:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
  .error { color: #a00000; font-weight: 600; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function form(t: Translate, number: string, error?: string): string {
  const options = [1, 2, 3, 4, 5]
    .map((n) => `<label><input type="radio" name="rating" value="${n}" required> ${n}</label>`)
    .join('\n');
  return `<h1>${escape(t('survey.title'))}</h1>
<p>${escape(t('survey.intro', { number }))}</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post">
<fieldset>
<legend>${escape(t('survey.rating'))}</legend>
${options}
</fieldset>
<p><label for="comment">${escape(t('survey.comment'))}</label></p>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escape(t('survey.submit'))}</button>
</form>`;
}

const message = (t: Translate, key: Parameters<Translate>[0]) =>
  `<h1>${escape(t('survey.title'))}</h1><p role="status">${escape(t(key))}</p>`;

/** The customer's one-time satisfaction survey, served by the bot itself at /survey/<token>. */
export function mountSurvey(app: Express, services: SatisfactionServices, defaultLocale: Locale) {
  const localeOf = (req: Request) =>
    pickLocale(String(req.query.lang ?? req.headers['accept-language'] ?? ''), defaultLocale);
  const send = (res: express.Response, status: number, locale: Locale, body: string) =>
    res
      .status(status)
      .set(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      )
      .type('html')
      .send(page(locale, translator(locale), body));

  app.get('/survey/:token', async (req, res) => {
    const locale = localeOf(req);
    const t = translator(locale);
    const found = await services.surveys.find(String(req.params.token));
    if (!found) return send(res, 404, locale, message(t, 'survey.unknown'));
    if (found.answered) return send(res, 410, locale, message(t, 'survey.used'));
    if (found.expiresAt <= services.clock.now())
      return send(res, 410, locale, message(t, 'survey.expired'));
    const complaint = await services.complaints.get(found.complaintId);
    send(res, 200, locale, form(t, complaint?.number ?? ''));
  });

  app.post(
    '/survey/:token',
    express.urlencoded({ extended: false, limit: '10kb' }),
    async (req, res) => {
      const locale = localeOf(req);
      const t = translator(locale);
      const body = req.body as Record<string, unknown>;
      const result = await answerSurvey(services, String(req.params.token), {
        rating: body.rating,
        comment: typeof body.comment === 'string' ? body.comment : undefined,
      });
      if (result.ok) return send(res, 200, locale, message(t, 'survey.thanks'));
      const code = result.error.code;
      if (code === 'SURVEY.UNKNOWN') return send(res, 404, locale, message(t, 'survey.unknown'));
      if (code === 'SURVEY.USED') return send(res, 410, locale, message(t, 'survey.used'));
      if (code === 'SURVEY.EXPIRED') return send(res, 410, locale, message(t, 'survey.expired'));
      const found = await services.surveys.find(String(req.params.token));
      const complaint = found && (await services.complaints.get(found.complaintId));
      send(res, 400, locale, form(t, complaint?.number ?? '', t('survey.invalid')));
    },
  );
}
