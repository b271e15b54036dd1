namespace MLEDojo.Execution;

/// <summary>
/// Holds a run to its output caps: the bytes it adds to the output directory, and the size of submission.csv.
/// Polls while the run goes (RLIMIT_FSIZE bounds each file between polls) and checks once more at the end; when
/// over, the files the run created are removed so a full disk never outlives the verdict.
/// </summary>
internal sealed class OutputDirectoryGuard : IRunGuard
{
    public const string SubmissionFileName = "submission.csv";

    // Hidden files count too; symlinks are counted as links, never followed (they may point anywhere).
    private static readonly EnumerationOptions EveryFile = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    private readonly string _directory;
    private readonly long _maxBytesWritten;
    private readonly long _maxSubmissionBytes;
    private readonly TimeSpan _interval;
    private readonly HashSet<string> _filesBefore;
    private readonly long _bytesBefore;

    public OutputDirectoryGuard(string directory, long maxBytesWritten, long maxSubmissionBytes, TimeSpan interval)
    {
        _directory = directory;
        _maxBytesWritten = maxBytesWritten;
        _maxSubmissionBytes = maxSubmissionBytes;
        _interval = interval;
        var files = Files();
        _filesBefore = files.Select(f => f.FullName).ToHashSet(StringComparer.Ordinal);
        _bytesBefore = files.Sum(f => f.Length);
    }

    public async Task<LimitBreach?> WatchAsync(CancellationToken stop)
    {
        while (true)
        {
            await Task.Delay(_interval, stop).ConfigureAwait(false);
            if (Check() is { } breach)
                return breach;
        }
    }

    /// <summary>The breach as things stand now, or null.</summary>
    public LimitBreach? Check()
    {
        var files = Files();
        var written = files.Sum(f => f.Length) - _bytesBefore;
        if (written > _maxBytesWritten)
            return new LimitBreach(CodeRunStatus.OutputTooLarge, "OutputDirectoryFull",
                $"The code added {written} bytes to the output directory; at most {_maxBytesWritten} are allowed per run.");
        var submission = files.FirstOrDefault(f => f.Name == SubmissionFileName && f.DirectoryName == _directory);
        if (submission is not null && submission.Length > _maxSubmissionBytes)
            return new LimitBreach(CodeRunStatus.OutputTooLarge, "SubmissionTooLarge",
                $"{SubmissionFileName} is {submission.Length} bytes; at most {_maxSubmissionBytes} are allowed.");
        return null;
    }

    /// <summary>Deletes the files this run created (those it only changed are kept); returns how many.</summary>
    public int RemoveCreatedFiles()
    {
        var removed = 0;
        foreach (var file in Files().Where(f => !_filesBefore.Contains(f.FullName)))
        {
            try
            {
                file.Delete();
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or not ours to delete: the verdict stands either way.
            }
        }
        return removed;
    }

    private List<FileInfo> Files()
    {
        try
        {
            return new DirectoryInfo(_directory).EnumerateFiles("*", EveryFile).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
