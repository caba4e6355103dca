namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Shared state (Redis) cannot be reached now. Requests that need it are answered 503 with <c>Retry-After</c>; nothing
/// else fails, and the next request after the store returns is served again.
/// </summary>
public sealed class McpStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
