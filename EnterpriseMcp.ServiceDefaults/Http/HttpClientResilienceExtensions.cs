using EnterpriseMcp.ServiceDefaults.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Timeouts and retries for every <see cref="HttpClient"/> made by the client factory.</summary>
public static class HttpClientResilienceExtensions
{
    /// <summary>
    /// Applies <see cref="HttpClientDefaultsOptions"/> (section <c>HttpClientDefaults</c>, validated at
    /// start-up) to every factory-made client.
    /// </summary>
    public static TBuilder AddDefaultHttpClientResilience<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(HttpResiliencePipelines)))
        {
            return builder;
        }

        services.AddOptions<HttpClientDefaultsOptions>()
            .BindConfiguration(HttpClientDefaultsOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpClientDefaultsOptions>, HttpClientDefaultsOptionsValidator>());
        services.AddSingleton<HttpResiliencePipelines>();

        services.ConfigureHttpClientDefaults(http =>
        {
            http.AddHttpMessageHandler(provider => new ResilienceHandler(provider.GetRequiredService<HttpResiliencePipelines>()));

            // The pipeline's total timeout governs; HttpClient's own 100 s default would cut across it.
            http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        });
        return builder;
    }
}
