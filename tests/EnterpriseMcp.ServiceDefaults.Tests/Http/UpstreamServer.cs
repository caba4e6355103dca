using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.ServiceDefaults.Tests.Http;

/// <summary>The server the resilient client calls; counts the attempts it sees per method and path.</summary>
internal sealed class UpstreamServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> hits = new();
    private TestApp? app;

    public Uri BaseAddress => app!.BaseAddress;

    public int Hits(string method, string path) => hits.GetValueOrDefault($"{method} {path}");

    public static async Task<UpstreamServer> StartAsync()
    {
        var server = new UpstreamServer();
        server.app = await TestApp.StartAsync(configureApp: web =>
        {
            web.Map("/unavailable", context =>
            {
                server.Count(context);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            });
            web.Map("/recovers", context =>
            {
                var attempt = server.Count(context);
                context.Response.StatusCode = attempt < 3 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
                return Task.CompletedTask;
            });
            web.Map("/not-found", context =>
            {
                server.Count(context);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
            web.Map("/retry-after", context =>
            {
                if (server.Count(context) == 1)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.Headers.RetryAfter = "1";
                }

                return Task.CompletedTask;
            });
            web.Map("/hangs-once", async context =>
            {
                if (server.Count(context) == 1)
                {
                    // Never answers: only the client's attempt timeout ends this one.
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
            });
        });
        return server;
    }

    private int Count(HttpContext context) =>
        hits.AddOrUpdate($"{context.Request.Method} {context.Request.Path}", 1, (_, count) => count + 1);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
