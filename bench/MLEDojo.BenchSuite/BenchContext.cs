namespace MLEDojo.BenchSuite;

/// <summary>What every figure gets from the runner.</summary>
/// <param name="Quick">A smoke run: small sizes and short durations, so the whole suite fits in a CI minute budget.</param>
/// <param name="WorkDirectory">A scratch folder owned by this figure's run, deleted afterwards.</param>
/// <param name="DojoCommand">How to start this build's <c>dojo</c> as a child process (executable, leading arguments).</param>
/// <param name="Log">Progress lines for the person watching; not part of the result.</param>
public sealed record BenchContext(
    bool Quick,
    string WorkDirectory,
    DojoCommand DojoCommand,
    TextWriter Log)
{
    /// <summary>Uncounted running before each throughput window (<see cref="Infrastructure.ClosedLoop"/>): JIT tiering and thread pool growth settle.</summary>
    public TimeSpan Warmup => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);
}

/// <summary>A command that starts this build's <c>dojo</c>: <c>dotnet dojo.dll</c> or the apphost.</summary>
public sealed record DojoCommand(string Executable, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The <c>dojo</c> of the running process (the suite runs inside <c>dojo bench</c>).</summary>
    public static DojoCommand OfCurrentProcess()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        // Under `dotnet dojo.dll` the process is the dotnet host; the assembly must then be named.
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new DojoCommand(process, [entry])
            : new DojoCommand(process, []);
    }
}
