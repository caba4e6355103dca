using EnterpriseMcp.Tools.Db.Databases;
using EnterpriseMcp.Tools.Db.Tools;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Db;

/// <summary>Builds the Db tool server; tests host the same application in-process.</summary>
public static class DbServerApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddMcpResourceServer();
        builder.AddDatabase();
        builder.Services.AddMcpHosting(_ => { });
        builder.Services.AddOptions<McpServerOptions>().Configure<IServiceProvider>((server, services) =>
            DbTools.Configure(server, services, builder.Configuration));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMcp("/mcp");
        return app;
    }
}
