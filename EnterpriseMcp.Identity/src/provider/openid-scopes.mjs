/** The OpenID Connect scopes this server supports besides the resource scopes of the identity file. */
export const openIdScopes = ['openid', 'profile', 'email', 'offline_access'];

export const openIdClaims = {
  openid: ['sub'],
  profile: ['name', 'preferred_username', 'groups'],
  email: ['email', 'email_verified'],
};
