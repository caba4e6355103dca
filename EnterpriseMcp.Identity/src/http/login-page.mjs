const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text ?? '').replace(/[&<>"']/g, (character) => escapes[character]);

/** The sign-in form: plain HTML that works without JavaScript, one label per field. */
export function loginPage({ realmName, clientName, username = '', error }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - ${escapeHtml(realmName)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
label, input, button { display: block; width: 100%; box-sizing: border-box; }
input { margin: 0.25rem 0 1rem; padding: 0.5rem; }
button { padding: 0.6rem; }
.error { color: #a40000; }
</style>
</head>
<body>
<main>
<h1>Sign in</h1>
<p>to continue to ${escapeHtml(clientName)} (${escapeHtml(realmName)}, development only)</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`;
}

export function expiredPage() {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in expired</title></head>
<body><main><h1>Sign-in expired</h1><p>This sign-in link is no longer valid. Start again from the application.</p></main></body>
</html>
`;
}
