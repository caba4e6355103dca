using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Streams;
using EnterpriseMcp.Hosting.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// GET /mcp: the session's stream of server-initiated messages, or with Last-Event-ID the replay of
/// the one stream that event belongs to, continued live while that stream is still open.
/// </summary>
internal sealed class McpGetHandler(
    IOptions<McpHttpOptions> options,
    OriginValidator origins,
    McpSessionManager sessions,
    ISseEventStreamStore eventStreams,
    IHostApplicationLifetime lifetime)
{
    private static readonly McpRequestRejection UnknownEvent = new(StatusCodes.Status400BadRequest, McpErrorCodes.ServerError,
        "Bad Request: the Last-Event-ID is unknown, expired, or belongs to another session.");

    private static readonly McpRequestRejection StreamOpen = new(StatusCodes.Status409Conflict, McpErrorCodes.ServerError,
        "Conflict: this session's GET stream is open in another request; only one may be open at a time.");

    // 405, not 400: a client that tries the old HTTP+SSE transport first (mcp-remote's sse-first) opens with a GET that
    // names no session and moves on to Streamable HTTP only on 405, the spec's answer to a GET the endpoint does not serve.
    private static readonly McpRequestRejection NoSession = new(StatusCodes.Status405MethodNotAllowed, McpErrorCodes.ServerError,
        "Method Not Allowed: a GET opens the stream of a session, and this request names none; start one with a POST of initialize.");

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var refused = McpStreamRequestRules.Validate(context, origins, options.Value.SessionMode) ?? AcceptValidator.ValidateGet(request);
        if (refused is not null)
        {
            await refused.WriteAsync(context);
            return;
        }

        var sessionId = request.Headers[McpHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            await NoSession.WriteAsync(context);
            return;
        }

        var lookup = await sessions.FindAsync(sessionId, McpUserKey.From(context.User), context.RequestAborted);
        if (McpSessionErrors.For(lookup.Status) is { } notServed)
        {
            await notServed.WriteAsync(context);
            return;
        }

        using var lease = lookup.Lease;
        var session = lookup.Session!;
        var lastEventId = request.Headers[McpHeaders.LastEventId].ToString();
        ISseEventStreamReader? replay = null;
        if (lastEventId.Length > 0)
        {
            // A shared store may have to ask the replica that holds the stream, for this session only.
            replay = eventStreams is ISharedSessionStreams sharedStreams
                ? await sharedStreams.GetStreamReaderAsync(lastEventId, session.Id, context.RequestAborted)
                : await eventStreams.GetStreamReaderAsync(lastEventId, context.RequestAborted);
            if (replay is null || replay.SessionId != session.Id)
            {
                await UnknownEvent.WriteAsync(context);
                return;
            }
        }

        if (eventStreams is ISharedSessionStreams shared && session.StoresEvents)
        {
            await FollowSharedAsync(context, session, shared, replay);
            return;
        }

        context.Response.Headers[McpHeaders.SessionId] = session.Id;
        SseResponse.Start(context);
        var body = context.Response.Body;
        if (replay is null && !await session.TryAttachGetStreamAsync(body, context.RequestAborted))
        {
            await StreamOpen.WriteAsync(context);
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping, session.Ending);
        try
        {
            if (replay is not null)
            {
                await SseReplay.CopyAsync(replay, body, stopping.Token);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Clients end an SSE stream by disconnecting; shutdown and the session's end close it too.
        }
        finally
        {
            session.DetachGetStream(body);
        }
    }

    /// <summary>
    /// With a shared store, the session's GET stream is in the store, written by every replica that holds the session's
    /// server: a GET here follows it from Last-Event-ID (or from now), wherever the events before were written. A
    /// Last-Event-ID of a request's stream replays that stream alone.
    /// </summary>
    /// <param name="reader">The replay Last-Event-ID asked for, if it named one.</param>
    private async Task FollowSharedAsync(HttpContext context, McpLiveSession session, ISharedSessionStreams shared, ISseEventStreamReader? reader)
    {

        var unsolicited = reader is null || reader.StreamId == StreamableHttpServerTransport.UnsolicitedMessageStreamId;
        // Positioned before this replica starts writing to the stream, so that the event that starts it is read too.
        reader ??= await shared.FollowUnsolicitedAsync(session.Id, context.RequestAborted);
        await shared.MarkListeningAsync(session.Id, context.RequestAborted);
        if (unsolicited && !session.TryBeginFollowing())
        {
            await StreamOpen.WriteAsync(context);
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping, session.Ending);
        try
        {
            context.Response.Headers[McpHeaders.SessionId] = session.Id;
            SseResponse.Start(context);
            await SseReplay.CopyAsync(reader, context.Response.Body, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The client disconnected, the replica is stopping, or the session ended here.
        }
        finally
        {
            if (unsolicited)
            {
                session.EndFollowing();
            }
        }
    }
}
