namespace MLEDojo.Execution;

/// <summary>Where a byte range cut out of UTF-8 text can start and end without splitting a character.</summary>
internal static class Utf8Boundaries
{
    /// <summary>The length of the longest prefix that does not end inside a multi-byte character.</summary>
    public static int CompletePrefixLength(ReadOnlySpan<byte> bytes)
    {
        // A character is at most 4 bytes, so only the last 3 can belong to an incomplete one.
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if (IsContinuation(b))
                continue;
            var length = SequenceLength(b);
            return length > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }

    /// <summary>How many bytes at the start continue a character that began before the range.</summary>
    public static int LeadingContinuationBytes(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        while (count < Math.Min(3, bytes.Length) && IsContinuation(bytes[count]))
            count++;
        return count;
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };
}
