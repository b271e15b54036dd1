namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>Tokenises like Python's <c>str.split()</c> with no argument: runs of whitespace separate, ends are trimmed.</summary>
internal static class PythonWhitespace
{
    public static IEnumerable<Range> Split(string text)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            if (i == text.Length) yield break;
            var start = i;
            while (i < text.Length && !IsSpace(text[i])) i++;
            yield return start..i;
        }
    }

    // Python also splits on the ASCII file/group/record/unit separators, which .NET does not call white space.
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
