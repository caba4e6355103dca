using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// A backend that speaks only 2025 revisions binds each session to the token that opened it, so calls made with a
/// user's exchanged token cannot use the gateway's shared session: each user gets a session of their own, opened on
/// their first call and reopened when the backend forgets it. Used only for such backends; a backend that speaks
/// 2026-07-28 takes users' calls without any session.
/// </summary>
internal sealed partial class BackendConnection
{
    // Bounded: past this many users the sessions are dropped (the backend expires them) rather than kept forever.
    private const int MaxUserSessions = 10_000;

    private readonly ConcurrentDictionary<string, Task<BackendFeatures>> _userSessions = new(StringComparer.Ordinal);

    private bool NeedsUserSession(BackendFeatures features, BackendCall call) =>
        _callsAsUser && call.User is not null && features.Owner is null && !features.SpeaksStateless && features.SpeaksSessions;

    private async Task<BackendAnswer> SendInUserSessionAsync(BackendFeatures shared, string method, JsonNode? parameters,
        BackendCall call, CancellationToken cancellationToken)
    {
        var owner = OwnerKey(call.User!);
        var session = await UserSessionAsync(owner, shared, call, cancellationToken);
        var answer = await SendOnceAsync(session, method, parameters, call, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound && !answer.Answered)
        {
            // The backend forgot this user's session: a new one, and once more.
            _userSessions.TryRemove(owner, out _);
            session = await UserSessionAsync(owner, shared, call, cancellationToken);
            answer = await SendOnceAsync(session, method, parameters, call, cancellationToken);
        }

        return answer;
    }

    private async Task<BackendFeatures> UserSessionAsync(string owner, BackendFeatures shared, BackendCall call, CancellationToken cancellationToken)
    {
        if (_userSessions.Count >= MaxUserSessions)
        {
            _userSessions.Clear();
        }

        var opening = _userSessions.GetOrAdd(owner, _ => OpenUserSessionAsync(owner, shared, call));
        try
        {
            return await opening.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _userSessions.TryRemove(new(owner, opening));
            throw;
        }
    }

    // Not tied to the first caller's cancellation: the user's other calls may wait for the same session.
    private async Task<BackendFeatures> OpenUserSessionAsync(string owner, BackendFeatures shared, BackendCall call)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        deadline.CancelAfter(_options.ListTimeout);
        var (version, sessionId, capabilities) = await InitializeAsync(shared.SessionVersion!, call with { Relay = null }, deadline.Token);
        return version is null
            ? throw new BackendUnavailableException(_name, "it refused to open a session for the user.")
            : new BackendFeatures(false, version, sessionId, capabilities ?? shared.Capabilities, owner);
    }

    private static string OwnerKey(ClaimsPrincipal user) => McpPrincipal.From(user).Key ?? "";
}
