using System.Text.Json.Nodes;

namespace EnterpriseMcp.Login;

/// <summary>The development users of the identity file (<c>EnterpriseMcp.Identity/identity.json</c>): name, password, roles.</summary>
public sealed class DevelopmentUsers
{
    private readonly List<DevelopmentUser> _users;

    private DevelopmentUsers(List<DevelopmentUser> users) => _users = users;

    public IReadOnlyList<DevelopmentUser> All => _users;

    public static DevelopmentUsers Load(string identityFile)
    {
        var users = JsonNode.Parse(File.ReadAllText(identityFile))!["users"]!.AsArray()
            .Select(user => new DevelopmentUser(
                (string)user!["username"]!,
                (string)user["password"]!,
                user["roles"]!.AsArray().Select(role => (string)role!).ToArray()))
            .ToList();
        return new DevelopmentUsers(users);
    }

    public string Password(string user) =>
        _users.FirstOrDefault(candidate => candidate.Name == user)?.Password
        ?? throw new ArgumentException($"No development user '{user}' (known: {string.Join(", ", _users.Select(u => u.Name))}).");
}

public sealed record DevelopmentUser(string Name, string Password, IReadOnlyList<string> Roles);
