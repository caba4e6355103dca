const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Browser clients run by developers (MCP Inspector and the like) are served from loopback origins. */
export function isLoopbackOrigin(origin) {
  const url = URL.parse(origin ?? '');
  return !!url && ['http:', 'https:'].includes(url.protocol) && loopbackHosts.has(url.hostname);
}
