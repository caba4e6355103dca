using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Drills;

/// <summary>
/// Drills on real processes: three gateway replicas behind nginx (round-robin, no affinity) on one Redis, while
/// replicas are killed with SIGKILL and Redis is stopped and started. Clients only ever talk to nginx.
/// </summary>
public sealed class ReplicaDrillTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_2025_client_keeps_its_session_and_resumes_its_stream_without_loss_when_the_replica_serving_it_is_killed()
    {
        await using var system = await ScaledOutGateway.StartAsync();
        using var client = new SessionClient(system.Endpoint);
        await client.InitializeAsync();
        var get = await client.GetAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var serving = system.ServedBy(get);
        using var stream = new SseEvents(get);
        Assert.NotNull((await stream.NextAsync())?.Id);
        AddTool(system, "added_first");
        var lastSeen = await stream.NextWithMethodAsync("notifications/tools/list_changed");
        Assert.NotNull(lastSeen);

        serving.Kill();
        while (await stream.NextAsync() is not null)
        {
        }

        // Changed while the client is cut off: the event waits in Redis for it.
        AddTool(system, "added_while_cut_off");
        var resumed = await client.GetAsync(lastSeen);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.NotSame(serving, system.ServedBy(resumed));
        using var replay = new SseEvents(resumed);
        Assert.NotNull(await replay.NextWithMethodAsync("notifications/tools/list_changed"));

        var answer = await CallAsync(client, "test_simple_text");
        Assert.NotNull(answer["result"]?["content"]);
    }

    private static void AddTool(ScaledOutGateway system, string name) =>
        system.Recording.Tools.Add(ModelContextProtocol.Server.McpServerTool.Create(() => name, new() { Name = name, Description = "Added by a drill." }));

    [Fact]
    public async Task Calls_in_flight_on_a_killed_replica_fail_with_502_and_every_other_call_succeeds()
    {
        await using var system = await ScaledOutGateway.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var calls = Enumerable.Range(0, 6).Select(index => http.SendAsync(
            RawMcp.CallTool(system.Endpoint, "slow_echo", new JsonObject { ["text"] = $"call {index}", ["delayMs"] = 8000 }, token: null),
            Token)).ToList();
        // Long enough for every call to reach its replica; short of the 8 s each takes.
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        var killed = system.Replicas[0];

        killed.Kill();
        var responses = await Task.WhenAll(calls);

        var onKilled = responses.Where(response => system.ServedBy(response) == killed).ToList();
        Assert.NotEmpty(onKilled);
        Assert.All(onKilled, response => Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode));
        foreach (var response in responses.Except(onKilled))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("call ", (string?)(await RawMcp.AnswerOf(response))["result"]?["content"]?[0]?["text"]);
        }

        var after = await RawMcp.AnswerAsync(http, RawMcp.CallTool(system.Endpoint, "test_simple_text", new JsonObject(), token: null));
        Assert.NotNull(after["result"]);
    }

    [Fact]
    public async Task A_limit_of_N_calls_a_minute_admits_N_in_total_over_the_three_replicas()
    {
        const int PerMinute = 6;
        await using var system = await ScaledOutGateway.StartAsync(new Dictionary<string, string>
        {
            ["Gateway__RateLimits__Rules__0__Name"] = "drill",
            ["Gateway__RateLimits__Rules__0__PermitsPerMinute"] = $"{PerMinute}",
            ["Gateway__RateLimits__Rules__0__Burst"] = $"{PerMinute}",
        });
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        var servers = new HashSet<int?>();
        for (var call = 0; call < 2 * PerMinute; call++)
        {
            using var response = await http.SendAsync(RawMcp.CallTool(system.Endpoint, "test_simple_text", new JsonObject(), token: null), Token);
            statuses.Add(response.StatusCode);
            servers.Add(NginxProxy.UpstreamPortOf(response));
        }

        Assert.Equal(3, servers.Count);
        Assert.Equal(PerMinute, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(PerMinute, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_2026_client_answers_an_input_required_question_on_another_replica_than_the_one_that_asked()
    {
        await using var system = await ScaledOutGateway.StartAsync();
        using var http = new HttpClient();
        var question = new JsonObject { ["prompt"] = "Capital of France?" };
        using var asking = await http.SendAsync(RawMcp.CallTool(system.Endpoint, "test_sampling", question.DeepClone().AsObject(), token: null), Token);
        var asked = await RawMcp.AnswerOf(asking);
        var retry = RawMcp.Request(system.Endpoint, "tools/call", new JsonObject
        {
            ["name"] = "test_sampling",
            ["arguments"] = question.DeepClone(),
            ["requestState"] = (string)asked["result"]!["requestState"]!,
            ["inputResponses"] = new JsonObject
            {
                [asked["result"]!["inputRequests"]!.AsObject().Single().Key] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["model"] = "drill-model",
                    ["content"] = new JsonObject { ["type"] = "text", ["text"] = "Paris" },
                },
            },
        }, token: null, "test_sampling");

        using var answering = await http.SendAsync(retry, Token);
        var answered = await RawMcp.AnswerOf(answering);

        Assert.NotEqual(system.ServedBy(asking), system.ServedBy(answering));
        Assert.StartsWith("LLM response: Paris", (string?)answered["result"]?["content"]?[0]?["text"]);
    }

    [Fact]
    public async Task Redis_stopped_and_started_during_a_loop_of_calls_gives_clear_503s_then_recovers_by_itself()
    {
        await using var system = await ScaledOutGateway.StartAsync();
        using var client = new SessionClient(system.Endpoint);
        await client.InitializeAsync();
        await CallAsync(client, "test_simple_text");

        await system.Redis.StopAsync();
        for (var call = 0; call < 3; call++)
        {
            using var refused = await client.CallToolAsync("test_simple_text");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("Redis", (string?)(await RawMcp.AnswerOf(refused))["error"]?["message"]);
        }

        using var http = new HttpClient();
        var stateless = await RawMcp.AnswerAsync(http, RawMcp.CallTool(system.Endpoint, "test_simple_text", new JsonObject(), token: null));
        Assert.NotNull(stateless["result"]);

        await system.Redis.StartAsync();
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 100 && status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(200, Token);
            using var again = await client.CallToolAsync("test_simple_text");
            status = again.StatusCode;
        }

        // The same session: Redis kept it on disk, and no replica was restarted.
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<JsonObject> CallAsync(SessionClient client, string tool)
    {
        using var response = await client.CallToolAsync(tool);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RawMcp.AnswerOf(response);
    }
}
