/** The confidential clients of the identity file as oidc-provider client metadata. */
export function staticClients(realm) {
  return realm.clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.secret,
    client_name: client.clientId,
    grant_types: [...client.grants],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  }));
}
