using System.Text.Json.Nodes;

namespace EnterpriseMcp.Hosting.Tests.Infrastructure;

/// <summary>Reads Streamable HTTP answers: one JSON body, or the JSON-RPC messages of an SSE stream.</summary>
public static class McpResponses
{
    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
            ?? throw new InvalidOperationException("The response body is not a JSON object.");

    /// <summary>The JSON-RPC answer of a POST, whether it came as JSON or as the last data event of SSE.</summary>
    public static async Task<JsonObject> ReadAnswerAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await ReadJsonAsync(response);
        }

        var events = await ReadEventsAsync(response);
        return events.LastOrDefault(e => e.Data is JsonObject o && o["method"] is null).Data as JsonObject
            ?? throw new InvalidOperationException("The SSE stream carried no JSON-RPC answer.");
    }

    public static async Task<List<(string? Id, JsonNode? Data)>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        List<(string? Id, JsonNode? Data)> events = [];
        foreach (var block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? id = null;
            var data = "";
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("id:", StringComparison.Ordinal))
                {
                    id = line[3..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data += line[5..].TrimStart();
                }
            }

            events.Add((id, data.Length > 0 ? JsonNode.Parse(data) : null));
        }

        return events;
    }
}
