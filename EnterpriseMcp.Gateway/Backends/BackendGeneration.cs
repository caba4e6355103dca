namespace EnterpriseMcp.Gateway.Backends;

/// <summary>The two protocol generations a backend may speak.</summary>
internal enum BackendGeneration
{
    /// <summary>The 2025 revisions: <c>initialize</c>, a session, server-to-client requests on the response stream.</summary>
    Sessions,

    /// <summary>2026-07-28: stateless, per-request <c>_meta</c>, input-required results instead of server requests.</summary>
    Stateless,
}
