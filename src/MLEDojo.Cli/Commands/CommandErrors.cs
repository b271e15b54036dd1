using MLEDojo.Competitions;
using MLEDojo.Hosting.Configuration;

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
        catch (Exception e) when (IsUsersMistake(e))
        {
            return Report(error, e);
        }
    }

    public static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsUsersMistake(e))
        {
            return Report(error, e);
        }
    }

    private static bool IsUsersMistake(Exception e) =>
        e is UsageException or DojoConfigurationException or CompetitionDataException or CompetitionNotFoundException
            or IOException or UnauthorizedAccessException;

    private static int Report(TextWriter error, Exception e)
    {
        error.WriteLine($"error: {e.Message}");
        return DojoCli.UsageError;
    }
}
