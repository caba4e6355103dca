using EnterpriseMcp.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Health checks every EnterpriseMcp service has.</summary>
public static class HealthCheckHostingExtensions
{
    private const string SelfCheckName = "self";

    /// <summary>
    /// Adds the <c>self</c> check, tagged <c>live</c>: the process answers, so <c>/alive</c> passes.
    /// Checks for dependencies are added by the service with <c>AddHealthChecks().AddCheck(...)</c>
    /// and count for <c>/health</c> only, unless tagged <c>live</c>.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();

        // Through options rather than AddCheck so a second call does not register a duplicate name.
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.All(registration => registration.Name != SelfCheckName))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    SelfCheckName,
                    new SelfHealthCheck(),
                    failureStatus: null,
                    tags: [HealthEndpoints.LiveTag]));
            }
        });
        return builder;
    }
}
