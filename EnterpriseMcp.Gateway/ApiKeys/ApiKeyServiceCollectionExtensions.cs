using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// API keys from <c>Gateway:ApiKeys</c> as a second way to authenticate. Hosting's JWT scheme stays the default and the
    /// one <c>/mcp</c> requires; it forwards a request that presents a key to the API-key scheme (its
    /// <see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>), so authentication, challenge and the endpoint's
    /// requirement all take keys without a change to Hosting. Requests without a key are the JWT scheme's as before.
    /// </summary>
    public static IServiceCollection AddGatewayApiKeys(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ApiKeyStores.Create);
        services.AddHostedService<ApiKeyStoreOpening>();
        services.TryAddSingleton<ApiKeyUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
        services.TryAddSingleton<ApiKeyValidator>();
        services.TryAddSingleton<ApiKeyChallenge>();
        services.AddSingleton<IStartupFilter, ApiKeyDevelopmentCheck>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<IOptions<ApiKeyOptions>>((jwt, keys) =>
        {
            if (keys.Value.Enabled)
            {
                jwt.ForwardDefaultSelector = ApiKeyPresentation.SchemeFor;
            }
        });
        return services;
    }
}
