import { timingSafeEqual } from 'node:crypto';
import type { Agenda } from 'agenda';
import { createExpressMiddleware } from 'agendash';
import type { Express, RequestHandler } from 'express';

export interface AdminCredentials {
  user: string;
  password: string;
}

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** HTTP basic auth against the configured admin; compared in constant time. */
export function basicAuth(credentials: AdminCredentials): RequestHandler {
  return (req, res, next) => {
    const [scheme, encoded = ''] = (req.headers.authorization ?? '').split(' ');
    const [user = '', ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
    if (
      scheme === 'Basic' &&
      same(user, credentials.user) &&
      same(rest.join(':'), credentials.password)
    )
      return next();
    res
      .set('WWW-Authenticate', 'Basic realm="Sportello admin", charset="UTF-8"')
      .status(401)
      .send('Authentication required');
  };
}

/**
 * The jobs dashboard (Agendash: queued, failed and locked jobs) under /admin/jobs, behind basic
 * auth; without ADMIN_USER/ADMIN_PASSWORD the admin pages are off.
 */
export function mountAdmin(
  app: Express,
  agenda: Agenda,
  credentials: AdminCredentials | undefined,
) {
  if (!credentials) {
    app.use('/admin', (_req, res) => {
      res
        .status(404)
        .send('Admin pages are off: set ADMIN_USER and ADMIN_PASSWORD to turn them on.');
    });
    return;
  }
  app.use('/admin', basicAuth(credentials));
  app.use('/admin/jobs', createExpressMiddleware(agenda));
}
