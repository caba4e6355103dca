// Memory per open, idle 2025-11-25 session on one server instance: the conformance fixture on the hosting
// layer, in this process, so that a full, compacting collection can be forced before each reading.
//
//   dotnet run -c Release --project bench/SessionMemory -- [SESSIONS] [HIBERNATE_AFTER] [SETTLE_SECONDS] [fixture|gateway]
//   e.g. 20000 00:00:01 (idle servers unloaded after a second) or 20000 02:00:00 (every server kept loaded);
//   `gateway` opens the sessions on a gateway in front of the fixture (both in this process; the gateway holds
//   one session with the fixture whatever the number of its own).
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using EnterpriseMcp.Conformance.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var sessions = args.Length > 0 ? int.Parse(args[0]) : 20_000;
var hibernateAfter = args.Length > 1 ? args[1] : "00:00:01";
var settle = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 5);
var target = args.Length > 3 ? args[3] : "fixture";

var settings = new Dictionary<string, string?>
{
    ["Mcp:Http:HibernateAfter"] = hibernateAfter,
    ["Mcp:Http:SweepInterval"] = "00:00:01",
    // Replay buffers of finished streams are per-request memory, gone after the retention; measure without them.
    ["Mcp:Http:EventRetention"] = "00:00:01",
};
var fixture = await StartAsync(ConformanceServerApp.Create, settings);
var app = fixture;
if (target == "gateway")
{
    settings["Gateway:Backends:fixture:Url"] = new Uri(AddressOf(fixture), "/mcp").ToString();
    app = await StartAsync(EnterpriseMcp.Gateway.GatewayApp.Create, settings);
}

var endpoint = new Uri(AddressOf(app), "/mcp");
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });

await OpenAsync(500);   // warm-up: JIT, pools, caches
await Task.Delay(TimeSpan.FromSeconds(3));
var (heapBefore, rssBefore) = Reading();

var clock = Stopwatch.StartNew();
await OpenAsync(sessions);
var opened = clock.Elapsed;
await Task.Delay(settle);   // idle past HibernateAfter and the event retention, and swept
var (heapAfter, rssAfter) = Reading();

Console.WriteLine($"{sessions} idle 2025-11-25 sessions on the {target} (opened in {opened.TotalSeconds:F1} s), HibernateAfter {hibernateAfter}: " +
    $"managed heap {(heapAfter - heapBefore) / 1024.0 / sessions:F2} KB/session, " +
    $"working set {(rssAfter - rssBefore) / 1024.0 / sessions:F2} KB/session");
await app.StopAsync();
if (app != fixture)
{
    await fixture.StopAsync();
}

static async Task<WebApplication> StartAsync(Func<string[], Action<WebApplicationBuilder>?, WebApplication> create, Dictionary<string, string?> settings)
{
    var started = create(["--urls", "http://127.0.0.1:0"], builder =>
    {
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
    });
    await started.StartAsync();
    return started;
}

static Uri AddressOf(WebApplication app) =>
    new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

async Task OpenAsync(int count)
{
    var next = 0;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= count)
        {
            using var initialize = await client.SendAsync(Post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"session-memory","version":"1.0"}}}
                """, session: null));
            var session = initialize.Headers.GetValues("Mcp-Session-Id").Single();
            await initialize.Content.ReadAsByteArrayAsync();
            using var initialized = await client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session));
            if ((int)initialized.StatusCode != 202)
            {
                throw new InvalidOperationException($"notifications/initialized answered {initialized.StatusCode}");
            }
        }
    }));
}

HttpRequestMessage Post(string body, string? session)
{
    var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.Accept.ParseAdd("application/json, text/event-stream");
    if (session is not null)
    {
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
    }

    return request;
}

static (long Heap, long WorkingSet) Reading()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    using var process = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
}
