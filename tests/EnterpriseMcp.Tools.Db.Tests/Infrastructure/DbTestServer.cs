using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Tools.Db.Tests.Infrastructure;

/// <summary>The Db tool server on Kestrel; without a connection string, on a sample database of its own.</summary>
public static class DbTestServer
{
    public static Task<ToolServerHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Db:EmbeddedDatabasePath", "{folder}/sample.db");
        return ToolServerHost.StartAsync(DbServerApp.Create, all);
    }
}
