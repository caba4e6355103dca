using System.Text;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>One server-sent event: its data lines joined, its id and retry hint if it had them.</summary>
internal readonly record struct SseEvent(string Data, string? Id, int? RetryMilliseconds);

/// <summary>Reads server-sent events from a response body as they arrive.</summary>
internal static class SseEventReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var data = new StringBuilder();
        string? id = null;
        int? retry = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 || id is not null || retry is not null)
                {
                    yield return new SseEvent(data.ToString(), id, retry);
                }

                data.Clear();
                id = null;
                retry = null;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
                case "id":
                    id = value;
                    break;
                case "retry" when int.TryParse(value, out var milliseconds):
                    retry = milliseconds;
                    break;
            }
        }
    }
}
