using System.Text.Json.Nodes;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>How a request that the audit records ended.</summary>
public enum AuditOutcome
{
    /// <summary>Allowed and answered by its backend (a tool's own error result included).</summary>
    Allowed,

    /// <summary>Refused by the policy, or not authenticated.</summary>
    Denied,

    /// <summary>Refused by a rate limit.</summary>
    Limited,

    /// <summary>Allowed, but it could not be answered: the backend failed, timed out or could not be reached.</summary>
    Failed,
}

/// <summary>Who made a request, as the token (or API key) said: never the token itself.</summary>
public sealed record AuditCaller(string? Subject, string? Issuer, string? ClientId, string? Actor, IReadOnlyList<string> Roles);

/// <summary>
/// One audited request: who, from where, what, with which (redacted) arguments, and how it ended. Written once, never
/// changed; the store gives it its sequence number and its place in the hash chain.
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    public string? RequestId { get; init; }

    public string? TraceId { get; init; }

    public required AuditCaller Caller { get; init; }

    /// <summary>A hash of the 2025 session's id: enough to group a session's records, useless to take the session over.</summary>
    public string? SessionHash { get; init; }

    public string? SourceAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The MCP method, e.g. <c>tools/call</c>.</summary>
    public required string Method { get; init; }

    /// <summary>What it named, as the gateway exposes it: a tool or prompt name, a resource URI.</summary>
    public string? Name { get; init; }

    public string? Backend { get; init; }

    /// <summary>The name the backend knows it by.</summary>
    public string? OriginalName { get; init; }

    /// <summary>The arguments, with what the configuration classifies as sensitive redacted or hashed.</summary>
    public JsonObject? Arguments { get; init; }

    public required AuditOutcome Outcome { get; init; }

    /// <summary>The policy rule that decided, and why.</summary>
    public string? Rule { get; init; }

    public string? Reason { get; init; }

    /// <summary>What kind of failure, e.g. a JSON-RPC error code or <c>tool_error</c>.</summary>
    public string? ErrorType { get; init; }

    public double DurationMilliseconds { get; init; }

    public long? ResultBytes { get; init; }
}
