using MLEDojo.Competitions;

namespace MLEDojo.Cli.Commands;

/// <summary>Turns the errors a user can cause into one line on stderr and exit code 2.</summary>
internal static class CommandErrors
{
    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is UsageException or CompetitionDataException or CompetitionNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return DojoCli.UsageError;
        }
    }
}
