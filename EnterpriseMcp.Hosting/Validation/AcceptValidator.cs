using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>The transport requires POSTs to accept both JSON and SSE, and GETs to accept SSE.</summary>
internal static class AcceptValidator
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

    public static McpRequestRejection? ValidatePost(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (Accepts(accept, Json) && Accepts(accept, EventStream))
        {
            return null;
        }

        return NotAcceptable("the client must accept both application/json and text/event-stream");
    }

    public static McpRequestRejection? ValidateGet(HttpRequest request) =>
        Accepts(request.GetTypedHeaders().Accept, EventStream)
            ? null
            : NotAcceptable("the client must accept text/event-stream");

    public static McpRequestRejection? ValidateContentType(HttpRequest request)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) &&
            contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new(StatusCodes.Status415UnsupportedMediaType, McpErrorCodes.ServerError,
            "Unsupported Media Type: the body must be application/json.");
    }

    private static bool Accepts(IList<MediaTypeHeaderValue> accept, MediaTypeHeaderValue wanted)
    {
        foreach (var value in accept)
        {
            // A wildcard such as "*/*" or "text/*" covers the wanted type too.
            if (wanted.IsSubsetOf(value))
            {
                return true;
            }
        }

        return false;
    }

    private static McpRequestRejection NotAcceptable(string why) =>
        new(StatusCodes.Status406NotAcceptable, McpErrorCodes.ServerError, $"Not Acceptable: {why}.");
}
