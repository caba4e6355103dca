using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

public sealed class ResourceServerTests
{
    [Fact]
    public async Task With_an_authority_it_wants_a_token_and_publishes_its_scopes()
    {
        var folder = Directory.CreateTempSubdirectory("db-auth-tests-").FullName;
        await using var app = DbServerApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Db:EmbeddedDatabasePath"] = Path.Combine(folder, "sample.db"),
                ["Mcp:Auth:Authority"] = "http://127.0.0.1:1/realms/company",
                ["Mcp:Auth:Resource"] = "https://db-mcp.example.com/mcp",
                ["Db:AllowWrites"] = "true",
            });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var unauthorized = await http.PostAsync("/mcp", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var metadata = JsonNode.Parse(await http.GetStringAsync("/.well-known/oauth-protected-resource/mcp", TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("scope=\"db.read db.write\"", unauthorized.Headers.WwwAuthenticate.Single().Parameter);
        Assert.Equal("https://db-mcp.example.com/mcp", (string?)metadata["resource"]);
        Assert.Equal(["db.read", "db.write"], metadata["scopes_supported"]!.AsArray().Select(s => (string)s!));
        await app.StopAsync(TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
