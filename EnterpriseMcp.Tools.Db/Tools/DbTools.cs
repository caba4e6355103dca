using EnterpriseMcp.Hosting.Tools;
using EnterpriseMcp.Tools.Db.Configuration;
using EnterpriseMcp.Tools.Db.Databases;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Db.Tools;

/// <summary>Which tools this server offers: the read tools always, execute when writes are allowed, the sample tools on the sample database.</summary>
internal static class DbTools
{
    public static void Configure(McpServerOptions server, IServiceProvider services, IConfiguration configuration)
    {
        server.ServerInfo = new Implementation { Name = "enterprise-mcp-db", Version = "1.0.0" };
        server.Capabilities ??= new ServerCapabilities();
        server.Capabilities.Tools ??= new ToolsCapability();
        var tools = server.ToolCollection ??= [];
        Add(tools, typeof(ReadTools), services);
        if (services.GetRequiredService<IOptions<DbOptions>>().Value.AllowWrites)
        {
            Add(tools, typeof(WriteTools), services);
        }

        if (!DatabaseRegistration.UsesPostgres(configuration))
        {
            Add(tools, typeof(SampleTools), services);
        }
    }

    private static void Add(McpServerPrimitiveCollection<McpServerTool> tools, Type type, IServiceProvider services)
    {
        foreach (var tool in AttributedTools.From(type, services))
        {
            tools.Add(tool);
        }
    }
}
