using System.Text.Json.Nodes;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>Reads the events of an SSE stream that stays open, one at a time as they arrive.</summary>
internal sealed class SseLineReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>The next event's id and JSON data; null when the stream has ended.</summary>
    public async Task<(string? Id, JsonNode? Data)?> ReadEventAsync(CancellationToken cancellationToken)
    {
        string? id = null;
        var data = "";
        var sawField = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (sawField)
                {
                    return (id, data.Length > 0 ? JsonNode.Parse(data) : null);
                }

                continue;
            }

            sawField = true;
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line[3..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data += line[5..].TrimStart();
            }
        }

        return null;
    }

    /// <summary>Reads until a message with <paramref name="method"/> arrives; false when the stream ends first.</summary>
    public async Task<bool> SawMethodAsync(string method, CancellationToken cancellationToken)
    {
        while (await ReadEventAsync(cancellationToken) is { } item)
        {
            if (item.Data?["method"]?.GetValue<string>() == method)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();
}
