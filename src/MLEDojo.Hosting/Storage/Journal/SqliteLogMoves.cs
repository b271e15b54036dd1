namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// When the SQLite journal moves its unindexed log into the index (SqliteEpisodeJournal.sql says why there are two
/// tables). A move writes each episode's index page once for all its rows in the log, so it pays only when episodes
/// have several rows there: with 1,024 episodes stepping, moves of 512 rows (half a row each) cost 10% of the client
/// figure's steps/s against indexing every insert. Larger moves hold the grid database's write lock longer (an
/// episode's checkpoint waits for it; appends do not, see <see cref="SqliteLogMover"/>) and make a read scan more of
/// the log, hence the cap.
/// </summary>
/// <param name="MinRows">Never move fewer rows.</param>
/// <param name="RowsPerEpisode">Wait until the log holds this many rows per episode in it, on average.</param>
/// <param name="MaxRows">Always move at this many rows.</param>
public sealed record SqliteLogMoves(int MinRows = 512, int RowsPerEpisode = 8, int MaxRows = 16_384)
{
    public static SqliteLogMoves Default { get; } = new();

    public bool Due(int rows, int episodes) => rows >= MaxRows || (rows >= MinRows && rows >= (long)RowsPerEpisode * episodes);
}
