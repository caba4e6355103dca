using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EnterpriseMcp.ServiceDefaults.Tests.Http;

/// <summary>A plain (non-web) host with only the HttpClient defaults: they must not need ASP.NET Core.</summary>
internal static class ResilientClientHost
{
    public static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDefaultHttpClientResilience();
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = Build(settings ?? new Dictionary<string, string?>());
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public static HttpClient CreateClient(this IHost host, Uri baseAddress)
    {
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = baseAddress;
        return client;
    }

    /// <summary>Retry back-off shrunk so tests do not wait seconds; the retry counts are what they check.</summary>
    public static Dictionary<string, string?> FastRetries(int maxRetries = 3) => new()
    {
        ["HttpClientDefaults:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HttpClientDefaults:RetryDelay"] = "00:00:00.001",
    };
}
