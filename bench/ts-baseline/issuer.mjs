// A token issuer for the benchmark: serves an OpenID configuration and a JWKS on loopback, and writes one
// RS256 access token per audience given (one line each) to the file named first.
//
//   node issuer.mjs PORT TOKENS_FILE AUDIENCE...
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const [port, tokensFile, ...audiences] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench-1', alg: 'RS256', use: 'sig' };

const tokens = await Promise.all(audiences.map((audience) =>
  new SignJWT({ scope: 'jira.read jira.write db.read db.write', preferred_username: 'bench' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench-1', typ: 'at+jwt' })
    .setIssuer(issuer).setAudience(audience).setSubject('bench-user')
    .setIssuedAt().setExpirationTime('2h').sign(privateKey)));
writeFileSync(tokensFile, tokens.join('\n') + '\n');

const documents = {
  '/.well-known/openid-configuration': { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` },
  '/jwks': { keys: [jwk] },
};
http.createServer((req, res) => {
  const body = documents[req.url];
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(body ? JSON.stringify(body) : '{}');
}).listen(Number(port), '127.0.0.1');
