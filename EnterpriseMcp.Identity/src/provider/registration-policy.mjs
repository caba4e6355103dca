import { errors } from 'oidc-provider';
import { isLoopbackUrl } from '../http/loopback-origin.mjs';

const allowedGrants = new Set(['authorization_code', 'refresh_token']);
const maxRedirectUris = 10;
const maxMetadataBytes = 8 * 1024;
// RFC 8252 §7.1: a private-use scheme is a reverse domain name, e.g. com.example.app.
const privateUseScheme = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

/**
 * What open registration (RFC 7591) may create: public authorization-code clients that redirect to this machine
 * (loopback), to a native app (private-use scheme) or to a host the administrator allows. Checked when a client
 * registers and again whenever a registered client is loaded, so a stored client that no longer fits stops working.
 * Clients configured in the identity file are the administrator's and are not checked here.
 *
 * oidc-provider runs this as the validator of extra client metadata, with the defaults already applied.
 */
export function registrationPolicy(realm) {
  const allowedHosts = new Set(realm.allowedRedirectHosts);
  return {
    properties: ['redirect_uris'],
    validator(_ctx, key, _value, metadata) {
      if (key !== 'redirect_uris' || realm.isConfiguredClient(metadata.client_id)) return;
      checkClientKind(metadata);
      checkSize(metadata);
      for (const uri of metadata.redirect_uris ?? []) checkRedirectUri(uri, allowedHosts);
    },
  };
}

/**
 * Some MCP clients (the C# SDK) ask for client_secret_post even for authorization code; RFC 7591 §3.2.1 lets the
 * server replace a requested value, so such a client is registered public, without a secret, and the response says so.
 */
function checkClientKind(metadata) {
  if (metadata.token_endpoint_auth_method !== 'none' && publicCapable(metadata)) {
    metadata.token_endpoint_auth_method = 'none';
    delete metadata.client_secret;
    delete metadata.client_secret_expires_at;
  }
  if (metadata.token_endpoint_auth_method !== 'none') {
    throw new errors.InvalidClientMetadata('open registration creates public clients only: token_endpoint_auth_method must be "none"');
  }
  const grants = metadata.grant_types ?? [];
  if (!grants.includes('authorization_code') || grants.some((grant) => !allowedGrants.has(grant))) {
    throw new errors.InvalidClientMetadata('open registration allows grant_types authorization_code and refresh_token only; service clients are configured by an administrator');
  }
  const responseTypes = metadata.response_types ?? [];
  if (responseTypes.length !== 1 || responseTypes[0] !== 'code') {
    throw new errors.InvalidClientMetadata('open registration allows response_types ["code"] only');
  }
}

function publicCapable(metadata) {
  return ['client_secret_basic', 'client_secret_post'].includes(metadata.token_endpoint_auth_method)
    && (metadata.grant_types ?? []).includes('authorization_code');
}

function checkSize(metadata) {
  if ((metadata.redirect_uris ?? []).length > maxRedirectUris) {
    throw new errors.InvalidClientMetadata(`at most ${maxRedirectUris} redirect_uris`);
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > maxMetadataBytes) {
    throw new errors.InvalidClientMetadata(`client metadata must be at most ${maxMetadataBytes} bytes`);
  }
}

function checkRedirectUri(uri, allowedHosts) {
  const url = URL.parse(uri);
  // oidc-provider answers invalid_redirect_uri (not invalid_client_metadata) for a description starting "redirect_uris".
  if (!url) throw new errors.InvalidClientMetadata(`redirect_uris must be valid URIs: ${uri} is not`);
  const allowed = isLoopbackUrl(uri)
    || (url.protocol === 'https:' && allowedHosts.has(url.hostname))
    || privateUseScheme.test(url.protocol);
  if (!allowed) {
    throw new errors.InvalidClientMetadata(
      `redirect_uris may not contain ${uri}: registered clients may redirect only to loopback addresses (http://127.0.0.1:<port>/..., http://[::1]:<port>/..., http://localhost:<port>/...) or to a private-use URI scheme of a native app (e.g. com.example.app:/callback)${allowedHosts.size ? `, or over https to ${[...allowedHosts].join(', ')}` : ''}`,
    );
  }
}
