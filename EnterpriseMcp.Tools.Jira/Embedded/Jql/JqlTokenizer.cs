using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Embedded.Jql;

internal enum JqlTokenKind
{
    Word,
    String,
    Operator,
    Comma,
    Open,
    Close,
}

internal readonly record struct JqlToken(JqlTokenKind Kind, string Text, int Position);

/// <summary>Splits JQL into words, quoted strings, operators (= != ~ !~), commas and parentheses.</summary>
internal static class JqlTokenizer
{
    public static List<JqlToken> Tokenize(string jql)
    {
        var tokens = new List<JqlToken>();
        var i = 0;
        while (i < jql.Length)
        {
            var c = jql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'')
            {
                var end = jql.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new McpException($"Invalid JQL: the string starting at position {i} is not closed.");
                }

                tokens.Add(new(JqlTokenKind.String, jql[(i + 1)..end], i));
                i = end + 1;
            }
            else if (c is '=' or '~')
            {
                tokens.Add(new(JqlTokenKind.Operator, c.ToString(), i++));
            }
            else if (c == '!' && i + 1 < jql.Length && jql[i + 1] is '=' or '~')
            {
                tokens.Add(new(JqlTokenKind.Operator, jql.Substring(i, 2), i));
                i += 2;
            }
            else if (c is ',' or '(' or ')')
            {
                tokens.Add(new(c == ',' ? JqlTokenKind.Comma : c == '(' ? JqlTokenKind.Open : JqlTokenKind.Close, c.ToString(), i++));
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '@')
            {
                var start = i;
                while (i < jql.Length && (char.IsLetterOrDigit(jql[i]) || jql[i] is '_' or '-' or '.' or '@'))
                {
                    i++;
                }

                tokens.Add(new(JqlTokenKind.Word, jql[start..i], start));
            }
            else
            {
                throw new McpException($"Invalid JQL: unexpected '{c}' at position {i}. Supported operators: =, !=, ~, IN, NOT IN, IS EMPTY.");
            }
        }

        return tokens;
    }
}
