namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>
/// Whether sending a request twice is harmless and possible. Idempotent methods only (a POST may have
/// taken effect before the failure), and only with a body that can be written again: a streamed body
/// is consumed by the first attempt.
/// </summary>
internal static class RetryableRequest
{
    public static bool Allows(HttpRequestMessage request) =>
        IsIdempotent(request.Method) && request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get
        || method == HttpMethod.Head
        || method == HttpMethod.Options
        || method == HttpMethod.Trace
        || method == HttpMethod.Put
        || method == HttpMethod.Delete;
}
