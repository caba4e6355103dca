using System.Net;
using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

public sealed class HealthTests
{
    [Fact]
    public async Task A_database_that_cannot_be_read_makes_health_unhealthy()
    {
        await using var server = await DbTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", cancellationToken)).StatusCode);

        await using (var file = File.OpenWrite(Path.Combine(server.Folder, "sample.db")))
        {
            await file.WriteAsync(new byte[100], cancellationToken);
        }

        var health = await http.GetAsync("/health", cancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("Unhealthy", await health.Content.ReadAsStringAsync(cancellationToken));
    }
}
