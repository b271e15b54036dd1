using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Import;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// The competitions root as a stateless worker on every silo: lists it, and registers prepared competitions from the
/// silo's import root into it (<see cref="CompetitionImporter"/>: checked as scoring needs, copied, moved into place in
/// one rename). File work runs on the thread pool.
/// </summary>
[StatelessWorker]
public sealed class CompetitionDirectoryGrain(GridOptions options, ILogger<CompetitionDirectoryGrain> logger) : Grain, ICompetitionDirectoryGrain
{
    public Task<IReadOnlyList<string>> List() => Task.Run<IReadOnlyList<string>>(() => Directory.Exists(options.CompetitionsRoot)
        ? Directory.EnumerateDirectories(options.CompetitionsRoot)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && Directory.Exists(Path.Combine(d, "data")))
            .Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray()
        : []);

    public async Task<RegistrationResult> Register(string name, string sourceDirectory, string owner)
    {
        try
        {
            if (ImportSource(sourceDirectory) is not { } source)
                return Invalid($"'{sourceDirectory}' is not a folder under this grid's import root; name one relative to it, without '..'.");
            await Task.Run(() => CompetitionImporter.Import(source, options.CompetitionsRoot, name));
        }
        catch (CompetitionDataException e)
        {
            return Invalid(e.Message);
        }
        catch (CompetitionAlreadyExistsException e)
        {
            return new RegistrationResult { Outcome = RegistrationOutcome.AlreadyExists, Error = e.Message };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Registering competition {Competition} from {Source} failed", name, sourceDirectory);
            return Invalid($"The competition could not be copied: {e.Message}");
        }
        var competition = GrainFactory.GetGrain<ICompetitionGrain>(name);
        await competition.Claim(owner);
        return new RegistrationResult { Outcome = RegistrationOutcome.Registered, Competition = await competition.Describe() };
    }

    /// <summary>The full path of a folder inside the import root, or null for anything that would leave it.</summary>
    private string? ImportSource(string relative)
    {
        if (options.CompetitionImportRoot is not { } rootSetting || relative.Length == 0 || Path.IsPathRooted(relative)) return null;
        var root = Path.GetFullPath(rootSetting);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static RegistrationResult Invalid(string error) => new() { Outcome = RegistrationOutcome.Invalid, Error = error };
}
