using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

/// <summary>The REST v3 endpoints the adapter uses, answered as Atlassian's documentation shows them.</summary>
internal static class FakeJiraRoutes
{
    public static void Map(WebApplication app, Func<FakeJiraCloud> fake)
    {
        app.MapGet("/rest/api/3/issue/{key}", (string key) =>
            fake().Issues.TryGetValue(key, out var issue) ? Results.Json(issue) : NotFound());

        app.MapGet("/rest/api/3/search/jql", (string jql, int maxResults, string? nextPageToken) =>
        {
            // Pages of two, whatever maxResults asks, so that following nextPageToken is needed.
            var all = fake().Issues.Values.OrderBy(i => int.Parse(((string)i["key"]!).Split('-')[1])).ToList();
            var start = nextPageToken is null ? 0 : int.Parse(nextPageToken);
            var page = all.Skip(start).Take(Math.Min(2, maxResults)).ToList();
            var last = start + page.Count >= all.Count;
            var answer = new JsonObject { ["issues"] = new JsonArray([.. page.Select(i => i.DeepClone())]), ["isLast"] = last };
            if (!last)
            {
                answer["nextPageToken"] = (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return jql.Contains("priority", StringComparison.Ordinal)
                ? Results.Json(FakeJiraCloud.Errors("Field 'priority' does not exist or you do not have permission to view it."), statusCode: 400)
                : Results.Json(answer);
        });

        app.MapPost("/rest/api/3/issue", async (HttpRequest request) =>
        {
            var fields = (await request.ReadFromJsonAsync<JsonObject>())?["fields"];
            if ((string?)fields?["project"]?["key"] != "ACME")
            {
                return Results.Json(FakeJiraCloud.Errors("", new JsonObject { ["project"] = "valid project is required" }), statusCode: 400);
            }

            if (fields["description"] is { } description && (string?)description["type"] != "doc")
            {
                return Results.Json(FakeJiraCloud.Errors("", new JsonObject { ["description"] = "Operation value must be an Atlassian Document" }), statusCode: 400);
            }

            var key = $"ACME-{fake().Issues.Count + 1}";
            fake().Issues[key] = NewIssue(key, (string)fields["summary"]!, fields["description"]?.DeepClone().AsObject(), "To Do");
            return Results.Json(new JsonObject { ["id"] = "10042", ["key"] = key, ["self"] = $"{request.Scheme}://{request.Host}/rest/api/3/issue/10042" }, statusCode: 201);
        });

        // PageOfComments: orderBy is created, -created or +created; maxResults defaults to 5000.
        app.MapGet("/rest/api/3/issue/{key}/comment", (string key, int? startAt, int? maxResults, string? orderBy) =>
        {
            if (!fake().Issues.TryGetValue(key, out var issue))
            {
                return NotFound();
            }

            var all = issue["fields"]!["comment"]!["comments"]!.AsArray().Select(c => c!).OrderBy(c => (string?)c["created"], StringComparer.Ordinal).ToList();
            if (orderBy == "-created")
            {
                all.Reverse();
            }

            var page = all.Skip(startAt ?? 0).Take(maxResults ?? 5000).Select(c => c.DeepClone());
            return Results.Json(new JsonObject
            {
                ["startAt"] = startAt ?? 0, ["maxResults"] = maxResults ?? 5000, ["total"] = all.Count, ["comments"] = new JsonArray([.. page]),
            });
        });

        app.MapPost("/rest/api/3/issue/{key}/comment", async (string key, HttpRequest request) =>
        {
            var body = (await request.ReadFromJsonAsync<JsonObject>())?["body"];
            if (!fake().Issues.TryGetValue(key, out var issue))
            {
                return NotFound();
            }

            if ((string?)body?["type"] != "doc")
            {
                return Results.Json(FakeJiraCloud.Errors("", new JsonObject { ["comment"] = "Comment body is not valid!" }), statusCode: 400);
            }

            var comment = NewComment("Service Account", body.DeepClone().AsObject(), "2026-11-22T10:00:00.000+0000");
            issue["fields"]!["comment"]!["comments"]!.AsArray().Add(comment.DeepClone());
            return Results.Json(comment, statusCode: 201);
        });

        app.MapGet("/rest/api/3/issue/{key}/transitions", (string key) => fake().Issues.ContainsKey(key)
            ? Results.Json(JsonNode.Parse("""{"transitions":[{"id":"11","name":"Start work","to":{"name":"In Progress"}},{"id":"31","name":"Close","to":{"name":"Done"}}]}"""))
            : NotFound());

        app.MapPost("/rest/api/3/issue/{key}/transitions", async (string key, HttpRequest request) =>
        {
            var id = (string?)(await request.ReadFromJsonAsync<JsonObject>())?["transition"]?["id"];
            if (!fake().Issues.TryGetValue(key, out var issue) || id is not ("11" or "31"))
            {
                return Results.Json(FakeJiraCloud.Errors("Transition id is not valid."), statusCode: 400);
            }

            issue["fields"]!["status"] = new JsonObject { ["name"] = id == "11" ? "In Progress" : "Done" };
            return Results.NoContent();
        });

        app.MapGet("/rest/api/3/project/search", (int startAt) => Results.Json(startAt == 0
            ? JsonNode.Parse("""{"startAt":0,"maxResults":1,"total":2,"isLast":false,"values":[{"id":"1","key":"ACME","name":"Acme Web"}]}""")
            : JsonNode.Parse("""{"startAt":1,"maxResults":1,"total":2,"isLast":true,"values":[{"id":"2","key":"OPS","name":"Operations"}]}""")));
    }

    public static JsonObject NewIssue(string key, string summary, JsonObject? description, string status) => new()
    {
        ["id"] = "1000" + key.Split('-')[1],
        ["key"] = key,
        ["fields"] = new JsonObject
        {
            ["summary"] = summary,
            ["description"] = description,
            ["status"] = new JsonObject { ["name"] = status },
            ["issuetype"] = new JsonObject { ["name"] = "Task" },
            ["assignee"] = new JsonObject { ["displayName"] = "Dana Developer" },
            ["created"] = "2026-11-01T09:00:00.000+0000",
            ["updated"] = "2026-11-20T16:45:00.000+0100",
            ["comment"] = new JsonObject { ["comments"] = new JsonArray(), ["total"] = 0 },
        },
    };

    public static JsonObject NewComment(string author, JsonObject body, string created) =>
        new() { ["id"] = "100", ["author"] = new JsonObject { ["displayName"] = author }, ["body"] = body, ["created"] = created };

    private static IResult NotFound() =>
        Results.Json(FakeJiraCloud.Errors("Issue does not exist or you do not have permission to see it."), statusCode: 404);
}
