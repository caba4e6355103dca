/** Just enough of a browser's cookie store for one host: remembers Set-Cookie, sends them all back. */
export class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute)
        || (/^expires=/i.test(attribute) && new Date(attribute.slice(8)) < new Date()));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(equals + 1));
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
