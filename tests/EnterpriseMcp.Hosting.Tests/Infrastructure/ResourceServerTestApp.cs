using System.ComponentModel;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Tests.Infrastructure;

/// <summary>A small MCP server made a resource server with <c>AddMcpResourceServer</c>, with one tool per scope.</summary>
public sealed class ResourceServerTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ResourceServerTestApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Starts on a free loopback port; <paramref name="resource"/> gets that port in place of <c>{port}</c>.</summary>
    public static async Task<ResourceServerTestApp> StartAsync(string? authority, string resource = "http://127.0.0.1:{port}/mcp",
        string url = "http://127.0.0.1:0", IDictionary<string, string?>? settings = null)
    {
        var port = url.EndsWith(":0", StringComparison.Ordinal) ? FreePort() : new Uri(url).Port;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url.Replace(":0", $":{port}", StringComparison.Ordinal));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Http:SessionMode"] = "Stateless",
            ["Mcp:Auth:Authority"] = authority,
            ["Mcp:Auth:Resource"] = authority is null ? null : resource.Replace("{port}", port.ToString(), StringComparison.Ordinal),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddMcpResourceServer();
        builder.Services.AddMcpHosting(options =>
        {
            options.ToolCollection ??= [];
            options.ToolCollection.Add(McpServerTool.Create(ScopedTools.ReadNotes, new() { Name = "read_notes" }));
            options.ToolCollection.Add(McpServerTool.Create(ScopedTools.WriteNote, new() { Name = "write_note" }));
            options.ToolCollection.Add(McpServerTool.Create(ScopedTools.Ping, new() { Name = "ping" }));
        });

        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ResourceServerTestApp(app, new Uri(address));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static class ScopedTools
    {
        [RequiresScope("notes.read")]
        [Description("Reads the notes.")]
        public static string ReadNotes(System.Security.Claims.ClaimsPrincipal? user) => $"notes of {user?.Identity?.Name ?? "nobody"}";

        [RequiresScope("notes.read")]
        [RequiresScope("notes.write")]
        [Description("Writes a note.")]
        public static string WriteNote(string text, [Description("Higher is more urgent.")] int priority = 0) =>
            priority == 0 ? $"written: {text}" : $"written: {text} (priority {priority})";

        [Description("Answers pong; needs no scope.")]
        public static string Ping() => "pong";
    }
}
