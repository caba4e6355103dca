using EnterpriseMcp.ServiceDefaults.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Timeouts and retries for every <see cref="HttpClient"/> made by the client factory.</summary>
public static class HttpClientResilienceExtensions
{
    /// <summary>
    /// Gives every factory-made client Microsoft's standard resilience handler, set from
    /// <see cref="HttpClientDefaultsOptions"/> (section <c>HttpClientDefaults</c>, validated at start-up).
    /// </summary>
    public static TBuilder AddDefaultHttpClientResilience<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(HttpClientDefaultsOptionsValidator)))
        {
            return builder;
        }

        services.AddOptions<HttpClientDefaultsOptions>()
            .BindConfiguration(HttpClientDefaultsOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpClientDefaultsOptions>, HttpClientDefaultsOptionsValidator>();

        services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler().Configure(StandardResilienceSettings.Configure);

            // The handler's total timeout governs; HttpClient's own 100 s default would cut across it.
            http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        });
        return builder;
    }
}
