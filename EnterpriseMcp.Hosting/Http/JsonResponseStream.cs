using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Turns the SDK transport's SSE output into a single <c>application/json</c> answer when it can:
/// the one response or error for the request, with progress and log notifications dropped as the
/// transport spec allows. A request to the client (sampling, elicitation) cannot travel in a JSON
/// answer, so on the first one the response becomes an SSE stream after all, buffered events included.
/// </summary>
internal sealed class JsonResponseStream(HttpContext context) : WriteOnlyStream
{
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly MemoryStream _pending = new();
    private int _scanned;
    private Mode _mode = Mode.Undecided;

    private enum Mode
    {
        Undecided,
        Json,
        Sse,
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        switch (_mode)
        {
            case Mode.Sse:
                await context.Response.Body.WriteAsync(buffer, cancellationToken);
                return;
            case Mode.Json:
                return;
        }

        _pending.Write(buffer.Span);
        while (NextEventData() is { } data)
        {
            switch (Classify(data))
            {
                case Kind.Answer:
                    _mode = Mode.Json;
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength = data.Length;
                    await context.Response.Body.WriteAsync(data, cancellationToken);
                    return;
                case Kind.ClientRequest:
                    _mode = Mode.Sse;
                    SseResponse.Start(context);
                    await context.Response.Body.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    return;
            }
        }
    }

    // Until the answer is known the headers must wait: flushing would commit status and content type.
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _mode == Mode.Sse ? context.Response.Body.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>The data of the next complete event not yet looked at, or null when there is none.</summary>
    private byte[]? NextEventData()
    {
        var unscanned = _pending.GetBuffer().AsSpan(_scanned, (int)_pending.Length - _scanned);
        var end = unscanned.IndexOf(EventEnd);
        if (end < 0)
        {
            return null;
        }

        _scanned += end + EventEnd.Length;
        var data = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(unscanned[..end]).Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }

        return Encoding.UTF8.GetBytes(data.ToString());
    }

    private enum Kind
    {
        None,
        Notification,
        ClientRequest,
        Answer,
    }

    /// <summary>An answer has an id and no method; a request to the client has both; a notification only a method.</summary>
    private static Kind Classify(byte[] data)
    {
        if (data.Length == 0)
        {
            return Kind.None;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Kind.None;
        }

        bool hasMethod = false, hasId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMethod |= reader.ValueTextEquals("method");
            hasId |= reader.ValueTextEquals("id");
            reader.Read();
            reader.Skip();
        }

        return (hasMethod, hasId) switch
        {
            (true, true) => Kind.ClientRequest,
            (true, false) => Kind.Notification,
            (false, true) => Kind.Answer,
            _ => Kind.None,
        };
    }
}
