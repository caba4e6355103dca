using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// In development mode (no authority, loopback callers only) nothing requires authentication, so a refused key would be
/// served as an anonymous caller and a script would learn of its bad key only in production. Here a presented key that is
/// refused gets its 401 in development too; a valid one names its caller (in the audit) as it does with an authority.
/// </summary>
internal sealed class ApiKeyDevelopmentCheck(IOptions<McpAuthOptions> auth, IOptions<ApiKeyOptions> keys) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (!auth.Value.ValidatesTokens && keys.Value.Enabled)
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (ApiKeyPresentation.SchemeFor(context) is { } scheme && (await context.AuthenticateAsync(scheme)).Failure is not null)
                {
                    await context.ChallengeAsync(scheme);
                    return;
                }

                await nextMiddleware(context);
            });
        }

        next(app);
    };
}
