/** oidc-provider's default endpoint paths that this server's own middleware needs to recognise. */
export const tokenPath = '/token';
export const registrationPath = '/reg';
