using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// How one POST to a backend ended: a result, a JSON-RPC error, or an HTTP status without either; for a refusal
/// (401, 403), the scopes its challenge named.
/// </summary>
internal readonly record struct BackendAnswer(HttpStatusCode Status, JsonNode? Result, JsonRpcErrorDetail? Error, string? SessionId)
{
    public IReadOnlyList<string> ChallengedScopes { get; init; } = [];

    public bool Refused => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    public bool Answered => Result is not null || Error is not null;
}
