using System.Net;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

public sealed class AnonymousModeTests
{
    [Fact]
    public async Task Without_an_authority_loopback_callers_use_every_tool_anonymously()
    {
        await using var server = await ResourceServerTestApp.StartAsync(authority: null);

        using var response = await server.Client.SendAsync(McpRequests.Stateless("tools/list"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(3, answer["result"]!["tools"]!.AsArray().Count);
        using var metadata = await server.Client.GetAsync("/.well-known/oauth-protected-resource", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
    }

    [Fact]
    public async Task Without_an_authority_the_server_refuses_to_listen_beyond_loopback()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ResourceServerTestApp.StartAsync(authority: null, url: "http://0.0.0.0:0"));

        Assert.Contains("Mcp:Auth:Authority", failure.Message);
        Assert.Contains("0.0.0.0", failure.Message);
    }

    [Fact]
    public async Task An_authority_without_a_resource_stops_start_up_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ResourceServerTestApp.StartAsync(authority: "http://127.0.0.1:1", resource: ""));

        Assert.Contains("Mcp:Auth:Resource is required", failure.Message);
    }
}

public sealed class LoopbackOnlyTests
{
    [Theory]
    [InlineData("10.1.2.3", 403)]
    [InlineData("192.168.0.7", 403)]
    [InlineData("127.0.0.1", 200)]
    [InlineData("::1", 200)]
    public async Task Without_an_authority_only_loopback_callers_reach_the_app(string remote, int expected)
    {
        var filter = new LoopbackOnly(
            Options.Create(new McpAuthOptions()), server: null!,
            NullLogger<LoopbackOnly>.Instance);
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        filter.Configure(builder => builder.Run(context => { context.Response.StatusCode = 200; return Task.CompletedTask; }))(app);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Response.Body = new MemoryStream();

        await app.Build()(context);

        Assert.Equal(expected, context.Response.StatusCode);
    }
}
