using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Ends idle sessions, unloads the servers of sessions idle past <c>HibernateAfter</c>, and forgets event streams
/// past retention; ends every session at shutdown.
/// </summary>
internal sealed class McpSessionSweeper(
    IOptions<McpHttpOptions> options,
    McpSessionManager sessions,
    IServiceProvider services,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(settings.IdleTimeout, settings.HibernateAfter, stoppingToken);
                }
                catch (McpStoreUnavailableException)
                {
                    // The shared store is away (health says so): the next sweep after it returns catches up.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await sessions.EndAllAsync();
    }

    // Only what is kept in memory needs sweeping (with Redis, the request streams this replica writes); what Redis keeps
    // expires there.
    private readonly InMemoryMcpSessionStore? _sessionStore = services.GetService<IMcpSessionStore>() as InMemoryMcpSessionStore;
    private readonly InMemoryEventStreamStore? _eventStreams = services.GetService<ISseEventStreamStore>() switch
    {
        InMemoryEventStreamStore store => store,
        RedisEventStreamStore store => store.Local,
        _ => null,
    };

    internal async Task SweepAsync(TimeSpan idleTimeout, TimeSpan hibernateAfter, CancellationToken cancellationToken)
    {
        await sessions.EndIdleAsync(idleTimeout, cancellationToken);
        if (hibernateAfter < idleTimeout)
        {
            await sessions.HibernateIdleAsync(hibernateAfter);
        }

        _sessionStore?.RemoveExpired();
        _eventStreams?.RemoveExpired();
    }
}
