using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>The names of the keys and channels replicas share, all under <see cref="McpRedisOptions.KeyPrefix"/>.</summary>
public sealed class RedisKeys(IOptions<McpRedisOptions> options)
{
    public string Prefix { get; } = options.Value.KeyPrefix;

    public RedisKey Session(string sessionId) => $"{Prefix}session:{sessionId}";

    /// <summary>
    /// A user's sessions, by the SHA-1 of the user key (the scripts compute the same with <c>redis.sha1hex</c>), so that
    /// a key's length does not depend on what an identity provider put in a subject.
    /// </summary>
    public RedisKey UserSessions(string? userKey) => $"{Prefix}user-sessions:{Sha1Hex(userKey ?? "")}";

    public RedisKey EventStream(string streamKey) => $"{Prefix}events:{streamKey}";

    public RedisKey EventStreamInfo(string streamKey) => $"{Prefix}events-info:{streamKey}";

    /// <summary>The sessions a GET has followed: those a notification for every listening session goes to.</summary>
    public RedisKey ListeningSessions => $"{Prefix}listening-sessions";

    /// <summary>Where a replica takes in its clients' answers that reached other replicas.</summary>
    public RedisChannel AnswersFor(string replicaId) => RedisChannel.Literal($"{Prefix}answers:{replicaId}");

    /// <summary>Where a replica takes in requests to hand one of its request streams over to the asking replica.</summary>
    public RedisChannel HandOversFor(string replicaId) => RedisChannel.Literal($"{Prefix}hand-overs:{replicaId}");

    /// <summary>Where every change to a session's record, and its end, is told (the message: the session's id).</summary>
    public RedisChannel SessionChanges => RedisChannel.Literal($"{Prefix}session-changes");

    public RedisChannel EventStreamChanged(string streamKey) => RedisChannel.Literal($"{Prefix}events-changed:{streamKey}");

    private static string Sha1Hex(string value) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(value)));
}
