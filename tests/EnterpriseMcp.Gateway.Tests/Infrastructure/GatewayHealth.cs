using System.Text.Json.Nodes;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>What the gateway's <c>/health</c> says of its backends.</summary>
public static class GatewayHealth
{
    /// <summary>The <c>backends</c> check of <c>/health</c> as JSON: its <c>status</c>, and each backend's state under <c>data</c>.</summary>
    public static async Task<JsonNode> BackendsAsync(this GatewayHost gateway) => (await gateway.HealthAsync()).Report["checks"]!["backends"]!;

    /// <summary><c>/health</c>'s status code and its JSON report.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonNode Report)> HealthAsync(this GatewayHost gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Accept.ParseAdd("application/json");
        using var health = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (health.StatusCode, JsonNode.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
    }

    /// <summary>One backend's state on <c>/health</c>, e.g. <c>up</c> or <c>circuit open: the connection was refused.</c></summary>
    public static async Task<string> StateOfAsync(this GatewayHost gateway, string backend) =>
        (string?)(await gateway.BackendsAsync())["data"]![backend] ?? "";
}
