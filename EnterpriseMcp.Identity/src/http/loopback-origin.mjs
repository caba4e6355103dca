const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An http(s) URL on this machine: what a native app listens on for its redirect (RFC 8252 §7.3). */
export function isLoopbackUrl(text) {
  const url = URL.parse(text ?? '');
  return !!url && ['http:', 'https:'].includes(url.protocol) && loopbackHosts.has(url.hostname);
}

/** Browser clients run by developers (MCP Inspector and the like) are served from loopback origins. */
export const isLoopbackOrigin = isLoopbackUrl;
