using EnterpriseMcp.Tools.Jira.Configuration;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Embedded.Jql;

/// <summary>
/// The JQL subset the embedded tracker understands: <c>project</c>, <c>status</c>, <c>assignee</c>, <c>issuetype</c>
/// with =, !=, IN, NOT IN (assignee also IS [NOT] EMPTY and <c>currentUser()</c>); <c>text</c> and <c>summary</c>
/// with ~; AND, OR and parentheses; ORDER BY created or updated, ASC or DESC. Anything else is refused by name.
/// Work and output are linear in the input: nesting and the number of conditions are counted against
/// <see cref="JiraLimits"/> as they are read, and the nesting is refused before recursion could exhaust the stack.
/// </summary>
internal sealed class JqlParser
{
    public const string Supported = "project, status, assignee, issuetype (=, !=, IN, NOT IN; assignee IS EMPTY, currentUser()), " +
        "text and summary (~), AND, OR, parentheses, ORDER BY created|updated ASC|DESC";

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["project"] = "i.project_key", ["status"] = "i.status", ["assignee"] = "i.assignee",
        ["issuetype"] = "i.issue_type", ["type"] = "i.issue_type",
    };

    // A ~ value is matched against every row's text, at a cost of its length times the text's.
    private const int MaxTextValueLength = 256;

    private readonly List<JqlToken> _tokens;
    private readonly JiraLimits _limits;
    private readonly string? _currentUser;
    private readonly CancellationToken _cancellationToken;
    private readonly List<object> _parameters = [];
    private int _next;
    private int _depth;
    private int _terms;

    private JqlParser(string jql, JiraLimits limits, string? currentUser, CancellationToken cancellationToken)
    {
        _tokens = JqlTokenizer.Tokenize(jql);
        _limits = limits;
        _currentUser = currentUser;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The caller has already held <paramref name="jql"/> to <see cref="JiraLimits.MaxJqlLength"/>.</summary>
    public static JqlQuery Parse(string jql, JiraLimits limits, string? currentUser = null, CancellationToken cancellationToken = default) =>
        new JqlParser(jql, limits, currentUser, cancellationToken).Parse();

    private JqlQuery Parse()
    {
        var where = AtEnd || IsWord("ORDER") ? "1 = 1" : Or();
        var orderBy = "i.created DESC, i.id DESC";
        if (IsWord("ORDER"))
        {
            _next++;
            Expect("BY");
            orderBy = string.Join(", ", OrderTerms()) + ", i.id DESC";
        }

        if (!AtEnd)
        {
            throw Unsupported($"'{Peek.Text}' at position {Peek.Position}");
        }

        return new JqlQuery(where, _parameters, orderBy);
    }

    private string Or() => Joined(And, "OR");

    private string And() => Joined(Term, "AND");

    // Operands are joined once, not wrapped one by one, so that the SQL grows linearly with the query.
    private string Joined(Func<string> operand, string word)
    {
        var operands = new List<string> { operand() };
        while (IsWord(word))
        {
            _next++;
            operands.Add(operand());
        }

        return operands.Count == 1 ? operands[0] : $"({string.Join($" {word} ", operands)})";
    }

    private string Term()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (!AtEnd && Peek.Kind == JqlTokenKind.Open)
        {
            if (++_depth > _limits.MaxJqlDepth)
            {
                throw OverLimit($"nests parentheses deeper than {_limits.MaxJqlDepth} levels", nameof(JiraLimits.MaxJqlDepth));
            }

            _next++;
            var inner = Or();
            if (AtEnd || Take().Kind != JqlTokenKind.Close)
            {
                throw new McpException("Invalid JQL: a '(' is not closed.");
            }

            _depth--;
            return inner;
        }

        if (++_terms > _limits.MaxJqlTerms)
        {
            throw OverLimit($"has more than {_limits.MaxJqlTerms} conditions", nameof(JiraLimits.MaxJqlTerms));
        }

        var field = Take();
        if (field.Kind != JqlTokenKind.Word)
        {
            throw new McpException($"Invalid JQL: expected a field name at position {field.Position}.");
        }

        if (field.Text.Equals("text", StringComparison.OrdinalIgnoreCase) || field.Text.Equals("summary", StringComparison.OrdinalIgnoreCase))
        {
            // Only as much of each text as an answer would show is searched, which bounds the cost per row.
            string[] columns = field.Text.Equals("text", StringComparison.OrdinalIgnoreCase)
                ? [$"substr(i.summary, 1, {_limits.MaxSummaryLength})", $"substr(i.description, 1, {_limits.MaxDescriptionLength})"]
                : [$"substr(i.summary, 1, {_limits.MaxSummaryLength})"];
            return Contains(columns);
        }

        if (!Columns.TryGetValue(field.Text, out var column))
        {
            throw Unsupported($"the field '{field.Text}'");
        }

        return Comparison(column, field.Text);
    }

    private string Contains(string[] columns)
    {
        var op = Take();
        if (op.Text is not ("~" or "!~"))
        {
            throw Unsupported($"'{op.Text}' after a text field (use ~)");
        }

        var value = Value();
        if (value.Length > MaxTextValueLength)
        {
            throw new McpException($"Invalid JQL: a ~ value is at most {MaxTextValueLength} characters long; this one has {value.Length}.");
        }

        var parameter = Parameter("%" + value.Replace("%", "", StringComparison.Ordinal) + "%");
        var match = string.Join(" OR ", columns.Select(c => $"{c} LIKE {parameter}"));
        return op.Text == "~" ? $"({match})" : $"NOT ({match})";
    }

    private string Comparison(string column, string field)
    {
        var op = Take();
        if (op.Kind == JqlTokenKind.Word && op.Text.Equals("IS", StringComparison.OrdinalIgnoreCase))
        {
            var negated = IsWord("NOT") && _next++ >= 0;
            Expect("EMPTY");
            return $"{column} IS {(negated ? "NOT " : "")}NULL";
        }

        if (op.Kind == JqlTokenKind.Word && (op.Text.Equals("IN", StringComparison.OrdinalIgnoreCase) || op.Text.Equals("NOT", StringComparison.OrdinalIgnoreCase)))
        {
            var negated = op.Text.Equals("NOT", StringComparison.OrdinalIgnoreCase);
            if (negated)
            {
                Expect("IN");
            }

            var list = List().Select(Parameter).ToList();
            return $"{column} COLLATE NOCASE {(negated ? "NOT IN" : "IN")} ({string.Join(", ", list)})";
        }

        if (op.Text is not ("=" or "!="))
        {
            throw Unsupported($"the operator '{op.Text}' for {field}");
        }

        var value = Value();
        return $"{column} {(op.Text == "=" ? "=" : "<>")} {Parameter(value)} COLLATE NOCASE";
    }

    private IEnumerable<string> OrderTerms()
    {
        do
        {
            var field = Take();
            var column = field.Text.ToLowerInvariant() switch
            {
                "created" => "i.created",
                "updated" => "i.updated",
                _ => throw Unsupported($"ORDER BY {field.Text} (order by created or updated)"),
            };
            var direction = IsWord("ASC") || IsWord("DESC") ? Take().Text.ToUpperInvariant() : "ASC";
            yield return $"{column} {direction}";
        }
        while (!AtEnd && Peek.Kind == JqlTokenKind.Comma && _next++ >= 0);
    }

    private List<string> List()
    {
        if (AtEnd || Take().Kind != JqlTokenKind.Open)
        {
            throw new McpException("Invalid JQL: IN takes a list in parentheses, e.g. status IN (\"To Do\", \"In Progress\").");
        }

        var values = new List<string> { Value() };
        while (!AtEnd && Peek.Kind == JqlTokenKind.Comma)
        {
            _next++;
            values.Add(Value());
        }

        if (AtEnd || Take().Kind != JqlTokenKind.Close)
        {
            throw new McpException("Invalid JQL: the list after IN is not closed with ')'.");
        }

        return values;
    }

    private string Value()
    {
        var token = Take();
        if (token.Kind == JqlTokenKind.Word && token.Text.Equals("currentUser", StringComparison.OrdinalIgnoreCase)
            && !AtEnd && Peek.Kind == JqlTokenKind.Open)
        {
            _next++;
            if (AtEnd || Take().Kind != JqlTokenKind.Close)
            {
                throw new McpException("Invalid JQL: currentUser() takes no arguments.");
            }

            return _currentUser ?? throw new McpException("Invalid JQL: currentUser() needs a signed-in caller, and this call has none.");
        }

        return token.Kind is JqlTokenKind.Word or JqlTokenKind.String
            ? token.Text
            : throw new McpException($"Invalid JQL: expected a value at position {token.Position}.");
    }

    private string Parameter(string value)
    {
        _parameters.Add(value);
        return $"${_parameters.Count}";
    }

    private void Expect(string word)
    {
        if (!IsWord(word))
        {
            throw new McpException($"Invalid JQL: expected {word}{(AtEnd ? " at the end" : $" at position {Peek.Position}")}.");
        }

        _next++;
    }

    private bool AtEnd => _next >= _tokens.Count;

    private JqlToken Peek => _tokens[_next];

    private JqlToken Take() => !AtEnd ? _tokens[_next++] : throw new McpException("Invalid JQL: the query ends too early.");

    private bool IsWord(string word) => !AtEnd && Peek.Kind == JqlTokenKind.Word && Peek.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static McpException OverLimit(string what, string limit) =>
        new($"The JQL {what}, more than this server accepts ({JiraLimits.Key(limit)}); simplify the query or split it into several searches.");

    private static McpException Unsupported(string what) =>
        new($"Unsupported JQL: {what} is not supported by the embedded tracker. Supported: {Supported}.");
}
