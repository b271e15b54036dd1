using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Import;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Competitions;

/// <summary>
/// The competition routes of /api over the grains: listing with filters, show, info, leaderboards, and the creator
/// operations (register from a server folder or an uploaded archive, set tags). A creator owns what they register;
/// an admin may do anything; competitions the operator placed have no owner, so only admins tag them.
/// </summary>
public sealed class GatewayCompetitions(IGrainFactory grains, IOptions<DojoGatewayOptions> options)
{
    private const int MaxTags = 32;
    private const int MaxTagLength = 64;
    private const int MaxBoardRows = 10_000;
    private readonly DojoGatewayOptions _options = options.Value;

    public async Task<CompetitionListResponse> ListAsync(string? category, string? level, string? tag, bool? supported)
    {
        var names = await GridCall.Run(Root.List);
        var described = await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                return (Name: name, Summary: await grains.GetGrain<ICompetitionGrain>(name).Describe(), Error: (string?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken folder must not hide the others; it is reported beside them.
                return (Name: name, Summary: (CompetitionSummary?)null, Error: e.Message);
            }
        }));
        var shown = described.Where(d => d.Summary is { } s
                && Matches(s.Category, category) && Matches(s.Level, level)
                && (tag is null || s.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                && (supported is null || (s.Unavailability is null) == supported))
            .Select(d => Response(d.Summary!)).ToArray();
        var unavailable = described.Where(d => d.Summary is null).Select(d => new UnavailableCompetition(d.Name, d.Error!)).ToArray();
        return new CompetitionListResponse(shown.Length, shown, unavailable);
    }

    public async Task<CompetitionResponse> ShowAsync(string name) => Response(await DescribeAsync(name));

    public async Task<CompetitionInfoResponse> InfoAsync(string name, string infoType)
    {
        await DescribeAsync(name);
        var answer = await GridCall.Run(() => grains.GetGrain<ICompetitionGrain>(name).Info(infoType));
        if (answer.Error is { } error) throw GatewayError.Validation(error, "info_type");
        return new CompetitionInfoResponse(name, infoType, answer.Info!);
    }

    public async Task<LeaderboardResponse> LeaderboardAsync(string name, int? top)
    {
        var rows = top ?? 100;
        if (rows is < 1 or > MaxBoardRows) throw GatewayError.Validation($"top must be between 1 and {MaxBoardRows}; got {rows}.", "top");
        var summary = await DescribeAsync(name);
        var grain = grains.GetGrain<ICompetitionGrain>(name);
        var kaggle = await GridCall.Run(() => grain.GetKaggleBoards(rows));
        var live = await GridCall.Run(() => grain.GetLeaderboard(rows));
        return new LeaderboardResponse
        {
            Competition = name,
            HigherIsBetter = summary.HigherIsBetter,
            Private = kaggle.Private.Select(r => new KaggleRow(r.Rank, r.Score)).ToArray(),
            PrivateSize = kaggle.PrivateSize,
            Public = kaggle.Public.Select(r => new KaggleRow(r.Rank, r.Score)).ToArray(),
            PublicSize = kaggle.PublicSize,
            Live = live.Select((e, i) => new LiveRow(i + 1, e.AgentName, e.EpisodeId, e.RawScore, e.PositionScore, e.Medal, e.At)).ToArray(),
        };
    }

    /// <summary>Registers the prepared competition in <paramref name="directory"/>, relative to the grid's import root.</summary>
    public async Task<CompetitionResponse> RegisterAsync(GatewayCaller caller, string name, string directory)
    {
        CheckName(name);
        var parts = directory.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Upload staging lives under a dot-folder of the import root; a caller may not name it (or any other dot-folder).
        if (directory.Length == 0 || Path.IsPathRooted(directory) || parts.Any(p => p == ".." || p.StartsWith('.')))
            throw GatewayError.Validation($"directory must be a folder relative to the server's import root, without '..' or dot-folders; got '{directory}'.", "$.directory");
        return await RegisterFromImportRootAsync(caller, name, directory);
    }

    /// <summary>Unpacks an uploaded .tar.gz or .zip under the import root's staging folder, registers it, and removes the staging copy.</summary>
    public async Task<CompetitionResponse> RegisterArchiveAsync(GatewayCaller caller, string name, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        CheckName(name);
        var importRoot = ImportRoot();
        if (declaredLength > _options.MaxUploadBytes)
            throw GatewayError.TooLarge(declaredLength, (int)Math.Min(int.MaxValue, _options.MaxUploadBytes));
        var upload = Path.Combine(".uploads", Guid.NewGuid().ToString("N"));
        var staging = Path.Combine(importRoot, upload);
        Directory.CreateDirectory(staging);
        try
        {
            var archivePath = Path.Combine(staging, "upload.archive");
            await SaveCappedAsync(body, archivePath, cancellationToken);
            var folder = await Task.Run(() =>
            {
                using var archive = File.OpenRead(archivePath);
                try
                {
                    return CompetitionArchive.Extract(archive, Path.Combine(staging, "unpacked"), _options.Archive);
                }
                catch (CompetitionDataException e)
                {
                    throw GatewayError.Validation(e.Message);
                }
            }, cancellationToken);
            return await RegisterFromImportRootAsync(caller, name, Path.GetRelativePath(importRoot, folder));
        }
        finally
        {
            await Task.Run(() => Directory.Delete(staging, recursive: true), CancellationToken.None);
        }
    }

    public async Task<CompetitionResponse> SetTagsAsync(GatewayCaller caller, string name, IReadOnlyList<string> tags)
    {
        var summary = await DescribeAsync(name);
        if (!caller.IsAdmin && summary.Owner != caller.Owner)
            throw GatewayError.Forbidden(summary.Owner is null
                ? $"Competition '{name}' was placed by the operator; only an admin may tag it."
                : $"Competition '{name}' belongs to someone else.");
        if (tags.Count > MaxTags) throw GatewayError.Validation($"At most {MaxTags} tags; got {tags.Count}.", "$.tags");
        foreach (var tag in tags)
        {
            if (tag.Length is 0 or > MaxTagLength || tag.Any(char.IsControl))
                throw GatewayError.Validation($"A tag needs 1-{MaxTagLength} printable characters; got '{tag}'.", "$.tags");
        }
        return Response(await GridCall.Run(() => grains.GetGrain<ICompetitionGrain>(name).SetTags(tags.Distinct(StringComparer.Ordinal).ToArray())));
    }

    private async Task<CompetitionResponse> RegisterFromImportRootAsync(GatewayCaller caller, string name, string directory)
    {
        ImportRoot();
        var result = await GridCall.Run(() => Root.Register(name, directory, caller.Owner));
        return result.Outcome switch
        {
            RegistrationOutcome.Registered => Response(result.Competition!),
            RegistrationOutcome.AlreadyExists => throw GatewayError.Conflict(result.Error!),
            _ => throw GatewayError.Validation(result.Error!),
        };
    }

    private async Task<CompetitionSummary> DescribeAsync(string name)
    {
        if (!(await GridCall.Run(Root.List)).Contains(name, StringComparer.Ordinal))
            throw GatewayError.NotFound($"No competition '{name}' (GET /api/competitions lists them).");
        return await GridCall.Run(() => grains.GetGrain<ICompetitionGrain>(name).Describe());
    }

    private async Task SaveCappedAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > _options.MaxUploadBytes)
                throw GatewayError.Validation($"The upload is larger than this server's limit of {_options.MaxUploadBytes} bytes.");
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        if (total == 0) throw GatewayError.Validation("The upload is empty: send the .tar.gz or .zip archive as the request body.");
    }

    private string ImportRoot() => _options.CompetitionImportRoot
        ?? throw GatewayError.Validation("This gateway has no competition import root configured (competitionImportRoot), so it cannot register competitions.");

    private static void CheckName(string name)
    {
        if (CompetitionImporter.NameProblem(name) is { } problem) throw GatewayError.Validation(problem, "name");
    }

    private ICompetitionDirectoryGrain Root => grains.GetGrain<ICompetitionDirectoryGrain>("root");

    private static bool Matches(string value, string? wanted) => wanted is null || string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase);

    private static CompetitionResponse Response(CompetitionSummary s) => new()
    {
        Name = s.Name,
        Title = s.Title,
        Tldr = s.Tldr,
        Category = s.Category,
        Level = s.Level,
        Tags = s.Tags,
        Metric = s.Family,
        HigherIsBetter = s.HigherIsBetter,
        Supported = s.Unavailability is null,
        UnsupportedReason = s.Unavailability,
        PrivateBoardSize = s.PrivateBoardSize,
        PublicBoardSize = s.PublicBoardSize,
        Owner = s.Owner,
    };
}
