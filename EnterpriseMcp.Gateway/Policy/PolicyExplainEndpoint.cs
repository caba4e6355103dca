using System.Text.Json;
using EnterpriseMcp.Gateway.Admin;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// <c>POST /admin/policy/explain</c>: why the policy allows or denies a tool, prompt or resource to a principal, for an
/// administrator (a holder of one of <c>Gateway:Policy:AdminRoles</c>; in development mode, a loopback caller).
/// </summary>
internal static partial class PolicyExplainEndpoint
{
    public static IEndpointConventionBuilder MapPolicyExplain(this IEndpointRouteBuilder endpoints, string pattern = "/admin/policy/explain") =>
        // Anonymous to the authorization middleware: the handler checks the caller itself and answers in JSON.
        endpoints.MapPost(pattern, ExplainAsync).AllowAnonymous();

    internal static async Task ExplainAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var policy = services.GetRequiredService<AccessPolicy>();
        var (caller, refusal) = AdminAccess.Check(context, "the policy's explanation");
        if (refusal is not null)
        {
            if (refusal.Status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await WriteErrorAsync(context, refusal.Status, refusal.Error);
            return;
        }

        PolicyExplainRequest? request;
        string problem;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            PolicyExplainRequest.TryParse(body.RootElement, out request, out problem);
        }
        catch (JsonException failure)
        {
            request = null;
            problem = $"The body is not valid JSON ({failure.Message}). {PolicyExplainRequest.Usage}";
        }

        if (request is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var principal = request.Principal ?? caller;
        var decision = policy.Decide(principal, request.Kind, request.Name);
        if (services.GetService<BackendScopeDemands>() is { } demands)
        {
            // What the gateway would decide on a call: with the scopes the tool's backend demands.
            decision = demands.Narrow(decision, principal);
        }

        LogExplained(services.GetRequiredService<ILogger<AccessPolicy>>(), caller.Subject ?? "(loopback)",
            DecisionReasons.KindOf(request.Kind), request.Name, principal.Subject ?? "(none)", decision.Allowed ? "allowed" : "denied");
        await context.Response.WriteAsJsonAsync(PolicyExplanation.Of(decision, principal), PolicyExplainJson.Default.PolicyExplanation,
            cancellationToken: context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new PolicyExplainError(error), PolicyExplainJson.Default.PolicyExplainError,
            cancellationToken: context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Policy explained to '{Admin}': the {Kind} '{Name}' for the subject '{Subject}' is {Decision}.")]
    private static partial void LogExplained(ILogger logger, string admin, string kind, string name, string subject, string decision);
}
