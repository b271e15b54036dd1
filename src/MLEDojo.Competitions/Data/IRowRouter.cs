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

    bool TryRoute(ReadOnlySpan<byte> cell, ref RouteState state, out int row);

    /// <summary>Whether a read that placed every row is equivalent to the general path.</summary>
    bool Complete(in RouteState state);
}
