namespace MLEDojo.Arena.Grains;

/// <summary>The grain storage the arena's grains persist to (SQLite, like episodes).</summary>
public static class ArenaStorage
{
    public const string Name = "arena";
}
