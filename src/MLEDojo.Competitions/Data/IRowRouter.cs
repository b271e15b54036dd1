namespace MLEDojo.Competitions.Data;

/// <summary>Per-reader facts a router needs at the end of a read (one per parallel chunk, merged by OR).</summary>
internal struct RouteState
{
    public bool SawPlainText;
}

/// <summary>
/// Places each data row of a file at a fixed row number, read from one key column, so that a submission can be
/// read straight into the answer's order. A router that cannot place a row makes the read fall back to the
/// general path, whose checks then report the problem.
/// </summary>
internal interface IRowRouter
{
    /// <summary>The key column; it is consumed by routing and not materialised.</summary>
    string Column { get; }

    /// <summary>How many rows the routed file must have, each placed exactly once.</summary>
    int Rows { get; }

    /// <summary>
    /// Reads a row's key cell. Finding its row is left to <see cref="TryRows"/>, called once per block of keys, so
    /// that the scattered lookups overlap instead of stalling the parse one row at a time.
    /// </summary>
    bool TryKey(ReadOnlySpan<byte> cell, ref RouteState state, out long key);

    /// <summary>The row of each key of a block; false if a key is not one of the routed rows.</summary>
    bool TryRows(ReadOnlySpan<long> keys, Span<int> rows);

    /// <summary>Whether a read that placed every row is equivalent to the general path.</summary>
    bool Complete(in RouteState state);
}
