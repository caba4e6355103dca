using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EnterpriseMcp.Hosting.Http;

internal static class SseResponse
{
    /// <summary>Marks the response as an event stream that no layer (Kestrel, compression, nginx) may buffer.</summary>
    public static void Start(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentType = "text/event-stream";
        headers.CacheControl = "no-cache, no-store";
        headers.ContentEncoding = "identity";
        headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
