using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Tools;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>
/// One MCP request being served: its span and its duration measurement. The outgoing-message
/// filter finds it through <see cref="Current"/> to note how the request ended.
/// </summary>
internal sealed class McpOperation
{
    /// <summary>The label value of a tool name no tool has: a caller's made-up names must not each become a series.</summary>
    public const string UnknownTool = "_unknown";

    /// <summary>The label value of a method MCP does not define, for the same reason.</summary>
    public const string UnknownMethod = "_unknown";

    // Every request method the SDK names, so the label's values are bounded whatever a caller sends.
    private static readonly FrozenSet<string> KnownMethods = typeof(RequestMethods)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly AsyncLocal<McpOperation?> CurrentOperation = new();

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private readonly TagList _tags;

    private McpOperation(JsonRpcRequest request, string? sessionId, string protocolVersion, IMcpToolDirectory tools)
    {
        RequestId = request.Id;
        var target = McpMessageFields.Target(request);
        _tags = new TagList
        {
            { "mcp.method.name", KnownMethods.Contains(request.Method) ? request.Method : UnknownMethod },
            { "mcp.protocol.version", protocolVersion },
            { "network.transport", "tcp" },
        };
        if (request.Method == RequestMethods.ToolsCall && target is not null)
        {
            _tags.Add("gen_ai.tool.name", tools.TryGetInputSchema(target, out _) ? target : UnknownTool);
        }

        _activity = McpServerTelemetry.Source.StartActivity(
            ActivityKind.Server, TraceContext.FromMeta(request), name: target is null ? request.Method : $"{request.Method} {target}");
        if (_activity is { IsAllDataRequested: true })
        {
            foreach (var tag in _tags)
            {
                _activity.SetTag(tag.Key, tag.Value);
            }

            // A span is one event, not a series: it keeps the method and the name the caller tried.
            _activity.SetTag("mcp.method.name", request.Method);

            _activity.SetTag("jsonrpc.request.id", request.Id.ToString());
            _activity.SetTag("mcp.session.id", sessionId);
            TagTarget(_activity, request.Method, target);
        }
    }

    public static McpOperation? Current => CurrentOperation.Value;

    public RequestId RequestId { get; }

    public string? ErrorType { get; set; }

    /// <summary>Starts measuring a request; notifications and responses are not operations.</summary>
    public static McpOperation? Start(JsonRpcMessage message, string? sessionId, string protocolVersion, IMcpToolDirectory tools)
    {
        var operation = message is JsonRpcRequest request ? new McpOperation(request, sessionId, protocolVersion, tools) : null;
        CurrentOperation.Value = operation;
        return operation;
    }

    public void Complete(bool cancelled)
    {
        var errorType = cancelled ? "cancelled" : ErrorType;
        var tags = _tags;
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
            _activity?.SetTag("error.type", errorType);
            _activity?.SetStatus(ActivityStatusCode.Error);
        }

        McpServerTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        _activity?.Dispose();
        CurrentOperation.Value = null;
    }

    public static string CodeOf(int code) => code.ToString(CultureInfo.InvariantCulture);

    private static void TagTarget(Activity activity, string method, string? target)
    {
        switch (method)
        {
            case RequestMethods.ToolsCall:
                activity.SetTag("gen_ai.tool.name", target);
                activity.SetTag("gen_ai.operation.name", "execute_tool");
                break;
            case RequestMethods.PromptsGet:
                activity.SetTag("gen_ai.prompt.name", target);
                break;
            case RequestMethods.ResourcesRead:
                activity.SetTag("mcp.resource.uri", target);
                break;
        }
    }
}
