using System.Buffers;
using System.Text.Json;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>What one pass over a body found: whether it is well-formed, how deep its objects and arrays nest, and a key given twice.</summary>
internal readonly record struct JsonBodyScan(bool WellFormed, JsonTokenType FirstToken, int Depth, string? DuplicateKey)
{
    /// <summary>
    /// Reads the whole body whatever its depth, so that JSON nested past <paramref name="maxDepth"/> is told apart from
    /// malformed JSON. Keys are compared ignoring case: the SDK reads message objects case-insensitively, so
    /// <c>name</c> and <c>NAME</c> would be the same key to it, and which one wins would be an accident.
    /// </summary>
    public static JsonBodyScan Run(ReadOnlySequence<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var firstToken = JsonTokenType.None;
        var depth = 0;
        string? duplicate = null;
        // One key set per open object, reused by depth; none beyond the limit, where the body is refused anyway.
        List<HashSet<string>> keys = [];
        try
        {
            while (reader.Read())
            {
                if (firstToken == JsonTokenType.None)
                {
                    firstToken = reader.TokenType;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    depth = Math.Max(depth, reader.CurrentDepth + 1);
                }

                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth < maxDepth)
                {
                    KeysAt(keys, reader.CurrentDepth).Clear();
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && duplicate is null && reader.CurrentDepth <= maxDepth &&
                         !KeysAt(keys, reader.CurrentDepth - 1).Add(reader.GetString()!))
                {
                    duplicate = reader.GetString();
                }
            }

            return new(firstToken != JsonTokenType.None, firstToken, depth, duplicate);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a key whose escapes are not valid UTF-16 (a lone surrogate).
            return new(false, firstToken, depth, null);
        }
    }

    private static HashSet<string> KeysAt(List<HashSet<string>> keys, int depth)
    {
        while (keys.Count <= depth)
        {
            keys.Add(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        }

        return keys[depth];
    }
}
