using System.Text.RegularExpressions;

namespace MLEDojo.Execution;

/// <summary>Reads the exception class out of the traceback CPython prints to stderr for an uncaught exception.</summary>
internal static partial class PythonTraceback
{
    private const string Header = "Traceback (most recent call last):";
    private static readonly HashSet<string> SyntaxErrorClasses = ["SyntaxError", "IndentationError", "TabError"];

    /// <summary>
    /// The class named on the exception line of the last traceback (<c>KeyError: 'x'</c> → <c>KeyError</c>,
    /// <c>numpy.core._exceptions._ArrayMemoryError: ...</c> → that dotted name), or null without a traceback.
    /// </summary>
    public static string? ErrorClass(string stderr)
    {
        // Chained exceptions print several tracebacks; the last one is the exception that ended the program.
        var headerAt = stderr.LastIndexOf(Header, StringComparison.Ordinal);
        if (headerAt < 0)
            return null;
        // Frames are indented; the exception line is the first one that starts at column 0.
        foreach (var line in stderr[(headerAt + Header.Length)..].Split('\n'))
        {
            if (line.Length == 0 || char.IsWhiteSpace(line[0]))
                continue;
            return ClassOfExceptionLine(line);
        }
        return null;
    }

    /// <summary>
    /// The class of a syntax error that kept a script from compiling (SyntaxError, IndentationError, TabError),
    /// or null. Python reports those without a traceback header: the file and line, the source, a caret, the error.
    /// </summary>
    public static string? CompileErrorClass(string stderr)
    {
        if (stderr.Contains(Header, StringComparison.Ordinal))
            return null;
        var lastLine = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return lastLine is not null && ClassOfExceptionLine(lastLine) is { } errorClass && SyntaxErrorClasses.Contains(errorClass)
            ? errorClass
            : null;
    }

    /// <summary>The class named by a line such as <c>KeyError: 'x'</c> or <c>MemoryError</c>, or null for another line.</summary>
    private static string? ClassOfExceptionLine(string line)
    {
        var match = ExceptionLine().Match(line);
        return match.Success ? match.Groups["class"].Value : null;
    }

    /// <summary>True for MemoryError and its subclasses that follow the naming (numpy's _ArrayMemoryError).</summary>
    public static bool IsMemoryError(string errorClass) =>
        errorClass[(errorClass.LastIndexOf('.') + 1)..].EndsWith("MemoryError", StringComparison.Ordinal);

    /// <summary>
    /// True when CUDA ran out of memory: PyTorch's OutOfMemoryError (torch.OutOfMemoryError, torch.cuda.OutOfMemoryError),
    /// TensorFlow's ResourceExhaustedError, or a RuntimeError whose message says "CUDA out of memory".
    /// </summary>
    public static bool IsGpuMemoryError(string errorClass, string stderr)
    {
        var name = errorClass[(errorClass.LastIndexOf('.') + 1)..];
        return (name == "OutOfMemoryError" && errorClass.StartsWith("torch.", StringComparison.Ordinal))
            || name == "ResourceExhaustedError"
            || stderr.Contains("CUDA out of memory", StringComparison.Ordinal)
            || stderr.Contains("CUDA_ERROR_OUT_OF_MEMORY", StringComparison.Ordinal);
    }

    /// <summary>The last traceback, at most <paramref name="maxChars"/> of its end (where the error is), or null without one.</summary>
    public static string? Excerpt(string stderr, int maxChars = 2048)
    {
        var headerAt = stderr.LastIndexOf(Header, StringComparison.Ordinal);
        if (headerAt < 0)
            return null;
        var traceback = stderr[headerAt..].TrimEnd();
        return traceback.Length <= maxChars ? traceback : "..." + traceback[^maxChars..];
    }

    [GeneratedRegex(@"^(?<class>[A-Za-z_][A-Za-z0-9_.]*)(?::|\r?$)")]
    private static partial Regex ExceptionLine();
}
