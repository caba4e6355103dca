// Audit write cost: CALLERS concurrent callers each write records back to back for SECONDS through one AuditLog
// (group commit), on SQLite in a temporary folder or on PostgreSQL; prints records/s, commits, records per commit and
// the latency of a write (p50, p99), which is what a call waits for before its answer is released, and the process's CPU
// time per record (callers included: each builds and submits its record).
//
//   dotnet run -c Release --project bench/AuditWrite -- [sqlite|postgres CONNECTION] [CALLERS=64] [SECONDS=10]
using System.Diagnostics;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Logging.Abstractions;

var kind = args.ElementAtOrDefault(0) ?? "sqlite";
var rest = kind == "postgres" ? args.Skip(2).ToArray() : args.Skip(1).ToArray();
var callers = int.Parse(rest.ElementAtOrDefault(0) ?? "64");
var seconds = int.Parse(rest.ElementAtOrDefault(1) ?? "10");
var folder = Directory.CreateTempSubdirectory("audit-bench-").FullName;
IAuditStore store = kind == "postgres" ? new PostgresAuditStore(args[1]) : new SqliteAuditStore(Path.Combine(folder, "audit.db"));

await using var log = await AuditLog.OpenAsync(store, NullLogger.Instance, CancellationToken.None);
var latencies = new List<double>[callers];
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var stop = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
{
    var mine = latencies[caller] = [];
    while (stop.Elapsed.TotalSeconds < seconds)
    {
        var started = Stopwatch.GetTimestamp();
        await log.WriteAsync(Record(caller), CancellationToken.None);
        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
})));
stop.Stop();
cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

var all = latencies.SelectMany(list => list).Order().ToArray();
Console.WriteLine($"{kind}, {callers} callers, {stop.Elapsed.TotalSeconds:0.0} s: {all.Length / stop.Elapsed.TotalSeconds:0} records/s, " +
    $"{log.Commits} commits ({(double)all.Length / log.Commits:0.0} records each), write latency p50 {all[all.Length / 2]:0.00} ms, " +
    $"p99 {all[(int)(all.Length * 0.99)]:0.00} ms, " +
    $"CPU {cpu.TotalMicroseconds / all.Length:0} us per record");
Directory.Delete(folder, recursive: true);

static AuditRecord Record(int caller) => new()
{
    Time = DateTimeOffset.UtcNow,
    RequestId = "1",
    TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
    Caller = new AuditCaller($"user-{caller}", "https://login.example.com/realms/company", "vscode", null, ["developer"]),
    SessionHash = "3q2+7w",
    SourceAddress = "10.0.0.12",
    UserAgent = "Visual Studio Code/1.107",
    Method = "tools/call",
    Name = "jira__search_issues",
    Backend = "jira",
    OriginalName = "search_issues",
    Arguments = new System.Text.Json.Nodes.JsonObject { ["jql"] = "project = DEMO AND status = Open" },
    Outcome = AuditOutcome.Allowed,
    DurationMilliseconds = 3.2,
    ResultBytes = 2048,
};
