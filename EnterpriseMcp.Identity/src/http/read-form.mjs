const limitBytes = 16 * 1024;

/** Reads a small application/x-www-form-urlencoded body (the login form). */
export async function readForm(req) {
  const chunks = [];
  let received = 0;
  for await (const chunk of req) {
    received += chunk.length;
    if (received > limitBytes) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
