const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text ?? '').replace(/[&<>"']/g, (character) => escapes[character]);

/** Plain HTML that works without JavaScript, one label per field. */
function page(title, main) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
label, input, button { display: block; width: 100%; box-sizing: border-box; }
input { margin: 0.25rem 0 1rem; padding: 0.5rem; }
button { padding: 0.6rem; margin-bottom: 0.5rem; }
.error { color: #a40000; }
code { overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** The sign-in form. */
export function loginPage({ realmName, clientName, username = '', error }) {
  return page(`Sign in - ${realmName}`, `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(clientName)} (${escapeHtml(realmName)}, development only)</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`);
}

/**
 * The consent page: which client (its name is the client's own claim, so its id and where it sends the
 * answer are shown too), as whom, and what it would get.
 */
export function consentPage({ realmName, clientName, request, describeScope }) {
  const scopeItems = (scopes) => scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code> ${escapeHtml(describeScope(scope))}</li>`).join('\n');
  const resources = request.resources.map((resource) => `<p>Access to <code>${escapeHtml(resource.uri)}</code>${resource.scopes.length
    ? ` with:</p>\n<ul>\n${scopeItems(resource.scopes)}\n</ul>`
    : ' (no permissions you hold were asked for).</p>'}`).join('\n');
  const identity = request.openIdScopes.length
    ? `<p>Your identity: <code>${escapeHtml(request.openIdScopes.join(' '))}</code></p>`
    : '';
  return page(`Allow access - ${realmName}`, `<h1>Allow access?</h1>
<p><strong>${escapeHtml(clientName)}</strong> (client <code>${escapeHtml(request.clientId)}</code>, returning to
<code>${escapeHtml(request.redirectHost)}</code>) asks to act as <strong>${escapeHtml(request.accountId)}</strong>
(${escapeHtml(realmName)}, development only).</p>
${resources}
${identity}
<p>Only approve a client you started yourself.</p>
<form method="post">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`);
}

export function expiredPage() {
  return page('Sign-in expired', '<h1>Sign-in expired</h1><p>This sign-in link is no longer valid. Start again from the application.</p>');
}
