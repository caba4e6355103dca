using System.Reflection;

namespace EnterpriseMcp.AppHost.Model;

/// <summary>
/// A service run from its built assembly (<c>dotnet {bin}/{Service}.dll</c>) instead of as a project resource. DCP
/// starts a project resource as <c>dotnet run --no-build</c>, which costs 2 to 5 s before the service's own process
/// starts, on every level of the WaitFor chain. It is discoverable as a project is (<c>services__{name}__http__0</c>).
/// </summary>
public sealed class ServiceExecutableResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery;

public static class ServiceExecutable
{
    /// <summary>
    /// In a local run, the service's built assembly run directly when it is there (the AppHost's build builds it, in
    /// the AppHost's configuration); otherwise, and always when publishing, the project resource, so that the
    /// manifest keeps <c>project.v0</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        if (builder.ExecutionContext.IsRunMode && BuiltAssembly(new TProject().ProjectPath) is { } assembly)
        {
            var projectDirectory = Path.GetDirectoryName(new TProject().ProjectPath)!;
            // The project's directory as working directory (the content root), as under `dotnet run`.
            return builder.AddResource(new ServiceExecutableResource(name, "dotnet", projectDirectory))
                .WithArgs(assembly)
                .WithOtlpExporter()
                // What Aspire gives a project resource besides its endpoint (ASPNETCORE_URLS, set with the endpoint).
                .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true")
                .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true")
                .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory")
                .WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true")
                .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                // As for the AppHost (its project file): no recompiling of hot code while everything starts at once on
                // few cores; a service reaches its optimized code 10 s after its start-up work is over.
                .WithEnvironment("DOTNET_TC_CallCountingDelayMs", "10000");
        }

        return builder.AddProject<TProject>(name);
    }

    private static string? BuiltAssembly(string projectPath)
    {
        // The AppHost's own configuration (also when Aspire.Hosting.Testing runs it inside a test host).
        var configuration = typeof(ServiceExecutableResource).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, framework,
            Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return File.Exists(assembly) ? assembly : null;
    }

    /// <summary>The same service builder seen as one that takes environment variables, waits or is waited for.</summary>
    public static IResourceBuilder<T> As<T>(this IResourceBuilder<IResource> service) where T : IResource =>
        (IResourceBuilder<T>)service;
}
