using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps probe and scrape requests out of traces: they arrive every few seconds and would drown real
/// traffic. The request keeps its trace id (logs still correlate), but an activity that is not
/// <see cref="Activity.Recorded"/> is skipped by every OpenTelemetry export processor.
/// </summary>
internal static class TraceExclusion
{
    public static TBuilder ExcludeFromTraces<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate;
            if (next is null)
            {
                return;
            }

            endpoint.RequestDelegate = context =>
            {
                StopRecording(context);
                return next(context);
            };
        });
        return builder;
    }

    private static void StopRecording(HttpContext context)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
        }
    }
}
