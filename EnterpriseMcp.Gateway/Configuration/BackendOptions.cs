using EnterpriseMcp.Gateway.Credentials;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>One backend MCP server (<c>Gateway:Backends:{name}</c>).</summary>
public sealed class BackendOptions
{
    /// <summary>The backend's MCP endpoint, e.g. <c>http://127.0.0.1:5202/mcp</c>.</summary>
    public string? Url { get; set; }

    /// <summary>What its tool and prompt names are prefixed with; the backend's name when unset, none when empty.</summary>
    public string? Prefix { get; set; }

    /// <summary><c>auto</c> (the client's generation where the backend speaks it), or one revision to always use.</summary>
    public string ProtocolVersion { get; set; } = BackendProtocol.Auto;

    /// <summary>The longest a call may take before it is cancelled and counted as a failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest a handshake, a list or a <c>ping</c> may take. They answer from memory, so a backend that has not
    /// answered one in this time is taken to hang, long before a tool call would have waited out <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan ListTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a TCP connection may take to open.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest answer the gateway reads from it (a JSON body, or one event of a stream), in bytes; a larger one is
    /// refused with an error naming this setting, so memory per call stays bounded whatever the backend sends.
    /// </summary>
    public int MaxAnswerBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most connections kept open to it at once.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>Transport failures and timeouts in a row that open its circuit.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>
    /// How often the gateway pings the backend when it has answered nothing else for this long, so that one that hangs
    /// is found without a caller; and how soon after its circuit opens the gateway probes it (a <c>ping</c>, then its
    /// lists). A probe that succeeds closes the circuit at once; each one that fails doubles the wait, up to
    /// <see cref="BreakDuration"/>.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest an open circuit waits between probes.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Which token the backend gets: <c>Auto</c>, <c>None</c>, <c>TokenExchange</c> or <c>ClientCredentials</c>. Never the client's own.</summary>
    public BackendAuth Auth { get; set; } = BackendAuth.Auto;

    /// <summary>The audience of the backend's tokens: its canonical URI (a resource indicator) or a logical name; by default <see cref="Url"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>The scopes asked for in the backend's tokens; by default what the user's token holds (exchange) or the client holds (client credentials).</summary>
    public string[]? Scopes { get; set; }
}
