namespace EnterpriseMcp.Tools.Jira.Configuration;

/// <summary>Bound from <c>Jira</c>: which tracker the tools use, and how to reach it.</summary>
public sealed class JiraOptions
{
    public const string SectionName = "Jira";

    public JiraBackend Backend { get; set; } = JiraBackend.Embedded;

    public EmbeddedTrackerOptions Embedded { get; set; } = new();

    public JiraCloudOptions Cloud { get; set; } = new();

    public JiraLimits Limits { get; set; } = new();
}

public enum JiraBackend
{
    Embedded,
    Cloud,
}

public sealed class EmbeddedTrackerOptions
{
    /// <summary>The tracker's SQLite file, created and seeded with a demo project on first start.</summary>
    public string DatabasePath { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "EnterpriseMcp", "jira", "tracker.db");
}

public sealed class JiraCloudOptions
{
    /// <summary>The site, e.g. https://your-company.atlassian.net.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>With <see cref="ApiToken"/>: basic authentication as this Atlassian account.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    /// <summary>An OAuth 2.0 access token, instead of email and API token.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Longest <c>Retry-After</c> waited out on a 429; a longer one becomes a "retry later" tool error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest answer read from Jira; a larger one becomes a tool error instead of being held in memory.</summary>
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}
