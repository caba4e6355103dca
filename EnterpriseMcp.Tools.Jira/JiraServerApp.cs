using EnterpriseMcp.Hosting.Tools;
using EnterpriseMcp.Tools.Jira.Cloud;
using EnterpriseMcp.Tools.Jira.Configuration;
using EnterpriseMcp.Tools.Jira.Embedded;
using EnterpriseMcp.Tools.Jira.Tools;
using EnterpriseMcp.Tools.Jira.Tracker;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Jira;

/// <summary>Builds the Jira tool server; tests host the same application in-process.</summary>
public static class JiraServerApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddMcpResourceServer();
        AddTracker(builder);
        builder.Services.AddMcpHosting(_ => { });
        builder.Services.AddOptions<McpServerOptions>().Configure<IServiceProvider>(AddTools);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMcp("/mcp");
        return app;
    }

    private static void AddTracker(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JiraOptions>().BindConfiguration(JiraOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JiraOptions>, JiraOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        var backend = builder.Configuration.GetValue(JiraOptions.SectionName + ":Backend", JiraBackend.Embedded);
        if (backend == JiraBackend.Cloud)
        {
            services.AddHttpClient<JiraCloudClient>((sp, http) => JiraCloudClient.Configure(http, sp.GetRequiredService<IOptions<JiraOptions>>().Value.Cloud));
            services.AddTransient<IIssueTracker, JiraCloudTracker>();
        }
        else
        {
            services.AddSingleton<IIssueTracker, SqliteTracker>();
        }

        services.AddHealthChecks().AddCheck<TrackerHealthCheck>("tracker");
    }

    private static void AddTools(McpServerOptions server, IServiceProvider services)
    {
        server.ServerInfo = new Implementation { Name = "enterprise-mcp-jira", Version = "1.0.0" };
        server.Capabilities ??= new ServerCapabilities();
        server.Capabilities.Tools ??= new ToolsCapability();
        var tools = server.ToolCollection ??= [];
        foreach (var tool in AttributedTools.From(typeof(JiraTools), services))
        {
            tools.Add(tool);
        }
    }
}
