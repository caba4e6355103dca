using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>A gateway's <c>/health</c> with every check's status (what it answers to <c>Accept: application/json</c>).</summary>
public static class GatewayHealth
{
    public static async Task<string?> CheckStatusAsync(Uri gateway, string check)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "/health"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return (string?)report["checks"]?[check]?["status"];
    }
}
