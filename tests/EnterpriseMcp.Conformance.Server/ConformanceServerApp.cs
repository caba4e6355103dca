namespace EnterpriseMcp.Conformance.Server;

/// <summary>Builds the fixture server; tests host the same application in-process.</summary>
public static class ConformanceServerApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddMcpResourceServer();
        builder.Services.AddMcpHosting(ConformanceFixture.Configure);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMcp("/mcp");
        return app;
    }
}
