namespace EnterpriseMcp.Tools.Jira.Embedded;

/// <summary>The tracker's schema and the demo projects it is seeded with on first start.</summary>
internal static class DemoData
{
    public const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE projects (key TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_key TEXT NOT NULL REFERENCES projects(key),
            summary TEXT NOT NULL, description TEXT, issue_type TEXT NOT NULL, status TEXT NOT NULL,
            assignee TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY, issue_key TEXT NOT NULL REFERENCES issues(key), author TEXT NOT NULL,
            body TEXT NOT NULL, created TEXT NOT NULL);
        CREATE INDEX issues_project ON issues(project_key);
        CREATE INDEX comments_issue ON comments(issue_key);
        """;

    public const string Rows = """
        INSERT INTO projects VALUES ('DEMO', 'Demo: Customer Portal'), ('OPS', 'Operations');
        INSERT INTO issues (key, project_key, summary, description, issue_type, status, assignee, created, updated) VALUES
          ('DEMO-1', 'DEMO', 'Login page times out on slow networks', 'Users on mobile data see a blank page after 30 seconds.', 'Bug', 'In Progress', 'bob', '2026-09-01T09:00:00Z', '2026-11-18T10:12:00Z'),
          ('DEMO-2', 'DEMO', 'Add single sign-on with the company IdP', 'Support OpenID Connect login through Keycloak.', 'Story', 'To Do', 'alice', '2026-09-03T11:30:00Z', '2026-11-02T08:00:00Z'),
          ('DEMO-3', 'DEMO', 'Invoice PDF shows the wrong currency', 'Swiss customers get invoices in EUR instead of CHF.', 'Bug', 'In Review', 'carol', '2026-09-10T14:05:00Z', '2026-11-20T16:45:00Z'),
          ('DEMO-4', 'DEMO', 'Dark mode for the dashboard', 'Follow the system setting; keep contrast ratios above 4.5:1.', 'Story', 'To Do', NULL, '2026-09-15T08:20:00Z', '2026-09-15T08:20:00Z'),
          ('DEMO-5', 'DEMO', 'Password reset email lands in spam', 'Set up SPF and DKIM for the mail domain.', 'Bug', 'Done', 'bob', '2026-08-20T13:00:00Z', '2026-10-01T09:30:00Z'),
          ('DEMO-6', 'DEMO', 'Export order history as CSV', NULL, 'Task', 'In Progress', 'alice', '2026-10-02T10:00:00Z', '2026-11-19T12:00:00Z'),
          ('DEMO-7', 'DEMO', 'Customer portal redesign', 'Epic for the 2027 redesign of the customer portal.', 'Epic', 'To Do', 'alice', '2026-07-01T09:00:00Z', '2026-10-15T15:00:00Z'),
          ('DEMO-8', 'DEMO', 'Search results ignore accents', 'Searching for "Zurich" does not find "Zürich".', 'Bug', 'To Do', 'carol', '2026-10-20T17:40:00Z', '2026-10-21T08:00:00Z'),
          ('DEMO-9', 'DEMO', 'Rate-limit the public API', 'Return 429 with Retry-After above 100 requests per minute per key.', 'Task', 'In Review', 'bob', '2026-10-25T09:15:00Z', '2026-11-21T11:00:00Z'),
          ('DEMO-10', 'DEMO', 'Upgrade to .NET 10', NULL, 'Task', 'Done', 'bob', '2026-06-10T09:00:00Z', '2026-08-30T18:00:00Z'),
          ('OPS-1', 'OPS', 'Rotate the database credentials', 'Quarterly rotation for the production PostgreSQL roles.', 'Task', 'To Do', 'dave', '2026-11-01T07:00:00Z', '2026-11-01T07:00:00Z'),
          ('OPS-2', 'OPS', 'Disk usage alert on build agents', 'Agents fill /var/lib/docker within a week.', 'Bug', 'In Progress', 'dave', '2026-11-05T06:30:00Z', '2026-11-20T06:45:00Z'),
          ('OPS-3', 'OPS', 'Document the on-call rotation', NULL, 'Task', 'Done', 'erin', '2026-09-12T12:00:00Z', '2026-09-30T12:00:00Z'),
          ('OPS-4', 'OPS', 'Move backups to a second region', 'Nightly backups should also be copied to eu-west.', 'Story', 'To Do', NULL, '2026-11-10T10:10:00Z', '2026-11-10T10:10:00Z'),
          ('OPS-5', 'OPS', 'Renew the TLS certificate for the status page', 'Expires on 2026-12-15.', 'Task', 'In Review', 'erin', '2026-11-15T09:00:00Z', '2026-11-21T09:30:00Z');
        INSERT INTO comments (issue_key, author, body, created) VALUES
          ('DEMO-1', 'carol', 'Reproduced on a throttled 3G profile in the browser dev tools.', '2026-11-17T09:00:00Z'),
          ('DEMO-1', 'bob', 'The session endpoint waits for a slow analytics call; moving it off the critical path.', '2026-11-18T10:12:00Z'),
          ('DEMO-3', 'alice', 'The currency comes from the account, not the billing address. Fix looks right.', '2026-11-20T16:45:00Z'),
          ('OPS-2', 'dave', 'Added a nightly image prune as a stop-gap.', '2026-11-20T06:45:00Z');
        """;
}
