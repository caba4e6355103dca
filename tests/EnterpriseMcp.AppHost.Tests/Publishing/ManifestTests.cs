using System.Text.Json.Nodes;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.Publishing;

/// <summary>
/// The deployment manifest, as `azd` reads it (azd itself cannot run here): the AppHost run with
/// <c>--publisher manifest --postgres</c> (Redis is on by default), and every resource of it checked for its type, bindings, environment and
/// parameters; secret values given to the AppHost, and paths of this machine, must not be in it.
/// </summary>
public sealed class ManifestTests(ManifestTests.Published published) : IClassFixture<ManifestTests.Published>
{
    [Fact]
    public void Every_resource_is_described_and_nothing_else()
    {
        // Aspire's Redis adds its password URI-encoded (for REDIS_URI) and a condition for TLS in its connection string,
        // the latter named with a hash.
        Assert.Equal(
            ["cond-redis-", "db", "gateway", "gateway-client-secret", "identity", "jira", "postgres", "postgres-app-password", "postgres-password",
             "redis", "redis-password", "redis-password-uri-encoded"],
            published.Resources.Select(resource => resource.Key.StartsWith("cond-redis-", StringComparison.Ordinal) ? "cond-redis-" : resource.Key).Order());
    }

    [Theory]
    [InlineData("gateway", "EnterpriseMcp.Gateway")]
    [InlineData("jira", "EnterpriseMcp.Tools.Jira")]
    [InlineData("db", "EnterpriseMcp.Tools.Db")]
    public void The_services_are_projects_of_this_repository(string name, string project)
    {
        var resource = published.Resource(name);

        Assert.Equal("project.v0", (string?)resource["type"]);
        var path = Path.GetFullPath(Path.Combine(published.Folder, (string)resource["path"]!));
        Assert.Equal(Path.Combine(SystemModel.RepositoryFolder, project, project + ".csproj"), path);
    }

    [Fact]
    public void The_identity_server_is_an_image_built_from_its_dockerfile_with_its_data_in_a_volume()
    {
        var identity = published.Resource("identity");

        Assert.StartsWith("container.", (string?)identity["type"]);
        var dockerfile = Path.GetFullPath(Path.Combine(published.Folder, (string)identity["build"]!["dockerfile"]!));
        Assert.Equal(Path.Combine(SystemModel.IdentityFolder, "Dockerfile"), dockerfile);
        Assert.True(File.Exists(dockerfile));
        var volume = Assert.Single(identity["volumes"]!.AsArray())!;
        Assert.Equal("/data", (string?)volume["target"]);
        Assert.Contains("IDENTITY_DATA=/data", File.ReadAllText(dockerfile));
        Assert.Equal(5100, (int)identity["bindings"]!["http"]!["targetPort"]!);
        Assert.Equal("{identity.bindings.http.url}", Environment(identity)["IDENTITY_ISSUER"]);
    }

    [Fact]
    public void PostgreSQL_is_a_container_with_generated_secret_passwords()
    {
        var postgres = published.Resource("postgres");

        Assert.Equal("container.v0", (string?)postgres["type"]);
        Assert.Equal("postgres:17", (string?)postgres["image"]);
        Assert.Equal(5432, (int)postgres["bindings"]!["tcp"]!["targetPort"]!);
        Assert.Equal("{postgres-password.value}", Environment(postgres)["POSTGRES_PASSWORD"]);
        Assert.Contains("Password={postgres-app-password.value}", Environment(published.Resource("db"))["ConnectionStrings__db"]);
    }

    [Fact]
    public void Redis_is_a_container_with_a_generated_password_and_the_gateway_references_it()
    {
        var redis = published.Resource("redis");

        Assert.Equal("container.v0", (string?)redis["type"]);
        Assert.StartsWith("docker.io/library/redis:", (string?)redis["image"]);
        Assert.Equal(6379, (int)redis["bindings"]!["tcp"]!["targetPort"]!);
        Assert.Contains("password={redis-password.value}", (string?)redis["connectionString"]);
        Assert.Equal("{redis.connectionString}", Environment(published.Resource("gateway"))["ConnectionStrings__redis"]);
    }

    [Theory]
    [InlineData("gateway-client-secret")]
    [InlineData("redis-password")]
    [InlineData("postgres-password")]
    [InlineData("postgres-app-password")]
    public void Secrets_are_secret_parameters_generated_at_deployment(string name)
    {
        var parameter = published.Resource(name);

        Assert.Equal("parameter.v0", (string?)parameter["type"]);
        var input = parameter["inputs"]!["value"]!;
        Assert.True((bool)input["secret"]!);
        Assert.True((int)input["default"]!["generate"]!["minLength"]! >= 32);
    }

    [Fact]
    public void Only_the_gateway_and_the_identity_server_are_reachable_from_outside()
    {
        var external = published.Resources
            .Where(resource => resource.Value!["bindings"] is JsonObject bindings
                && bindings.Any(binding => (bool?)binding.Value!["external"] == true))
            .Select(resource => resource.Key)
            .Order();

        Assert.Equal(["gateway", "identity"], external);
    }

    [Fact]
    public void The_services_are_wired_by_references_not_by_addresses()
    {
        var gateway = Environment(published.Resource("gateway"));
        Assert.Equal("{jira.bindings.http.url}", gateway["services__jira__http__0"]);
        Assert.Equal("{db.bindings.http.url}", gateway["services__db__http__0"]);
        Assert.Equal("{gateway-client-secret.value}", gateway["Gateway__Identity__ClientSecret"]);
        Assert.Equal("{gateway.bindings.http.url}/mcp", gateway["Mcp__Auth__Resource"]);

        foreach (var tool in new[] { "jira", "db" })
        {
            var environment = Environment(published.Resource(tool));
            Assert.Equal("{identity.bindings.http.url}", environment["Mcp__Auth__Authority"]);
            Assert.Equal($"{{{tool}.bindings.http.url}}/mcp", environment["Mcp__Auth__Resource"]);
            Assert.Equal(ResourceNames.GatewayClient, environment["Mcp__Auth__AcceptedClients__0"]);
            Assert.Equal($"{{{tool}.bindings.http.url}}/mcp", Environment(published.Resource("identity"))[$"IDENTITY_RESOURCE_{tool.ToUpperInvariant()}"]);
        }

        Assert.Equal("{gateway-client-secret.value}", Environment(published.Resource("identity"))["IDENTITY_CLIENT_SECRET_MCP_GATEWAY"]);
    }

    [Fact]
    public void No_secret_value_and_no_path_of_this_machine_is_written()
    {
        Assert.DoesNotContain(Published.SecretMarker, published.Text);
        Assert.DoesNotContain(SystemModel.RepositoryFolder, published.Text);
        Assert.DoesNotContain(".data", published.Text);
        Assert.DoesNotContain(Path.GetTempPath(), published.Text);
        Assert.DoesNotContain("localhost", published.Text);
        Assert.DoesNotContain("127.0.0.1", published.Text);
    }

    private static Dictionary<string, string> Environment(JsonNode resource) =>
        resource["env"]!.AsObject().ToDictionary(variable => variable.Key, variable => (string)variable.Value!);

    /// <summary>The manifest, published once for the class into a folder of the repository's .artifacts.</summary>
    public sealed class Published : IAsyncLifetime
    {
        /// <summary>Given to the AppHost as every secret parameter's value: the manifest must not carry it.</summary>
        public const string SecretMarker = "secret-given-to-the-apphost-7f3c";

        public string Folder { get; } = Path.Combine(SystemModel.RepositoryFolder, ".artifacts", $"manifest-{Guid.NewGuid():N}");

        public string Text { get; private set; } = "";

        public JsonObject Resources { get; private set; } = [];

        public JsonNode Resource(string name) => Resources[name] ?? throw new Xunit.Sdk.XunitException($"no resource {name} in the manifest");

        public async ValueTask InitializeAsync()
        {
            var (code, output, errors) = await AppHostProcess.RunAsync(
                "--publisher", "manifest", "--output-path", Folder, "--postgres",
                $"--Parameters:{ResourceNames.GatewayClientSecret}={SecretMarker}",
                $"--Parameters:postgres-password={SecretMarker}",
                $"--Parameters:postgres-app-password={SecretMarker}",
                $"--Parameters:redis-password={SecretMarker}");
            Assert.True(code == 0, $"publishing failed ({code}):\n{output}\n{errors}");
            Text = await File.ReadAllTextAsync(Path.Combine(Folder, "aspire-manifest.json"));
            Resources = JsonNode.Parse(Text)!["resources"]!.AsObject();
        }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
