using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// A host's own step on each request, after the transport rules and authorization and before the MCP server (either
/// generation, either entry: a session's server or a shortcut): it may refuse the request with any status, JSON-RPC
/// error and headers (the gateway's rate limits answer 429 with <c>Retry-After</c>), or admit it, holding something (a
/// concurrency slot) until the request's answer has been written.
/// </summary>
public interface IMcpRequestAdmission
{
    ValueTask<McpAdmission> AdmitAsync(HttpContext context, JsonRpcRequest request, CancellationToken cancellationToken);
}

/// <summary>An admission step's answer: admitted (with what it holds until the answer is written), or refused.</summary>
public sealed class McpAdmission : IDisposable
{
    private static readonly McpAdmission Plain = new(null, null);

    private readonly IDisposable? _held;

    private McpAdmission(IDisposable? held, McpAdmissionRefusal? refusal) => (_held, Refusal) = (held, refusal);

    public McpAdmissionRefusal? Refusal { get; }

    public static McpAdmission Admit(IDisposable? held = null) => held is null ? Plain : new(held, null);

    public static McpAdmission Refuse(McpAdmissionRefusal refusal) => new(null, refusal);

    public void Dispose() => _held?.Dispose();
}

/// <summary>A refused request's answer: the HTTP status, the JSON-RPC error (code, message, data) and response headers.</summary>
public sealed record McpAdmissionRefusal(int StatusCode, int Code, string Message, JsonNode? Data = null,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Told of every request refused before the MCP server (by authorization or an admission step), before the refusal is
/// written: an audit that must keep its record first. It may answer another refusal to write instead (503 when it could
/// keep no record); null leaves the refusal as it is.
/// </summary>
public interface IMcpRefusalObserver
{
    ValueTask<McpAdmissionRefusal?> OnRefusedAsync(HttpContext context, JsonRpcRequest request, McpAdmissionRefusal refusal,
        CancellationToken cancellationToken);
}
