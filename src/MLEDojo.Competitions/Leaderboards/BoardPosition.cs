namespace MLEDojo.Competitions.Leaderboards;

/// <summary>Where a score lands on one leaderboard: 1-based position, board size, and (N − position + 1) / N.</summary>
public sealed record BoardPosition(int Position, int Total, double Score);

/// <summary>MLE-Dojo's position score: each board's position, and their mean (the episode reward in position mode).</summary>
public sealed record PositionScore(BoardPosition? Private, BoardPosition? Public, double Average);

public enum Medal { Gold, Silver, Bronze }

/// <summary>MLE-bench's verdict for a score: the medal won (if any) and whether it beats the median strictly.</summary>
public sealed record MedalAward(Medal? Medal, bool AboveMedian);
