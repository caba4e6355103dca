using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using EnterpriseMcp.Hosting.Http;

namespace EnterpriseMcp.Gateway.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit of calls: its log opened at start, refusals and calls recorded, arguments redacted, old records removed.</summary>
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.AddAuditRedaction(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditEvents>();
        services.TryAddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        // After the trail, which opens the store it sweeps.
        services.AddHostedService<AuditRetention>();
        services.TryAddSingleton<CallRecords>();
        services.TryAddSingleton<CallAudit>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMcpRefusalObserver, RefusalAudit>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMcpRequestAdmission, AuditAdmission>());
        services.AddSingleton<IStartupFilter, UnauthenticatedAudit>();
        return services;
    }

    /// <summary>
    /// The audit's redaction: <see cref="RedactedMarker"/> for secret values, the library's HMAC redactor for personal
    /// ones when a key is configured (erased like secrets when not: nothing personal is stored in the clear by default).
    /// </summary>
    public static IServiceCollection AddAuditRedaction(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuditRedactionOptions.SectionName);
        services.Configure<AuditRedactionOptions>(section);
        var settings = section.Get<AuditRedactionOptions>() ?? new AuditRedactionOptions();
        services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<RedactedMarker>(new DataClassificationSet(AuditArguments.Secret));
            if (settings.HashKey is { Length: > 0 } key)
            {
                redaction.SetHmacRedactor(hmac =>
                {
                    hmac.Key = key;
                    hmac.KeyId = settings.HashKeyId;
                }, new DataClassificationSet(AuditArguments.Personal));
            }
            else
            {
                redaction.SetRedactor<RedactedMarker>(new DataClassificationSet(AuditArguments.Personal));
            }
        });
        services.AddSingleton<AuditArguments>();
        return services;
    }
}
