// What a hop costs when it understands nothing: POST /mcp copied to BACKEND with the MCP headers, and the answer
// streamed back untouched. bench/gateway-overhead.sh measures it beside the gateway, to tell the cost of the hop itself
// (sockets, a second HTTP exchange, scheduling) from the cost of what the gateway does with each message.
// With Mcp__Auth__Authority and AUDIT_DB set it is the floor of a gateway instead (Floor.cs).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.AddFloor();
var app = builder.Build();
await app.UseFloorAsync();
var backend = new Uri(Environment.GetEnvironmentVariable("BACKEND") ?? throw new InvalidOperationException("Set BACKEND to the backend's MCP URL."));
var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });
// Authorization too: with identity on (gateway-auth-overhead.sh) the client's token for the backend passes through.
string[] forwarded = ["Accept", "Authorization", "MCP-Protocol-Version", "Mcp-Method", "Mcp-Name"];

app.MapPost("/mcp", async (HttpContext context) =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, backend) { Content = new StreamContent(context.Request.Body) };
    request.Content.Headers.ContentType = new("application/json");
    foreach (var name in forwarded)
    {
        if (context.Request.Headers.TryGetValue(name, out var value))
        {
            request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value);
        }
    }

    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
    context.Response.StatusCode = (int)response.StatusCode;
    context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
});
app.Run();
