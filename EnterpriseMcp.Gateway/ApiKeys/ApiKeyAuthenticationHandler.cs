using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// Authenticates a request that presents an API key (<see cref="ApiKeyPresentation"/>); a refused key gets 401 with an
/// <c>invalid_token</c> challenge that says what is wrong, as a refused JWT does. The key's secret is never logged.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers,
    UrlEncoder encoder, ApiKeyValidator validator, ApiKeyChallenge challenge)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (text, problem) = ApiKeyPresentation.Find(Request);
        if (problem is not null)
        {
            return Refuse(problem, id: null);
        }

        if (text is null)
        {
            return AuthenticateResult.NoResult();
        }

        var verdict = await validator.ValidateAsync(text, Context.RequestAborted);
        return verdict.Principal is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : Refuse(verdict.Failure!, ApiKeyFormat.TryParse(text, out var id) ? id : null);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await challenge.WriteAsync(Context, result.Failure?.Message ?? "An API key is required");
    }

    private AuthenticateResult Refuse(string failure, string? id)
    {
        LogRefused(Logger, Request.Path, Context.Connection.RemoteIpAddress?.ToString() ?? "?", id ?? "-", failure);
        return AuthenticateResult.Fail(failure);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an API key for {Path} from {Remote} (id {Id}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string remote, string id, string reason);
}
