using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>Records the bearer token of every request a server receives, before anything else sees it: a backend's view of a call.</summary>
public sealed class AuthorizationRecorder : IStartupFilter
{
    public ConcurrentQueue<string> BearerTokens { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                BearerTokens.Enqueue(header["Bearer ".Length..]);
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
