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

    /// <summary>
    /// When set, rows are read straight into the router's order if every row can be placed; otherwise the file is
    /// read as if no router were given, so every verdict and message stays the general path's.
    /// </summary>
    internal IRowRouter? Router { get; init; }
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
        if (request.Router is { } router && TryRouted(path, request, router, what) is { } routed) return routed;
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
        var capacity = request.ExpectedRows > 0 ? request.ExpectedRows : DataLinesUpperBound(path);
        for (var i = 0; i < header.Count; i++)
            if (wanted.Contains(header[i]))
                indexed.Add((i, new ColumnBuilder(header[i], request.IsSubmission, capacity, forceText.Contains(header[i]))));

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

    /// <summary>
    /// The data rows a file can hold at most: its line ends, plus an unterminated last line, less the header. It is
    /// exact for the usual file (no blank lines, no quoted line ends), so columns are allocated once at their final
    /// size: grown by doubling, a million-row answer left about twice its size in large-object garbage, which the
    /// GC kept committed and which was the largest part of a cold scoring's peak memory.
    /// </summary>
    internal static int DataLinesUpperBound(string path)
    {
        const int MaxEstimate = 1 << 26; // beyond this, growing is cheaper than trusting a pathological file
        using var handle = File.OpenHandle(path);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 << 10);
        try
        {
            long lines = 0, position = 0;
            var last = (byte)'\n';
            int read;
            while ((read = RandomAccess.Read(handle, buffer, position)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
                position += read;
                if (lines > MaxEstimate) return 0;
            }
            if (last != (byte)'\n') lines++;
            return (int)Math.Max(lines - 1, 0);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Splitting pays for its extra readers only on large files.</summary>
    internal static long ParallelThresholdBytes { get; set; } = 4L << 20;

    private static CsvFrame? TryRouted(string path, CsvReadRequest request, IRowRouter router, string what)
    {
        try
        {
            using var first = CsvReader.FromFile(path, Options(request));
            first.ReadHeader();
            var header = CheckHeader(first.Headers, request, what);
            var key = Array.IndexOf(header.ToArray(), router.Column);
            if (key < 0) return null;
            var names = (request.Columns ?? header).Where(c => c != router.Column).ToHashSet(StringComparer.Ordinal);
            var columns = new List<(int Index, string Name, double[] Values)>();
            for (var i = 0; i < header.Count; i++)
                if (names.Contains(header[i])) columns.Add((i, header[i], new double[router.Rows]));

            var bounds = ChunkBounds(path);
            var chunks = bounds is null ? 1 : bounds.Length - 1;
            var seen = new bool[router.Rows];
            var parts = new RoutedColumn[chunks][];
            var states = new RouteState[chunks];
            var rows = new int[chunks];
            var failed = 0;
            void Route(int chunk, CsvReader reader, Func<bool> sawQuote)
            {
                var mine = columns.Select(c => (c.Index, Column: new RoutedColumn(c.Name, c.Values))).ToArray();
                parts[chunk] = mine.Select(c => c.Column).ToArray();
                if (!RouteRows(reader, header.Count, key, mine, router, seen, ref states[chunk], ref rows[chunk], ref failed, sawQuote))
                    Volatile.Write(ref failed, 1);
            }
            if (bounds is null)
                Route(0, first, () => false);
            else
            {
                using var handle = File.OpenHandle(path);
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
                {
                    try
                    {
                        using var stream = new FileRangeStream(handle, bounds[chunk], bounds[chunk + 1]);
                        using var reader = CsvReader.Create(stream, Options(request) with { HasHeader = false });
                        Route(chunk, reader, () => stream.SawQuote);
                    }
                    catch (Exception e) when (IsReadProblem(e))
                    {
                        Volatile.Write(ref failed, 1);
                    }
                });
            }
            if (failed != 0 || rows.Sum() != router.Rows) return null;
            if (System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(seen).Contains((byte)0)) return null;
            var state = new RouteState { SawPlainText = states.Any(s => s.SawPlainText) };
            if (!router.Complete(state)) return null;
            var built = new Dictionary<string, MetricColumn>(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                if (RoutedColumn.Merge(parts.Select(p => p[c]).ToArray(), columns[c].Values, request.IsSubmission) is not { } column) return null;
                built[columns[c].Name] = column;
            }
            return new CsvFrame(header, router.Rows, built, router.Column);
        }
        catch (Exception e) when (IsReadProblem(e))
        {
            return null;
        }
    }

    // A scoring calls this once per chunk, too seldom for tiered compilation to reach its optimized code before the
    // scoring is over; it is the loop that reads every cell.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool RouteRows(CsvReader reader, int fieldCount, int key, (int Index, RoutedColumn Column)[] columns,
        IRowRouter router, bool[] seen, ref RouteState state, ref int rows, ref int failed, Func<bool> sawQuote)
    {
        var blockKeys = new long[RoutedColumn.BlockRows];
        var blockRows = new int[RoutedColumn.BlockRows];
        var slot = 0;
        while (reader.Read())
        {
            if (++rows > router.Rows || reader.FieldCount != fieldCount) return false;
            if (!router.TryKey(reader.GetSpan(key), ref state, out blockKeys[slot])) return false;
            foreach (var (index, column) in columns) column.Set(slot, reader.GetSpan(index));
            if (++slot < blockRows.Length) continue;
            if (!router.TryRows(blockKeys, blockRows) || !MarkSeen(seen, blockRows)) return false;
            foreach (var (_, column) in columns) column.Flush(blockRows);
            slot = 0;
            // Give up early once this or another chunk cannot be routed: the general path reads the file again.
            if (Volatile.Read(ref failed) != 0 || sawQuote() || columns.Any(c => c.Column.Failed)) return false;
        }
        if (!router.TryRows(blockKeys.AsSpan(0, slot), blockRows) || !MarkSeen(seen, blockRows.AsSpan(0, slot))) return false;
        foreach (var (_, column) in columns) column.Flush(blockRows.AsSpan(0, slot));
        return !sawQuote() && !columns.Any(c => c.Column.Failed);
    }

    /// <summary>
    /// Marks a block's rows as placed; false on a row placed before (a repeated id). Done per block rather than per
    /// row so that these scattered reads overlap instead of stalling the parse.
    /// </summary>
    private static bool MarkSeen(bool[] seen, ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if (seen[row]) return false;
            seen[row] = true;
        }
        return true;
    }

    /// <summary>
    /// Byte offsets splitting the data rows at line ends, one chunk per reader; null when the file is small or its
    /// header has a quote. Chunks re-check for quotes as they read: with a quoted field a line end may sit inside
    /// a record, and such a file is read sequentially.
    /// </summary>
    private static long[]? ChunkBounds(string path)
    {
        var length = new FileInfo(path).Length;
        var cores = Environment.ProcessorCount;
        if (cores < 2 || length < ParallelThresholdBytes) return null;
        using var handle = File.OpenHandle(path);
        var headerEnd = NextLineStart(handle, 0, length);
        if (headerEnd < 0) return null;
        var head = new byte[headerEnd];
        RandomAccess.Read(handle, head, 0);
        if (head.AsSpan().Contains((byte)'"')) return null;
        // Twice as many chunks as cores, so a core slowed by another process does not hold the rest back.
        var chunks = Math.Min(cores * 2, 16);
        var bounds = new List<long> { headerEnd };
        for (var c = 1; c < chunks; c++)
        {
            var guess = headerEnd + (length - headerEnd) * c / chunks;
            if (guess <= bounds[^1]) continue;
            var next = NextLineStart(handle, guess, length);
            if (next < 0 || next >= length) break;
            if (next > bounds[^1]) bounds.Add(next);
        }
        bounds.Add(length);
        return bounds.Count > 2 ? bounds.ToArray() : null;
    }

    /// <summary>The offset just after the first '\n' at or after <paramref name="from"/>; -1 if there is none.</summary>
    private static long NextLineStart(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long from, long length)
    {
        Span<byte> buffer = stackalloc byte[4096];
        for (var position = from; position < length;)
        {
            var read = RandomAccess.Read(handle, buffer, position);
            if (read <= 0) return -1;
            var at = buffer[..read].IndexOf((byte)'\n');
            if (at >= 0) return position + at + 1;
            position += read;
        }
        return -1;
    }

    private static bool IsReadProblem(Exception e) =>
        e is CsvFormatException or System.Text.DecoderFallbackException or ArgumentException or IOException or InvalidOperationException;

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
