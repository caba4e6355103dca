namespace EnterpriseMcp.Tools.Jira.Embedded.Jql;

/// <summary>JQL turned into a SQL condition and ordering over the tracker's <c>issues i</c>; values only as parameters.</summary>
internal sealed record JqlQuery(string Where, IReadOnlyList<object> Parameters, string OrderBy);
