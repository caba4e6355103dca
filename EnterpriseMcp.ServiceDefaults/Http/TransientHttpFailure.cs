using System.Net;
using Polly;
using Polly.Timeout;

namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>Failures that another attempt may well not meet.</summary>
internal static class TransientHttpFailure
{
    public static bool Is(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        // TimeoutRejectedException here is the per-attempt timeout; the total one sits outside the retry.
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
