using CsvHelper;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Data;

/// <summary>What to read from a CSV file and whose fault a problem is.</summary>
public sealed record CsvReadRequest
{
    /// <summary>The file is the agent's submission: problems are <see cref="InvalidSubmissionException"/>s.</summary>
    public bool IsSubmission { get; init; }

    /// <summary>Columns to materialise; null reads every column.</summary>
    public IReadOnlyCollection<string>? Columns { get; init; }

    /// <summary>Expected number of rows, to size buffers once.</summary>
    public int ExpectedRows { get; init; }

    public CsvLimits Limits { get; init; } = CsvLimits.Default;
}

/// <summary>
/// Streams a CSV file (CsvHelper) into a <see cref="CsvFrame"/>. Every way a file can be wrong (missing, empty,
/// binary, too large, malformed quoting, ragged rows, duplicate or blank header names) becomes one clear
/// exception of the caller's side; nothing else escapes.
/// </summary>
public static class CsvFrameReader
{
    public static CsvFrame Read(string path, CsvReadRequest request)
    {
        var what = request.IsSubmission ? "The submission" : $"The competition file '{Path.GetFileName(path)}'";
        CheckFile(path, request, what);
        try
        {
            var (header, rows, builders) = Pass(path, request, forceText: [], what);
            var retry = builders.Where(b => b.NeedsTextPass).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
            if (retry.Count > 0)
            {
                var again = Pass(path, request with { Columns = retry }, forceText: retry, what).Builders;
                builders = builders.Where(b => !retry.Contains(b.Name)).Concat(again).ToList();
            }
            return new CsvFrame(header, rows, builders.ToDictionary(b => b.Name, b => b.Build(), StringComparer.Ordinal));
        }
        catch (CsvFormatException e)
        {
            throw Problem(request, $"{what} is not well-formed CSV: {e.Message}");
        }
        catch (Exception e) when (e is System.Text.DecoderFallbackException or ArgumentException)
        {
            throw Problem(request, $"{what} is not readable UTF-8 CSV text ({e.Message}).");
        }
        catch (IOException e)
        {
            throw Problem(request, $"{what} could not be read: {e.Message}");
        }
    }

    /// <summary>Reads only the header line (for column checks without loading data).</summary>
    public static IReadOnlyList<string> ReadHeader(string path, CsvReadRequest request)
    {
        var what = request.IsSubmission ? "The submission" : $"The competition file '{Path.GetFileName(path)}'";
        CheckFile(path, request, what);
        try
        {
            using var reader = CsvReader.FromFile(path, Options(request));
            reader.ReadHeader();
            return CheckHeader(reader.Headers, request, what);
        }
        catch (CsvFormatException e)
        {
            throw Problem(request, $"{what} is not well-formed CSV: {e.Message}");
        }
    }

    private static (IReadOnlyList<string> Header, int Rows, List<ColumnBuilder> Builders) Pass(
        string path, CsvReadRequest request, HashSet<string> forceText, string what)
    {
        using var reader = CsvReader.FromFile(path, Options(request));
        reader.ReadHeader();
        var header = CheckHeader(reader.Headers, request, what);
        var wanted = request.Columns is null ? header.ToHashSet(StringComparer.Ordinal) : request.Columns.ToHashSet(StringComparer.Ordinal);
        var indexed = new List<(int Index, ColumnBuilder Builder)>();
        for (var i = 0; i < header.Count; i++)
            if (wanted.Contains(header[i]))
                indexed.Add((i, new ColumnBuilder(header[i], request.IsSubmission, request.ExpectedRows, forceText.Contains(header[i]))));

        var rows = 0;
        while (reader.Read())
        {
            rows++;
            if (reader.FieldCount != header.Count)
                throw Problem(request, $"{what} has {reader.FieldCount} field(s) on data row {rows} but its header has {header.Count} column(s) ({Describe(header)}). Every row needs exactly one value per column; quote values that contain commas.");
            foreach (var (index, builder) in indexed)
                builder.Add(reader.GetSpan(index));
        }
        if (rows == 0)
            throw Problem(request, $"{what} has a header ({Describe(header)}) but no data rows.");
        return (header, rows, indexed.Select(x => x.Builder).ToList());
    }

    private static IReadOnlyList<string> CheckHeader(IReadOnlyList<string> headers, CsvReadRequest request, string what)
    {
        if (headers.Count == 0 || (headers.Count == 1 && string.IsNullOrWhiteSpace(headers[0])))
            throw Problem(request, $"{what} is empty: the first line must be a header naming the columns.");
        if (headers.Count > request.Limits.MaxColumns)
            throw Problem(request, $"{what} has {headers.Count} columns; at most {request.Limits.MaxColumns} are accepted.");
        var header = headers.Select(h => h.TrimStart('\uFEFF')).ToArray();
        for (var i = 0; i < header.Length; i++)
            if (string.IsNullOrWhiteSpace(header[i]))
                throw Problem(request, $"{what} has a blank name for header column {i + 1} ({Describe(header)}). Every column needs a name.");
        var duplicates = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
            throw Problem(request, $"{what} repeats the column name(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))} in its header. Each column must appear once.");
        return header;
    }

    private static void CheckFile(string path, CsvReadRequest request, string what)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw Problem(request, request.IsSubmission
                ? $"No submission file was found at '{path}'. Write the predictions to that path as CSV."
                : $"{what} is missing ({path}).");
        if (file.Length == 0)
            throw Problem(request, $"{what} is empty (0 bytes): the first line must be a header naming the columns.");
        if (file.Length > request.Limits.MaxBytes)
            throw Problem(request, $"{what} is {Bytes(file.Length)}, over the {Bytes(request.Limits.MaxBytes)} limit. A CSV of predictions for the test set is far smaller; check that only the required columns and rows are written.");
        using var stream = file.OpenRead();
        Span<byte> head = stackalloc byte[8192];
        var n = stream.Read(head);
        if (head[..n].Contains((byte)0))
            throw Problem(request, $"{what} is a binary file, not CSV text (it contains NUL bytes). Write plain UTF-8 CSV, for example with pandas' DataFrame.to_csv(index=False).");
    }

    private static CsvReaderOptions Options(CsvReadRequest request) => new()
    {
        // pandas reads with sep=','; guessing would accept a semicolon file that MLE-Dojo rejects.
        Separator = ',',
        MaxRecordSize = request.Limits.MaxRecordBytes,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    private static Exception Problem(CsvReadRequest request, string message) =>
        request.IsSubmission ? new InvalidSubmissionException(message) : new CompetitionDataException(message);

    private static string Describe(IReadOnlyList<string> header) =>
        header.Count <= 12 ? string.Join(", ", header) : string.Join(", ", header.Take(10)) + $", ... ({header.Count} in all)";

    private static string Bytes(long bytes) => bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):0.##} GiB" : $"{bytes / (double)(1 << 20):0.##} MiB";
}
