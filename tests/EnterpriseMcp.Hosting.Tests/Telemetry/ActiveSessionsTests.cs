using System.Diagnostics.Metrics;
using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Hosting.Tests.Telemetry;

/// <summary><c>mcp.active_sessions</c> (<c>mcp_active_sessions</c> on /metrics): the sessions running on this server, up as they open and down as they end.</summary>
public sealed class ActiveSessionsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_the_sessions_open_on_this_server()
    {
        await using var server = await McpTestServer.StartAsync();
        // This server's meters only: other tests' servers in this process have instruments of the same name.
        var meters = server.Services.GetRequiredService<IMeterFactory>();

        Assert.Equal(0, ActiveSessions(meters));
        var first = await SessionRequests.OpenAsync(server);
        await SessionRequests.OpenAsync(server);
        Assert.Equal(2, ActiveSessions(meters));

        using var deleted = await server.Client.SendAsync(SessionRequests.Delete(first), Cancellation);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(1, ActiveSessions(meters));
    }

    private static long ActiveSessions(IMeterFactory meters)
    {
        long observed = -1;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "mcp.active_sessions")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
