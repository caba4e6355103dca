using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>Checks a transport rejection: its HTTP status and the JSON-RPC error body that must come with it.</summary>
internal static class JsonRpcErrorAssert
{
    /// <summary>Asserts the status and a JSON-RPC error object (with the code, when given); returns the whole body.</summary>
    public static async Task<JsonObject> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, int? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await McpResponses.ReadJsonAsync(response);
        Assert.Equal("2.0", body["jsonrpc"]?.GetValue<string>());
        Assert.Null(body["result"]);
        var error = Assert.IsType<JsonObject>(body["error"]);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()));
        var actualCode = error["code"]!.GetValue<int>();
        if (code is not null)
        {
            Assert.Equal(code.Value, actualCode);
        }

        return body;
    }
}
