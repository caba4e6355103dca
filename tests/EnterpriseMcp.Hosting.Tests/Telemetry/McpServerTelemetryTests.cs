using System.Diagnostics;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Stateless;

namespace EnterpriseMcp.Hosting.Tests.Telemetry;

/// <summary>Runs alone: the duration histogram is process-wide and carries no trace id to tell tests apart.</summary>
[CollectionDefinition(nameof(McpServerTelemetryTests), DisableParallelization = true)]
public sealed class McpServerTelemetryCollection;

/// <summary>
/// Every request is a span named and tagged per the OpenTelemetry MCP conventions, continuing the
/// client's trace from <c>params._meta.traceparent</c>, and a measurement of its duration.
/// </summary>
[Collection(nameof(McpServerTelemetryTests))]
public sealed class McpServerTelemetryTests : IDisposable
{
    private const string Stateless = McpRequests.Latest;
    private const string Session = McpRequests.Previous;

    private readonly McpTelemetryRecorder _recorder = new();

    [Fact]
    public async Task ToolsCall_IsAServerSpanNamedForTheToolAndTaggedPerTheConventions()
    {
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, Stateless, "tools/call", new JsonObject { ["name"] = "test_simple_text" }, trace, id: 41),
            TestContext.Current.CancellationToken);
        await McpResponses.ReadAnswerAsync(response);

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("tools/call test_simple_text", span.DisplayName);
        Assert.Equal("tools/call", span.GetTagItem("mcp.method.name"));
        Assert.Equal("test_simple_text", span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("execute_tool", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("41", span.GetTagItem("jsonrpc.request.id"));
        Assert.Equal(Stateless, span.GetTagItem("mcp.protocol.version"));
        Assert.Null(span.GetTagItem("mcp.session.id"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Span_ContinuesTheTraceFromMetaTraceparent()
    {
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, Stateless, "tools/list", null, trace), TestContext.Current.CancellationToken);
        await McpResponses.ReadAnswerAsync(response);

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal(trace.TraceId, span.TraceId);
        Assert.Equal(trace.SpanId, span.ParentSpanId);
        Assert.Equal("tools/list", span.DisplayName);
    }

    [Fact]
    public async Task ToolsCall_InASession_TagsTheSessionAndItsVersion()
    {
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();

        var request = await RequestAsync(server, Session, "tools/call", new JsonObject { ["name"] = "test_simple_text" }, trace, id: 42);
        var sessionId = request.Headers.GetValues("Mcp-Session-Id").Single();
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        await McpResponses.ReadAnswerAsync(response);

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal("tools/call test_simple_text", span.DisplayName);
        Assert.Equal(sessionId, span.GetTagItem("mcp.session.id"));
        Assert.Equal(Session, span.GetTagItem("mcp.protocol.version"));
        Assert.Equal("42", span.GetTagItem("jsonrpc.request.id"));
        Assert.Equal("execute_tool", span.GetTagItem("gen_ai.operation.name"));
    }

    [Theory]
    [InlineData(Stateless)]
    [InlineData(Session)]
    public async Task ToolsCall_IsMeasuredInTheDurationHistogram(string version)
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, version, "tools/call", new JsonObject { ["name"] = "test_simple_text" }, NewTraceParent()),
            TestContext.Current.CancellationToken);
        await McpResponses.ReadAnswerAsync(response);

        var measurement = await _recorder.MeasurementAsync(
            ("mcp.method.name", "tools/call"), ("gen_ai.tool.name", "test_simple_text"), ("mcp.protocol.version", version));
        Assert.True(measurement.Value >= 0);
        Assert.False(measurement.Tags.ContainsKey("error.type"));
    }

    [Theory]
    [InlineData(Stateless)]
    [InlineData(Session)]
    public async Task ToolError_IsRecordedAsToolError(string version)
    {
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, version, "tools/call", new JsonObject { ["name"] = "test_error_handling" }, trace),
            TestContext.Current.CancellationToken);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.True(answer["result"]?["isError"]?.GetValue<bool>());

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal("tool_error", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        await _recorder.MeasurementAsync(
            ("gen_ai.tool.name", "test_error_handling"), ("mcp.protocol.version", version), ("error.type", "tool_error"));
    }

    [Theory]
    [InlineData(Stateless)]
    [InlineData(Session)]
    public async Task MethodNotFound_IsRecordedWithItsJsonRpcCode(string version)
    {
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, version, "nope/nothing", null, trace), TestContext.Current.CancellationToken);
        Assert.Equal(-32601, (await McpResponses.ReadAnswerAsync(response))["error"]?["code"]?.GetValue<int>());

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal("-32601", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("nope/nothing", span.GetTagItem("mcp.method.name"));
        // A method MCP does not define is measured under a placeholder: a caller's made-up methods add no series.
        await _recorder.MeasurementAsync(("mcp.method.name", "_unknown"), ("mcp.protocol.version", version), ("error.type", "-32601"));
    }

    [Theory]
    [InlineData(Stateless)]
    [InlineData(Session)]
    public async Task UnknownToolName_IsMeasuredUnderAPlaceholder_NotAsANewSeries(string version)
    {
        await using var server = await McpTestServer.StartAsync();
        var madeUp = $"made_up_{Guid.NewGuid():N}";

        using var response = await server.Client.SendAsync(
            await RequestAsync(server, version, "tools/call", new JsonObject { ["name"] = madeUp }, NewTraceParent()),
            TestContext.Current.CancellationToken);
        await McpResponses.ReadAnswerAsync(response);

        await _recorder.MeasurementAsync(("gen_ai.tool.name", "_unknown"), ("mcp.protocol.version", version));
        Assert.DoesNotContain(_recorder.Measurements, m => Equals(m.Tags.GetValueOrDefault("gen_ai.tool.name"), madeUp));
    }

    [Fact]
    public async Task RequestCancelledByTheClient_IsRecordedAsCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();
        var trace = NewTraceParent();
        var arguments = new JsonObject { ["text"] = "late", ["delayMs"] = 30_000 };

        using (var abort = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var request = await RequestAsync(server, Stateless, "tools/call", new JsonObject { ["name"] = "slow_echo", ["arguments"] = arguments }, trace);
            var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(1), ct));
            await abort.CancelAsync();
            try
            {
                (await sending).Dispose();
            }
            catch (OperationCanceledException)
            {
                // Cancelled before the headers arrived: the connection was closed instead.
            }
        }

        var span = await _recorder.SpanAsync(trace.TraceId);
        Assert.Equal("cancelled", span.GetTagItem("error.type"));
    }

    public void Dispose() => _recorder.Dispose();

    private static ActivityContext NewTraceParent() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

    /// <summary>
    /// A request carrying <paramref name="trace"/> in <c>params._meta</c>: stateless with its routing
    /// headers, or inside a freshly initialized session.
    /// </summary>
    private static async Task<HttpRequestMessage> RequestAsync(
        McpTestServer server, string version, string method, JsonObject? parameters, ActivityContext trace, int id = 5)
    {
        parameters ??= new JsonObject();
        var traceparent = $"00-{trace.TraceId}-{trace.SpanId}-01";
        if (version == Stateless)
        {
            var meta = StatelessPost.Meta();
            meta["traceparent"] = traceparent;
            var name = parameters["name"]?.GetValue<string>();
            return StatelessPost.Create(method, parameters, meta, Stateless, method, name, id);
        }

        var ct = TestContext.Current.CancellationToken;
        using var initialize = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(version)), ct);
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        using (var initialized = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialized, version, sessionId), ct))
        {
            initialized.EnsureSuccessStatusCode();
        }

        parameters["_meta"] = new JsonObject { ["traceparent"] = traceparent };
        return McpRequests.Post(McpRequests.Request(method, parameters, id), version, sessionId);
    }
}
