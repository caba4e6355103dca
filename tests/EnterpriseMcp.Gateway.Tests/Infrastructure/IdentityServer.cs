using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// The real development authorization server (EnterpriseMcp.Identity, Node) in a process of its own, on a free
/// loopback port, with a data folder of its own and the canonical URIs of the resources the test runs.
/// </summary>
public sealed class IdentityServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private IdentityServer(Process process, string folder, Uri issuer)
    {
        _process = process;
        _folder = folder;
        Issuer = issuer.ToString().TrimEnd('/');
    }

    public string Issuer { get; }

    /// <param name="resources">name → canonical URI, e.g. <c>gateway</c> → <c>http://127.0.0.1:5200/mcp</c>.</param>
    public static async Task<IdentityServer> StartAsync(IReadOnlyDictionary<string, string> resources)
    {
        var folder = Directory.CreateTempSubdirectory("identity-").FullName;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "EnterpriseMcp.Identity", "server.mjs"));
        foreach (var argument in new[] { "--port", "0", "--data", folder })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, uri) in resources)
        {
            start.ArgumentList.Add("--resource");
            start.ArgumentList.Add($"{name}={uri}");
        }

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }

            output.Enqueue(text);
            const string marker = "listening on ";
            if (text.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0)
            {
                listening.TrySetResult(new Uri(text[(at + marker.Length)..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"EnterpriseMcp.Identity did not start:\n{string.Join('\n', output)}");
        }

        return new IdentityServer(process, folder, await listening.Task);
    }

    /// <summary>The server's current signing key (private), as it keeps it in its data folder: for forging tokens a test must refuse.</summary>
    public JsonWebKey SigningKey()
    {
        var keys = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "jwks.json")))!;
        var list = keys["keys"]?.AsArray() ?? keys.AsArray();
        return new JsonWebKey(list[0]!.ToJsonString());
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EnterpriseMcp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (EnterpriseMcp.sln) is not above the test assembly.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
