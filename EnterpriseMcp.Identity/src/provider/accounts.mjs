/** Users of the identity file as oidc-provider accounts: the username is the subject. */
export function accountFinder(realm) {
  return async function findAccount(_ctx, sub) {
    const user = realm.findUser(sub);
    if (!user) return undefined;
    return {
      accountId: user.username,
      async claims() {
        return {
          sub: user.username,
          name: user.name,
          preferred_username: user.username,
          email: user.email,
          email_verified: true,
          groups: [...user.groups],
        };
      },
    };
  };
}
