using EnterpriseMcp.AppHost.Commands;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.AppHost.Postgres;
using EnterpriseMcp.AppHost.Prerequisites;
using EnterpriseMcp.AppHost.Startup;
using EnterpriseMcp.AppHost.Supervision;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.AppHost.Model;

/// <summary>The whole system as Aspire resources: identity server, tool servers, gateway, and PostgreSQL when asked for.</summary>
public static class SystemModel
{
    /// <summary>The repository folder a project of this clone is in (the projects' paths are built into the AppHost).</summary>
    public static string RepositoryFolder => Path.GetDirectoryName(Path.GetDirectoryName(new Projects.EnterpriseMcp_Gateway().ProjectPath))!;

    public static string IdentityFolder => Path.Combine(RepositoryFolder, "EnterpriseMcp.Identity");

    public static void AddEnterpriseMcp(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var local = builder.ExecutionContext.IsRunMode;
        var node = "node";
        if (local)
        {
            // Checked before anything starts, so that a missing one is named with what to do (exit code 2).
            node = MachineChecks.Node();
            MachineChecks.Npm(IdentityFolder);
            MachineChecks.PortsFree(options.Ports.All
                .Where(port => options.Postgres || port.Resource != ResourceNames.Postgres)
                .Concat(MachineChecks.DashboardPorts(key => builder.Configuration[key])));
        }

        var data = options.DataFolder is { } root ? new DataFolder(root) : DataFolder.Default(builder);
        // Generated on first run and kept in the AppHost's user secrets; a deployment asks for it (or generates it) instead.
        var gatewaySecret = builder.AddParameter(ResourceNames.GatewayClientSecret,
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

        var identity = builder.AddIdentityServer(node, options.Ports.Identity, gatewaySecret, data);
        var jira = builder.AddJira(options.Ports.Jira, identity, data);
        var db = builder.AddDb(options.Ports.Db, identity, data);
        if (options.Postgres)
        {
            db.WithPostgres(options.Ports.Postgres, data);
        }

        var gateway = builder.AddGateway(options.Ports.Gateway, identity, gatewaySecret, data, jira, db);
        identity.WithResourceUris(gateway, jira, db);
        if (local)
        {
            builder.Services.AddHostedService<CrashRestart>();
            gateway.As<IResourceWithEndpoints>().WithDevelopmentTokens(identity.As<IResourceWithEndpoints>(),
                DevelopmentUsers.Load(Path.Combine(IdentityFolder, "identity.json")));
            builder.ReportWhenReady(new ConnectionGuide(gateway, identity, IdentityFolder), identity, jira, db, gateway);
        }
    }
}
