using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.ScaleOut;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.AppHost.Tests.ScaleOut;

/// <summary>The <c>--replicas 3</c> option: three gateways on one Redis behind nginx, which clients reach as the one gateway.</summary>
public sealed class GatewayReplicasTests
{
    private const int Replicas = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private static readonly string[] ReplicaNames = [.. Enumerable.Range(1, Replicas).Select(ResourceNames.GatewayReplica)];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MCP_clients_and_sessions_of_the_gateway_URL_are_served_by_all_three_replicas_and_stopping_leaves_no_nginx()
    {
        var data = Directory.CreateTempSubdirectory("apphost-replicas-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EnterpriseMcp_AppHost>(
            [.. AspireSystem.Arguments(data), "--replicas", $"{Replicas}"], Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        await using (var app = await builder.BuildAsync(Token))
        {
            await app.StartAsync(Token).WaitAsync(StartTimeout, Token);
            foreach (var resource in (string[])[ResourceNames.Redis, .. ReplicaNames, ResourceNames.Gateway])
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Token).WaitAsync(StartTimeout, Token);
            }

            var gateway = new Uri(app.GetEndpoint(ResourceNames.Gateway, "http"), "/mcp");
            AssertEveryReplicaIsOnRedisAndNamesTheGatewayAsItsResource(app, gateway);
            foreach (var replica in ReplicaNames)
            {
                Assert.Equal("Healthy", await GatewayHealth.CheckStatusAsync(app.GetEndpoint(replica, "http"), "redis"));
            }

            var issuer = app.GetEndpoint(ResourceNames.Identity, "http").ToString().TrimEnd('/');
            var users = DevelopmentUsers.Load(Path.Combine(SystemModel.IdentityFolder, "identity.json"));
            var token = await DevelopmentLogin.TokenAsync(issuer, "bob", users.Password("bob"), DevelopmentLogin.AllScopes, gateway.ToString(), Token);

            // Stateless 2026-07-28 clients and 2025-11-25 sessions alike: each request may go to any replica, and a
            // session's requests find it in Redis wherever they land.
            var servedBy = new ConcurrentBag<string>();
            using var http = new HttpClient(new ReplicaRecorder(servedBy));
            for (var round = 0; round < 2 * Replicas; round++)
            {
                await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = gateway,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
                }, http, ownsHttpClient: false), new McpClientOptions { ProtocolVersion = round % 2 == 0 ? null : "2025-11-25" }, cancellationToken: Token);

                for (var listing = 0; listing < 2; listing++)
                {
                    var tools = await client.ListToolsAsync(cancellationToken: Token);

                    Assert.Contains(tools, tool => tool.Name == "jira__search_issues");
                    Assert.Contains(tools, tool => tool.Name == "db__query");
                }
            }

            Assert.Equal(ReplicaNames, servedBy.Distinct().Order());
        }

        Assert.Empty(ProcessTable.Mentioning(data).Select(ProcessTable.CommandLine));
        Directory.Delete(data, recursive: true);
    }

    private static void AssertEveryReplicaIsOnRedisAndNamesTheGatewayAsItsResource(DistributedApplication app, Uri gateway)
    {
        var redis = $"127.0.0.1:{app.GetEndpoint(ResourceNames.Redis, "tcp").Port}";
        foreach (var replica in ReplicaNames)
        {
            var snapshot = app.ResourceNotifications.TryGetCurrentState(replica, out var current)
                ? current.Snapshot
                : throw new InvalidOperationException($"No resource '{replica}'.");
            Assert.Equal(HealthStatus.Healthy, snapshot.HealthStatus);
            var environment = snapshot.EnvironmentVariables.Where(variable => variable.IsFromSpec).ToDictionary(variable => variable.Name, variable => variable.Value);
            Assert.Equal(redis, environment["ConnectionStrings__redis"]);
            // The audience of the tokens clients bring, and the resource of its RFC 9728 metadata: nginx's URL, not its own.
            Assert.Equal(gateway.ToString(), environment["Mcp__Auth__Resource"]);
        }
    }

    /// <summary>Notes which replica nginx sent each request to, from the header its configuration adds.</summary>
    private sealed class ReplicaRecorder(ConcurrentBag<string> servedBy) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues(NginxConfig.ReplicaHeader, out var replicas))
            {
                servedBy.Add(string.Join(',', replicas));
            }

            return response;
        }
    }
}
