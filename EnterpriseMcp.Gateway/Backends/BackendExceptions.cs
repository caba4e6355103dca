namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// The backend could not be reached or did not answer in time: what the circuit breaker counts.
/// A JSON-RPC error or a tool result with <c>isError</c> is an answer, not this.
/// </summary>
internal sealed class BackendUnavailableException(string backend, string reason, Exception? inner = null)
    : Exception($"Backend '{backend}' is unavailable: {reason}", inner)
{
    public string Backend => backend;

    public string Reason => reason;
}
