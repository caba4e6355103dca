using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>Six records of three users, two tools and every outcome an hour apart, and what each filter must find among them: the same for every store.</summary>
internal static class AuditQueryScenario
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Subject, string Name, AuditOutcome Outcome)[] Calls =
    [
        ("bob", "jira__get_issue", AuditOutcome.Allowed),
        ("carol", "jira__create_issue", AuditOutcome.Denied),
        ("bob", "jira__create_issue", AuditOutcome.Allowed),
        ("bob", "db__query", AuditOutcome.Limited),
        ("alice", "db__query", AuditOutcome.Failed),
        ("bob", "jira__get_issue", AuditOutcome.Denied),
    ];

    /// <summary>Writes the records to <paramref name="store"/> and closes it.</summary>
    public static async Task WriteAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        await using var log = await AuditLog.OpenAsync(store, NullLogger.Instance, cancellationToken);
        for (var index = 0; index < Calls.Length; index++)
        {
            await log.WriteAsync(Record(Calls[index].Subject, Calls[index].Name, Calls[index].Outcome, Start.AddHours(index)), cancellationToken);
        }
    }

    public static AuditRecord Record(string subject, string name, AuditOutcome outcome, DateTimeOffset time) => new()
    {
        Time = time,
        Caller = new AuditCaller(subject, "http://localhost:5100", "vscode", null, ["developer"]),
        Method = "tools/call",
        Name = name,
        Backend = name.Split("__")[0],
        Outcome = outcome,
    };

    /// <summary>Each filter alone, together, paged with the cursor, and a value that would be SQL if it were pasted in.</summary>
    public static async Task AssertFiltersAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        Assert.Equal([1L, 2, 3, 4, 5, 6], await SequencesAsync(store, new AuditQuery(), cancellationToken));
        Assert.Equal([1L, 3, 4, 6], await SequencesAsync(store, new AuditQuery { Subject = "bob" }, cancellationToken));
        Assert.Equal([2L, 3], await SequencesAsync(store, new AuditQuery { Name = "jira__create_issue" }, cancellationToken));
        Assert.Equal([2L, 6], await SequencesAsync(store, new AuditQuery { Outcome = AuditOutcome.Denied }, cancellationToken));
        Assert.Equal([2L, 3, 4], await SequencesAsync(store, new AuditQuery { From = Start.AddHours(1), To = Start.AddHours(4) }, cancellationToken));
        // An offset other than UTC means the same instant.
        Assert.Equal([6L], await SequencesAsync(store, new AuditQuery { From = Start.AddHours(5).ToOffset(TimeSpan.FromHours(2)) }, cancellationToken));
        Assert.Equal([6L], await SequencesAsync(store,
            new AuditQuery { Subject = "bob", Name = "jira__get_issue", Outcome = AuditOutcome.Denied }, cancellationToken));
        Assert.Equal([1L, 3], await SequencesAsync(store, new AuditQuery { Subject = "bob", Limit = 2 }, cancellationToken));
        Assert.Equal([4L, 6], await SequencesAsync(store, new AuditQuery { Subject = "bob", After = 3, Limit = 2 }, cancellationToken));
        Assert.Empty(await SequencesAsync(store, new AuditQuery { Subject = "bob' OR '1'='1" }, cancellationToken));
        Assert.Empty(await SequencesAsync(store, new AuditQuery { After = 6 }, cancellationToken));
    }

    public static async Task<List<long>> SequencesAsync(IAuditStore store, AuditQuery query, CancellationToken cancellationToken)
    {
        var sequences = new List<long>();
        await foreach (var record in store.QueryAsync(query, cancellationToken))
        {
            sequences.Add(record.Sequence);
        }

        return sequences;
    }
}
