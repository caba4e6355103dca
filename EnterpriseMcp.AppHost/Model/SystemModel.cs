using EnterpriseMcp.AppHost.Commands;
using EnterpriseMcp.AppHost.Monitoring;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.AppHost.Postgres;
using EnterpriseMcp.AppHost.Prerequisites;
using EnterpriseMcp.AppHost.Redis;
using EnterpriseMcp.AppHost.ScaleOut;
using EnterpriseMcp.AppHost.Startup;
using EnterpriseMcp.AppHost.Supervision;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.AppHost.Model;

/// <summary>
/// The whole system as Aspire resources: identity server, tool servers, Redis, the gateway (or its replicas behind
/// nginx), Prometheus scraping them in a local run, and PostgreSQL when asked for.
/// </summary>
public static class SystemModel
{
    /// <summary>The repository folder a project of this clone is in (the projects' paths are built into the AppHost).</summary>
    public static string RepositoryFolder => Path.GetDirectoryName(Path.GetDirectoryName(new Projects.EnterpriseMcp_Gateway().ProjectPath))!;

    public static string IdentityFolder => Path.Combine(RepositoryFolder, "EnterpriseMcp.Identity");

    public static void AddEnterpriseMcp(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var local = builder.ExecutionContext.IsRunMode;
        if (!local && options.Replicas > 1)
        {
            // The manifest has no place for a replica count (WithReplicas leaves project.v0 as it is), and nginx is a
            // stand-in for the platform's own load balancer: better refused than silently published as one gateway.
            throw new UsageException("--replicas is for a local run; a deployment scales the gateway with its platform (all replicas on the published Redis).");
        }

        var node = "node";
        if (local)
        {
            // Checked before anything starts, so that a missing one is named with what to do (exit code 2).
            node = MachineChecks.Node();
            MachineChecks.Npm(IdentityFolder);
            MachineChecks.PortsFree(options.Ports.All
                .Where(port => (options.Postgres || port.Resource != ResourceNames.Postgres) && (options.Redis || port.Resource != ResourceNames.Redis)
                    && ((options.Prometheus && local) || port.Resource != ResourceNames.Prometheus))
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

        List<IResourceBuilder<IResource>> services = [identity, jira, db];
        var redis = options.Redis ? builder.AddSharedRedis(options.Ports.Redis, data) : null;
        if (redis is not null)
        {
            services.Add(redis);
        }

        var inputs = new GatewayInputs(identity, gatewaySecret, data, redis, [jira, db]);
        // The gateway as clients reach it: the one gateway, or nginx in front of its replicas.
        IResourceBuilder<IResourceWithEndpoints> gateway;
        // What Prometheus scrapes: the tool servers and every gateway process (not nginx in front of them).
        List<(string Job, IResource Service)> scraped = [(ResourceNames.Jira, jira.Resource), (ResourceNames.Db, db.Resource)];
        if (options.Replicas > 1)
        {
            var (nginx, replicas) = builder.AddGatewayReplicas(options.Replicas, options.Ports.Gateway, inputs);
            services.AddRange([.. replicas, nginx]);
            scraped.AddRange(replicas.Select(replica => (ResourceNames.Gateway, (IResource)replica.Resource)));
            gateway = nginx;
        }
        else
        {
            var single = builder.AddGateway(options.Ports.Gateway, inputs);
            services.Add(single);
            scraped.Add((ResourceNames.Gateway, single.Resource));
            gateway = single.As<IResourceWithEndpoints>();
        }

        IResourceBuilder<IResourceWithEndpoints>? prometheus = null;
        if (local && options.Prometheus)
        {
            prometheus = builder.AddLocalPrometheus(options.Ports.Prometheus, data, LocalPrometheus.TargetsOf(scraped)).As<IResourceWithEndpoints>();
            services.Add(prometheus);
        }

        identity.WithResourceUris(gateway, jira, db);
        if (local)
        {
            builder.Services.AddHostedService<CrashRestart>();
            gateway.WithDevelopmentTokens(identity.As<IResourceWithEndpoints>(),
                DevelopmentUsers.Load(Path.Combine(IdentityFolder, "identity.json")));
            builder.ReportWhenReady(new ConnectionGuide(gateway, identity, prometheus, IdentityFolder), [.. services]);
        }
    }
}
