using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>
/// A corpus of requests no client should send: odd shapes, types, sizes and headers, in both protocol generations.
/// Any MCP endpoint must answer each with a JSON-RPC error (or serve it), never a 5xx, and go on serving.
/// </summary>
public sealed record MalformedMcpRequests(string Name, string Body, string? Version, string? MethodHeader,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    private const string Latest = "2026-07-28";
    private const string Previous = "2025-11-25";

    private const string Meta = """
        "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}
        """;

    public static IReadOnlyList<MalformedMcpRequests> All { get; } = Build();

    public HttpRequestMessage ToHttpRequest()
    {
        var request = Post(Body, Version, MethodHeader);
        foreach (var (header, value) in Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }

    /// <summary>A POST of exactly <paramref name="body"/>'s bytes, with the headers a client of that generation sends.</summary>
    public static HttpRequestMessage Post(string body, string? version, string? methodHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        }

        if (methodHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Method", methodHeader);
        }

        return request;
    }

    /// <summary>Asserts that the server at <paramref name="baseAddress"/> answers the whole corpus without a fault.</summary>
    public static async Task AssertNoServerFaultsAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        var failures = await FindServerFaultsAsync(client);
        Assert.True(failures.Count == 0, $"{failures.Count} of {All.Count}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Sends the whole corpus to <paramref name="client"/>'s <c>/mcp</c>, each request followed by a well-formed
    /// 2026-07-28 tools/list; returns what went wrong (empty when nothing did).
    /// </summary>
    private static async Task<List<string>> FindServerFaultsAsync(HttpClient client)
    {
        var cancellation = TestContext.Current.CancellationToken;
        List<string> failures = [];
        foreach (var malformed in All)
        {
            using var response = await client.SendAsync(malformed.ToHttpRequest(), cancellation);
            var status = (int)response.StatusCode;
            if (status >= 500 || (status >= 400 && !await IsJsonRpcErrorAsync(response)))
            {
                failures.Add($"{malformed.Name}: HTTP {status}");
            }

            var list = """{"jsonrpc":"2.0","id":9,"method":"tools/list","params":{""" + Meta + "}}";
            using var normal = await client.SendAsync(Post(list, Latest, "tools/list"), cancellation);
            if (normal.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"after {malformed.Name}: a well-formed tools/list got HTTP {(int)normal.StatusCode}");
            }
        }

        return failures;
    }

    /// <summary>Whether the answer is a JSON-RPC error object with a code and a message.</summary>
    public static async Task<bool> IsJsonRpcErrorAsync(HttpResponseMessage response)
    {
        try
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return body?["jsonrpc"]?.GetValue<string>() == "2.0" && body["error"]?["code"]?.GetValue<int>() is not null &&
                   body["error"]?["message"]?.GetValue<string>() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<MalformedMcpRequests> Build()
    {
        List<MalformedMcpRequests> corpus = [];
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        string[] paramShapes =
        [
            "\"text\"", "42", "-1.5e308", "true", "null", "[]", "[1,\"a\"]", "{\"name\":\"a\",\"name\":\"b\"}",
            "{\"name\":\"a\",\"NAME\":\"b\"}", "{\"_meta\":\"text\"}", "{\"_meta\":[1]}", "{\"_meta\":{\"a\":1,\"a\":2}}",
            "{\"name\":42,\"arguments\":\"text\"}", "{\"name\":\"test_header_tool\",\"arguments\":[1]}",
            "{\"name\":\"test_header_tool\",\"arguments\":{\"region\":{\"x\":1},\"REGION\":2}}",
            "{\"x\":" + deep + "}", "{\"x\":" + deepObject + "}", "{\"x\":\"" + new string('y', 100_000) + "\"}",
        ];
        string[] methods = ["tools/call", "tools/list", "initialize", "notifications/initialized", "prompts/get", "resources/read"];
        foreach (var method in methods)
        {
            var isNotification = method.StartsWith("notifications/", StringComparison.Ordinal);
            var id = isNotification ? "" : "\"id\":1,";
            for (var i = 0; i < paramShapes.Length; i++)
            {
                var body = $$"""{"jsonrpc":"2.0",{{id}}"method":"{{method}}","params":{{paramShapes[i]}}}""";
                corpus.Add(new($"2025 {method} params #{i}", body, Previous, null));
                corpus.Add(new($"2026 {method} params #{i}", body, Latest, method));
            }

            var withMeta = $$"""{"jsonrpc":"2.0",{{id}}"method":"{{method}}","params":{"name":"a","NAME":"b",{{Meta}}""" + "}}";
            corpus.Add(new($"2026 {method} case-twin keys beside _meta", withMeta, Latest, method));
        }

        string[] envelopes =
        [
            """{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"ping"}""",
            """{"jsonrpc":"2.0","id":1,"method":"tools/list","METHOD":"ping"}""",
            """{"jsonrpc":"2.0","jsonrpc":"2.0","id":1,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":[1],"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":true,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":1,"method":42}""",
            """{"jsonrpc":"2.0","id":1,"method":null}""",
            """{"jsonrpc":"2.0","id":1,"method":""}""",
            """{"jsonrpc":2,"id":1,"method":"tools/list"}""",
            """{"id":1,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}""",
            """{"jsonrpc":"2.0","id":1,"error":"text"}""",
            "{\"jsonrpc\":\"2.0\",\"id\":\"x" + new string('y', 100_000) + "\",\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + deep + "}",
            deep, deepObject, "\"text\"", "null", "", " ", "\uFEFF{}", "{\"a\":\"\\uD800\"}",
        ];
        for (var i = 0; i < envelopes.Length; i++)
        {
            corpus.Add(new($"2025 envelope #{i}", envelopes[i], Previous, null));
            corpus.Add(new($"2026 envelope #{i}", envelopes[i], Latest, "tools/list"));
        }

        var call = $$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"test_header_tool","arguments":{"region":"eu","query":"q"},{{Meta}}""" + "}}";
        Dictionary<string, string>[] headerSets =
        [
            new() { ["Mcp-Name"] = "=?base64?!!!?=" },
            new() { ["Mcp-Name"] = "test_header_tool", ["Mcp-Param-Region"] = "=?base64?%%%?=" },
            new() { ["Mcp-Name"] = "test_header_tool", ["Mcp-Param-Region"] = new string('r', 8_000) },
            new() { ["Mcp-Name"] = "TEST_HEADER_TOOL", ["Mcp-Param-Region"] = "eu" },
            new() { ["Mcp-Session-Id"] = "not-a-session", ["Mcp-Name"] = "test_header_tool", ["Mcp-Param-Region"] = "eu" },
            new() { ["Last-Event-ID"] = "garbage", ["Mcp-Name"] = "test_header_tool", ["Mcp-Param-Region"] = "eu" },
        ];
        for (var i = 0; i < headerSets.Length; i++)
        {
            corpus.Add(new($"2026 headers #{i}", call, Latest, "tools/call", headerSets[i]));
        }

        corpus.Add(new("version header garbage", call, "2026-07-28; DROP", "tools/call"));
        corpus.Add(new("version header empty list", call, ",", "tools/call"));
        corpus.Add(new("2025 session id garbage", """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Previous, null,
            new Dictionary<string, string> { ["Mcp-Session-Id"] = "../../etc" }));
        return corpus;
    }
}
