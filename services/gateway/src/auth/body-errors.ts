import type { ErrorRequestHandler } from 'express';

/**
 * A body that does not parse (a sign-in, a GraphQL request) answers a plain
 * 400 or 413 that never repeats it: JSON.parse's message can quote the body,
 * and a body may hold a password. Other errors go on to Express's handler.
 */
export const bodyErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: unknown }).type;
  if (res.headersSent || typeof type !== 'string' || !type.startsWith('entity.')) {
    next(error);
    return;
  }
  const tooLarge = type === 'entity.too.large';
  res
    .status(tooLarge ? 413 : 400)
    .json({ error: tooLarge ? 'The request body is too large' : 'The request body is not valid JSON' });
};
