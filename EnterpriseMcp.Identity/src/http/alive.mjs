/** GET /alive: 200 once the server accepts requests; scripts wait on it. */
export async function alive(ctx, next) {
  if (ctx.path !== '/alive') return next();
  ctx.set('cache-control', 'no-store');
  ctx.type = 'text/plain';
  ctx.body = 'alive';
}
