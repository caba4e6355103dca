namespace EnterpriseMcp.Hosting.Configuration;

/// <summary>How the <c>/mcp</c> endpoint behaves. Bound from the configuration section <c>Mcp:Http</c>.</summary>
public sealed class McpHttpOptions
{
    public const string SectionName = "Mcp:Http";

    /// <summary>
    /// <see cref="McpSessionMode.Stateful"/> gives 2025-generation clients an <c>Mcp-Session-Id</c>;
    /// 2026-07-28 requests are always served without one.
    /// </summary>
    public McpSessionMode SessionMode { get; set; } = McpSessionMode.Stateful;

    /// <summary>Whether a POST is answered with one JSON body or an SSE stream.</summary>
    public McpResponseMode ResponseMode { get; set; } = McpResponseMode.Sse;

    /// <summary>
    /// Origins a browser may call from. Requests without an <c>Origin</c> header (non-browser clients)
    /// are allowed; any other origin gets 403. Loopback origins are allowed when
    /// <see cref="AllowLoopbackOrigins"/> is set.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Accept browser origins on localhost/127.0.0.1/[::1] (any port): the local development case.</summary>
    public bool AllowLoopbackOrigins { get; set; } = true;

    /// <summary>
    /// Host header values this endpoint answers to (DNS rebinding protection); <c>*</c> allows any.
    /// Empty means loopback names only.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest POST body accepted; a larger one gets 413.</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>A session with no request for this long is ended.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long SSE events are kept for <c>Last-Event-ID</c> replay after their stream ends. A client
    /// that lost a stream reconnects within seconds, and every POST of a session keeps one stream, so
    /// a long retention costs memory under load for little gain.
    /// </summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many finished SSE streams a session keeps for replay; beyond that the oldest finished ones go,
    /// so one busy session cannot fill memory within <see cref="EventRetention"/>.
    /// </summary>
    public int RetainedStreamsPerSession { get; set; } = 32;

    /// <summary>
    /// A session unused this long (no request in flight, no GET stream open) has its server unloaded from
    /// memory; the session itself lives on in the session store, and its next request rebuilds the server
    /// from the stored <c>initialize</c> parameters. Keeps thousands of idle sessions cheap. Set it to
    /// <see cref="IdleTimeout"/> or more to keep every session's server loaded until the session ends.
    /// </summary>
    public TimeSpan HibernateAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many open sessions one user may hold (the subject with its issuer; all anonymous callers together count
    /// as one user). An initialize beyond it gets 429 until one of the user's sessions is deleted or expires; a
    /// hibernated session is still open and still counts.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 100;

    /// <summary>How often idle sessions and expired event streams are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public enum McpSessionMode
{
    Stateful,
    Stateless,
}

public enum McpResponseMode
{
    Sse,
    Json,
}
