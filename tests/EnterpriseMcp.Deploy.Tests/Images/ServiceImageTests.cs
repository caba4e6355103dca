namespace EnterpriseMcp.Deploy.Tests.Images;

/// <summary>The gateway's and the tool servers' images, as <c>dotnet publish /t:PublishContainer</c> would build them.</summary>
public sealed class ServiceImageTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "EnterpriseMcp.Gateway", "enterprise-mcp/gateway" },
        { "EnterpriseMcp.Tools.Jira", "enterprise-mcp/jira" },
        { "EnterpriseMcp.Tools.Db", "enterprise-mcp/db" },
    };

    /// <summary>Each service's SQLite files, which must land in the /data volume rather than the read-only root.</summary>
    public static TheoryData<string, string> DataFiles => new()
    {
        { "EnterpriseMcp.Gateway", "Gateway__Audit__Path" },
        { "EnterpriseMcp.Gateway", "Gateway__ApiKeys__Path" },
        { "EnterpriseMcp.Tools.Jira", "Jira__Embedded__DatabasePath" },
        { "EnterpriseMcp.Tools.Db", "Db__EmbeddedDatabasePath" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Is_pushed_to_its_own_repository(string project, string repository) =>
        Assert.Equal(repository, ServiceImage.Of(project).Properties["ContainerRepository"]);

    [Theory]
    [MemberData(nameof(Services))]
    public void Runs_as_the_base_images_unprivileged_user(string project, string _)
    {
        var image = ServiceImage.Of(project);

        Assert.Equal("1654", image.Properties["ContainerUser"]);
        // Chiseled images have no root user to fall back to, nor a shell or package manager.
        Assert.Matches(@"/dotnet/aspnet:10\.0-noble-chiseled", image.Properties["ContainerBaseImage"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Listens_on_the_port_it_exposes(string project, string _)
    {
        var image = ServiceImage.Of(project);

        Assert.Equal([("8080", "tcp")], image.Ports);
        Assert.Equal("8080", image.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("Production", image.Environment["DOTNET_ENVIRONMENT"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Is_tagged_with_its_version_and_latest(string project, string _)
    {
        var image = ServiceImage.Of(project);

        Assert.Equal([image.Properties["Version"], "latest"], image.Tags);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Carries_the_oci_labels(string project, string _)
    {
        var labels = ServiceImage.Of(project).Labels;

        Assert.Equal(project, labels["org.opencontainers.image.title"]);
        Assert.NotEmpty(labels["org.opencontainers.image.description"]);
        Assert.Equal(ServiceImage.Of(project).Properties["Version"], labels["org.opencontainers.image.version"]);
        Assert.Equal(ServiceImage.SourceUrl, labels["org.opencontainers.image.source"]);
        Assert.Equal(ServiceImage.Licenses, labels["org.opencontainers.image.licenses"]);
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Keeps_its_data_files_in_the_data_volume(string project, string variable)
    {
        var image = ServiceImage.Of(project);

        Assert.StartsWith("/data/", image.Environment[variable]);
        Assert.True(OptionsKeys.Binds(project, variable), $"{project} binds no setting {variable.Replace("__", ":")}.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Finds_its_local_application_data_folder_in_the_data_volume(string project, string _) =>
        Assert.Equal("/data", ServiceImage.Of(project).Environment["XDG_DATA_HOME"]);

    [Theory]
    [MemberData(nameof(Services))]
    public void Sets_no_path_outside_the_data_volume(string project, string _)
    {
        var paths = ServiceImage.Of(project).Environment.Where(variable => variable.Key.EndsWith("Path", StringComparison.Ordinal));

        Assert.All(paths, path => Assert.StartsWith("/data/", path.Value));
    }
}
