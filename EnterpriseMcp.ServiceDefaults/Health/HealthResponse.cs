using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.ServiceDefaults.Health;

/// <summary>
/// The status word by default, as load balancers expect; with <c>Accept: application/json</c>, every
/// check with its status, description and data (a gateway's backends, say). Never an exception's text.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!context.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        context.Response.ContentType = "application/json";
        var details = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(entry => entry.Key, entry => new Dictionary<string, object?>
            {
                ["status"] = entry.Value.Status.ToString(),
                ["description"] = entry.Value.Description,
                ["data"] = entry.Value.Data.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString()),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(details));
    }
}
