namespace EnterpriseMcp.AppHost.Model;

/// <summary>
/// Where a local run keeps each resource's state (signing keys, the embedded databases, the PostgreSQL cluster) between
/// runs: <c>{data}/{resource}</c>, by default <c>EnterpriseMcp.AppHost/.data</c>. Only a local run has one: a deployment
/// gives its own storage, so no path of this machine may reach the manifest.
/// </summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = root;

    public static DataFolder Default(IDistributedApplicationBuilder builder) => new(Path.Combine(builder.AppHostDirectory, ".data"));

    public string For(string resource)
    {
        var folder = Path.Combine(Root, resource);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
