// Opens SESSIONS idle 2025-11-25 sessions (initialize, then notifications/initialized), the i-th on the i-th endpoint
// modulo their number, so that several replicas get an equal share without a load balancer in front. Prints how long
// it took and fails on the first refusal: a bench that quietly opened fewer sessions would report a wrong size per session.
//
//   dotnet bench/SessionOpener/bin/Release/net10.0/SessionOpener.dll SESSIONS CONCURRENCY URL [URL...]
using System.Diagnostics;
using System.Text;

var sessions = int.Parse(args[0]);
var concurrency = int.Parse(args[1]);
var endpoints = args[2..].Select(url => new Uri(url)).ToArray();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
var next = -1;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int index;
    while ((index = Interlocked.Increment(ref next)) < sessions)
    {
        await OpenAsync(endpoints[index % endpoints.Length]);
    }
}));
Console.WriteLine($"opened {sessions} sessions over {endpoints.Length} endpoints in {clock.Elapsed.TotalSeconds:F1} s " +
    $"({sessions / clock.Elapsed.TotalSeconds:F0}/s)");

async Task OpenAsync(Uri endpoint)
{
    using var initialize = await client.SendAsync(Post(endpoint, """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"session-opener","version":"1.0"}}}
        """, session: null));
    var answer = await initialize.Content.ReadAsStringAsync();
    if (!initialize.Headers.TryGetValues("Mcp-Session-Id", out var ids))
    {
        throw new InvalidOperationException($"initialize on {endpoint} answered {(int)initialize.StatusCode} without a session: {answer}");
    }

    using var initialized = await client.SendAsync(Post(endpoint, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", ids.Single()));
    if ((int)initialized.StatusCode != 202)
    {
        throw new InvalidOperationException($"notifications/initialized on {endpoint} answered {(int)initialized.StatusCode}");
    }
}

static HttpRequestMessage Post(Uri endpoint, string body, string? session)
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
