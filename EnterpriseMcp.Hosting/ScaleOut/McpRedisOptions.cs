namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>How replicas share state in Redis (<c>Mcp:Redis</c>); the connection itself is <c>ConnectionStrings:redis</c>.</summary>
public sealed class McpRedisOptions
{
    public const string SectionName = "Mcp:Redis";

    /// <summary>
    /// Starts every key and channel name, so that systems sharing one Redis (two gateways, say) never meet. Replicas of one
    /// system must use the same prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "emcp:";
}
