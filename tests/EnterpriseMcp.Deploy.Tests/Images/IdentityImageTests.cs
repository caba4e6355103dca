using System.Text.RegularExpressions;

namespace EnterpriseMcp.Deploy.Tests.Images;

/// <summary>The identity server's image, read from its Dockerfile (there is no container engine to build it here).</summary>
public sealed class IdentityImageTests
{
    private static readonly Dockerfile Image = Dockerfile.Read(RepositoryFolder.PathOf("EnterpriseMcp.Identity", "Dockerfile"));

    [Fact]
    public void Runs_as_an_unprivileged_user_after_the_last_step_that_needs_root()
    {
        var user = Assert.Single(Image.All("USER"));

        Assert.DoesNotMatch(@"^(root|0)(:|$)", user.Arguments);
        Assert.All(Image.All("RUN"), run => Assert.True(run.Index < user.Index, $"RUN {run.Arguments} runs after USER."));
    }

    [Fact]
    public void Exposes_the_port_the_server_listens_on_on_every_interface()
    {
        var environment = Image.Values("ENV");

        Assert.Equal(environment["IDENTITY_PORT"], Assert.Single(Image.All("EXPOSE")).Arguments);
        Assert.Equal("0.0.0.0", environment["IDENTITY_HOST"]);
    }

    [Fact]
    public void Keeps_its_data_in_a_volume_the_user_owns()
    {
        var data = Image.Values("ENV")["IDENTITY_DATA"];

        Assert.Equal(data, Assert.Single(Image.All("VOLUME")).Arguments);
        Assert.Contains(Image.All("RUN"), run => run.Arguments.Contains($"chown {Assert.Single(Image.All("USER")).Arguments}:"));
        Assert.Contains(Image.All("RUN"), run => run.Arguments.EndsWith($" {data}", StringComparison.Ordinal));
    }

    [Fact]
    public void Holds_no_secret_in_its_environment_or_build_arguments()
    {
        var names = Image.All("ENV").Concat(Image.All("ARG")).SelectMany(instruction => instruction.Pairs()).Select(pair => pair.Key);

        Assert.DoesNotContain(names, name => Regex.IsMatch(name, "SECRET|PASSWORD|TOKEN|PRIVATE_KEY|API_KEY", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Starts_from_a_base_image_pinned_to_a_major_version()
    {
        var from = Assert.Single(Image.All("FROM")).Arguments;

        Assert.Matches(@"^[\w./-]+:\d+([.-][\w.-]+)?$", from);
    }

    [Fact]
    public void Checks_its_health_on_the_servers_alive_path()
    {
        var check = Assert.Single(Image.All("HEALTHCHECK")).Arguments;
        var route = File.ReadAllText(RepositoryFolder.PathOf("EnterpriseMcp.Identity", "src", "http", "alive.mjs"));

        Assert.Contains("/alive`", check);
        Assert.Contains("process.env.IDENTITY_PORT", check);
        Assert.Contains("ctx.path !== '/alive'", route);
    }

    [Fact]
    public void Carries_the_oci_labels()
    {
        var labels = Image.Values("LABEL");

        Assert.Equal("EnterpriseMcp.Identity", labels["org.opencontainers.image.title"]);
        Assert.NotEmpty(labels["org.opencontainers.image.description"]);
        Assert.Equal("${IMAGE_VERSION}", labels["org.opencontainers.image.version"]);
        Assert.Equal("${IMAGE_SOURCE}", labels["org.opencontainers.image.source"]);
        Assert.Equal("${IMAGE_LICENSES}", labels["org.opencontainers.image.licenses"]);
    }

    [Fact]
    public void Versions_the_image_as_the_package()
    {
        var package = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFolder.PathOf("EnterpriseMcp.Identity", "package.json")));

        Assert.Equal(package.RootElement.GetProperty("version").GetString(), Image.Values("ARG")["IMAGE_VERSION"]);
    }

    [Fact]
    public void Leaves_dependencies_and_test_data_out_of_the_build_context()
    {
        var ignored = File.ReadAllLines(RepositoryFolder.PathOf("EnterpriseMcp.Identity", ".dockerignore")).Select(line => line.Trim().TrimEnd('/'));

        Assert.Superset(new HashSet<string>(["node_modules", ".data", "test", "test-support"]), ignored.ToHashSet());
    }
}
