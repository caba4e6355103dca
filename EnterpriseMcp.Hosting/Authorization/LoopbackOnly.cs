using System.Net;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Development mode, when no authority is configured: anonymous callers are served, so only loopback may
/// reach the server. Start-up fails if it listens on any other address, and each request from elsewhere gets 403.
/// </summary>
internal sealed partial class LoopbackOnly(IOptions<McpAuthOptions> auth, IServer server, ILogger<LoopbackOnly> logger)
    : IStartupFilter, IHostedLifecycleService
{
    private bool Active => !auth.Value.ValidatesTokens;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (Active && context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, McpErrorCodes.ServerError,
                    $"Forbidden: no authority is configured ({McpAuthOptions.SectionName}:Authority), so only loopback callers are served.");
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!Active)
        {
            return Task.CompletedTask;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !IsLoopbackAddress(address)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"No authority is configured ({McpAuthOptions.SectionName}:Authority), so this server accepts anonymous calls and may " +
                $"listen on loopback only, but it listens on {string.Join(", ", exposed)}. Configure {McpAuthOptions.SectionName}:Authority " +
                $"and {McpAuthOptions.SectionName}:Resource, or bind to 127.0.0.1.");
        }

        LogAnonymousMode(logger, McpAuthOptions.SectionName, string.Join(", ", addresses));
        return Task.CompletedTask;
    }

    private static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No authority configured ({Section}:Authority): serving ANONYMOUS callers on loopback only ({Addresses}). Development use only.")]
    private static partial void LogAnonymousMode(ILogger logger, string section, string addresses);
}
