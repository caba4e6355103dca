using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// OpenTelemetry export processors skip an activity that is not <see cref="Activity.Recorded"/>, so the
/// server activity's flag at its end is what decides whether a request shows up in traces. Tracing is on only
/// with an OTLP endpoint, so the service gets one.
/// </summary>
public sealed class TraceExclusionTests : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, TaskCompletionSource<Activity>> stopped = new();
    private readonly ActivityListener listener;

    public TraceExclusionTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (stopped.TryGetValue(activity.TraceId, out var completion))
                {
                    completion.TrySetResult(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    [Theory]
    [InlineData("/health", false)]
    [InlineData("/alive", false)]
    [InlineData("/metrics", false)]
    [InlineData("/ping", true)]
    public async Task Probe_and_scrape_requests_are_not_recorded_but_other_requests_are(string path, bool recorded)
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await TestApp.StartWithDefaultsAsync(configureApp: web => web.MapGet("/ping", () => "pong"), settings: collector.Settings);
        var traceId = ActivityTraceId.CreateRandom();
        var completion = stopped.GetOrAdd(traceId, _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously));

        // The service's HttpClient instrumentation listens process-wide: this client must not put its own trace in the header.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        // The server ends its activity just after the response is sent.
        var activity = await completion.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(recorded, activity.Recorded);
    }

    public void Dispose() => listener.Dispose();
}
