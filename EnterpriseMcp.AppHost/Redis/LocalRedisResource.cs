namespace EnterpriseMcp.AppHost.Redis;

/// <summary>
/// A local run's Redis: Debian's <c>redis-server</c> as an executable, with the connection string a reference to it
/// gives (<c>ConnectionStrings__redis</c>), as Aspire's container resource gives one when publishing.
/// </summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    // 127.0.0.1 rather than the endpoint's host (localhost): the server binds IPv4 loopback only.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"127.0.0.1:{Port.ToString()}");
}
