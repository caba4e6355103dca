using System.Diagnostics;
using System.Text;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>
/// Debian's nginx in front of several servers on loopback, as a load balancer without session affinity: round-robin,
/// SSE passed through unbuffered, a dead server skipped. Each answer names the server that gave it in
/// <c>X-Upstream</c>, so a test knows which one to kill. Its files (config, pid, temp, logs) are in a temporary folder.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string UpstreamHeader = "X-Upstream";

    private readonly string _folder = Directory.CreateTempSubdirectory("nginx-tests-").FullName;
    private Process? _process;

    private NginxProxy(int port) => Port = port;

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> servers)
    {
        if (!File.Exists("/usr/sbin/nginx"))
        {
            throw new InvalidOperationException("nginx is not installed (no /usr/sbin/nginx): apt-get install nginx-light, or run ./test.sh, which does.");
        }

        var proxy = new NginxProxy(LoopbackPorts.Free());
        await File.WriteAllTextAsync(Path.Combine(proxy._folder, "nginx.conf"), proxy.Configuration(servers));
        var start = new ProcessStartInfo("/usr/sbin/nginx")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = proxy._folder,
        };
        foreach (var argument in (string[])["-p", proxy._folder, "-c", Path.Combine(proxy._folder, "nginx.conf"), "-e", Path.Combine(proxy._folder, "error.log")])
        {
            start.ArgumentList.Add(argument);
        }

        proxy._process = Process.Start(start)!;
        proxy._process.OutputDataReceived += (_, _) => { };
        proxy._process.ErrorDataReceived += (_, _) => { };
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        if (!await LoopbackPorts.WaitUntilListeningAsync(proxy.Port, proxy._process))
        {
            var log = Path.Combine(proxy._folder, "error.log");
            throw new InvalidOperationException($"nginx did not start: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log")}");
        }
        return proxy;
    }

    /// <summary>The port of the server that answered, from <see cref="UpstreamHeader"/> ("127.0.0.1:5001").</summary>
    public static int? UpstreamPortOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(UpstreamHeader, out var values)
        && values.Last().Split(',').Last().Trim().Split(':').Last() is var port && int.TryParse(port, out var number)
            ? number
            : null;

    private string Configuration(IEnumerable<Uri> servers)
    {
        var upstreams = new StringBuilder();
        foreach (var server in servers)
        {
            // A refused connection takes the server out for a while, so a killed one costs one retry, not one per request.
            upstreams.AppendLine($"    server {server.Host}:{server.Port} max_fails=1 fail_timeout=30s;");
        }

        // Run as root (CI), nginx's workers would drop to nobody, who cannot enter the temporary folder (mode 700).
        var user = Environment.UserName == "root" ? "user root;" : "";
        return $$"""
            {{user}}
            daemon off;
            worker_processes 1;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{_folder}}/body;
              proxy_temp_path {{_folder}}/proxy;
              fastcgi_temp_path {{_folder}}/fastcgi;
              uwsgi_temp_path {{_folder}}/uwsgi;
              scgi_temp_path {{_folder}}/scgi;
              upstream replicas {
            {{upstreams}}    keepalive 32;
              }
              server {
                listen 127.0.0.1:{{Port}};
                location / {
                  proxy_pass http://replicas;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_buffering off;
                  proxy_request_buffering off;
                  proxy_read_timeout 1h;
                  # A POST that never reached a dead server may go to the next one; one that did is not repeated.
                  proxy_next_upstream error timeout;
                  add_header {{UpstreamHeader}} $upstream_addr always;
                }
              }
            }
            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // The whole tree: a worker outlives a killed master, and would go on listening on the port.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
