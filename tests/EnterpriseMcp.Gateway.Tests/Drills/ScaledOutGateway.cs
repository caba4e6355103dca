using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Drills;

/// <summary>
/// The gateway as it is deployed to scale: replicas in processes of their own (the built gateway, run with
/// <c>dotnet</c>) on one real Redis, behind Debian's nginx round-robin with no session affinity, in front of the
/// conformance fixture (spoken to in 2025-11-25, so its mid-call questions reach 2026 clients as suspended calls) and a
/// recording backend whose tools a drill changes (names prefixed <c>rec__</c>).
/// A drill kills replicas outright and stops Redis while clients go on through nginx.
/// </summary>
public sealed class ScaledOutGateway : IAsyncDisposable
{
    private ScaledOutGateway(EnterpriseMcp.Tools.Testing.RedisServer redis, ToolServerHost fixture, RecordingBackend recording,
        List<BackendProcess> replicas, NginxProxy proxy) =>
        (Redis, Fixture, Recording, Replicas, Proxy) = (redis, fixture, recording, replicas, proxy);

    public EnterpriseMcp.Tools.Testing.RedisServer Redis { get; }

    public ToolServerHost Fixture { get; }

    public RecordingBackend Recording { get; }

    public IReadOnlyList<BackendProcess> Replicas { get; }

    public NginxProxy Proxy { get; }

    /// <summary>Where clients go: nginx's <c>/mcp</c>.</summary>
    public Uri Endpoint => new(Proxy.BaseAddress, "/mcp");

    /// <param name="settings">More gateway settings, as environment variables (<c>Gateway__RateLimits__...</c>).</param>
    public static async Task<ScaledOutGateway> StartAsync(IReadOnlyDictionary<string, string>? settings = null, int replicas = 3)
    {
        var redis = new EnterpriseMcp.Tools.Testing.RedisServer(durable: true);
        await redis.StartAsync();
        var fixture = await TestBackends.StartFixtureAsync();
        var recording = await RecordingBackend.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["Gateway__Backends__fixture__Url"] = fixture.McpUrl(),
            ["Gateway__Backends__fixture__Prefix"] = "",
            ["Gateway__Backends__fixture__ProtocolVersion"] = "2025-11-25",
            ["Gateway__Backends__rec__Url"] = recording.McpUrl,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var started = await Task.WhenAll(Enumerable.Range(0, replicas).Select(_ => BackendProcess.StartAsync("EnterpriseMcp.Gateway", environment)));
        var proxy = await NginxProxy.StartAsync(started.Select(replica => replica.BaseAddress));
        return new ScaledOutGateway(redis, fixture, recording, [.. started], proxy);
    }

    /// <summary>The replica that gave an answer, by nginx's <see cref="NginxProxy.UpstreamHeader"/>.</summary>
    public BackendProcess ServedBy(HttpResponseMessage response) =>
        Replicas.Single(replica => replica.BaseAddress.Port == NginxProxy.UpstreamPortOf(response));

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        await Recording.DisposeAsync();
        await Fixture.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
