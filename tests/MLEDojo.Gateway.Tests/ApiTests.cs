using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

/// <summary>What the /api routes answer: competitions, leaderboards, episodes, registration and keys.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ApiTests(GatewayServer server)
{
    [Fact]
    public async Task Competitions_list_with_filters()
    {
        var all = await OkAsync("/api/competitions");
        var names = all["competitions"]!.AsArray().Select(c => (string)c!["name"]!).ToArray();
        Assert.Contains("spaceship-titanic", names);
        Assert.Equal(names.Length, (int)all["count"]!);

        var beginner = await OkAsync("/api/competitions?level=BEGINNER&supported=true");
        Assert.All(beginner["competitions"]!.AsArray(), c =>
        {
            Assert.Equal("beginner", (string?)c!["level"], ignoreCase: true);
            Assert.True((bool)c["supported"]!);
        });
        Assert.Empty((await OkAsync("/api/competitions?category=no-such-category"))["competitions"]!.AsArray());
        var titanic = all["competitions"]!.AsArray().First(c => (string?)c!["name"] == "spaceship-titanic")!;
        var tag = (string)titanic["tags"]![0]!;
        Assert.Contains("spaceship-titanic", (await OkAsync($"/api/competitions?tag={Uri.EscapeDataString(tag)}"))["competitions"]!.AsArray().Select(c => (string)c!["name"]!));

        var (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/competitions?supported=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("supported must be true or false", (string?)body!["error"]);
    }

    [Fact]
    public async Task Show_and_info_describe_a_competition_and_refuse_unknown_ones()
    {
        var shown = await OkAsync("/api/competitions/spaceship-titanic");
        Assert.Equal("accuracy", (string?)shown["metric"]);
        Assert.True((bool)shown["higher_is_better"]!);
        Assert.True((int)shown["private_board_size"]! > 1000);
        Assert.Null(shown["owner"]);

        var info = await OkAsync("/api/competitions/spaceship-titanic/info/overview");
        Assert.False(string.IsNullOrWhiteSpace((string?)info["info"]!["overview"]));

        var (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/competitions/spaceship-titanic/info/secrets");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown info type 'secrets'", (string?)body!["error"]);
        (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/competitions/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No competition 'no-such-thing'", (string?)body!["error"]);
        (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No route", (string?)body!["error"]);
    }

    [Fact]
    public async Task The_leaderboard_has_the_kaggle_boards_and_the_live_board_of_episodes()
    {
        const string episode = "api-board";
        await server.PostAsync("/reset", $$$"""{"competition": "spaceship-titanic", "episode_id": "{{{episode}}}", "options": {"agent_name": "board-agent"}}""");
        await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "execute_code", "code": "#copy 2_baseline_model.csv"}}""");

        var board = await OkAsync("/api/competitions/spaceship-titanic/leaderboard?top=5");
        Assert.Equal(5, board["private"]!.AsArray().Count);
        Assert.Equal(1, (int)board["private"]![0]!["rank"]!);
        Assert.True((int)board["private_size"]! > 1000);
        Assert.True((double)board["public"]![0]!["score"]! >= (double)board["public"]![4]!["score"]!);
        var live = board["live"]!.AsArray().Select(r => r!).ToArray();
        var mine = Assert.Single(live, r => (string?)r["episode_id"] == episode);
        Assert.Equal("board-agent", (string?)mine["agent_name"]);
        Assert.Equal(ReferenceScores.For("spaceship-titanic", "2_baseline_model.csv").RawScore, (double)mine["raw_score"]!, 12);

        var (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/competitions/spaceship-titanic/leaderboard?top=0");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("top must be between", (string?)body!["error"]);
    }

    [Fact]
    public async Task Episode_history_trajectory_and_close()
    {
        const string episode = "api-trajectory";
        await server.PostAsync("/reset", $$"""{"competition": "spaceship-titanic", "episode_id": "{{episode}}"}""");
        await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "request_id": "r-1", "action": {"action_type": "request_info", "info_type": "name"}}""");
        await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "execute_code", "code": "#copy 2_baseline_model.csv\nprint('hi')"}}""");

        var state = await OkAsync($"/api/episodes/{episode}");
        Assert.Equal("running", (string?)state["status"]);
        Assert.NotNull(state["expires_at"]);
        var history = await OkAsync($"/api/episodes/{episode}/history");
        Assert.Equal(["request_info", "execute_code"], history["steps"]!.AsArray().Select(s => (string)s!["action_type"]!));

        using var response = await server.Http.GetAsync($"/api/episodes/{episode}/trajectory");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("r-1", (string?)lines[0]["request_id"]);
        Assert.Equal("name", (string?)lines[0]["action"]!["info_type"]);
        Assert.Equal("#copy 2_baseline_model.csv\nprint('hi')", (string?)lines[1]["action"]!["code"]);
        Assert.Equal("success", (string?)lines[1]["observation"]!["execution"]!["status"]);
        Assert.NotNull(lines[1]["reward"]);

        var (status, closed) = await server.SendAsync(server.Keys.Alice, HttpMethod.Delete, $"/api/episodes/{episode}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("closed", (string?)closed!["status"]);
        (status, closed) = await server.SendAsync(server.Keys.Alice, HttpMethod.Post, $"/api/episodes/{episode}/close");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("closed", (string?)closed!["status"]);
        var (_, step) = await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "get_history"}}""");
        Assert.Contains("closed", (string?)step["observation"]!["error"]);

        (status, var missing) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, "/api/episodes/never-reset/trajectory");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("never-reset", (string?)missing!["error"]);
    }

    [Fact]
    public async Task A_registered_competition_is_owned_tagged_listed_and_playable()
    {
        server.PrepareImport("prepared-owned");
        var (status, registered) = await Register("owned-titanic", "prepared-owned");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("carol", (string?)registered!["owner"]);
        Assert.Equal(["imported"], registered["tags"]!.AsArray().Select(t => (string)t!));

        (status, var tagged) = await server.SendAsync(server.Keys.Carol, HttpMethod.Put, "/api/competitions/owned-titanic/tags", Json("""{"tags": ["tabular", "space", "space"]}"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["tabular", "space"], tagged!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("owned-titanic", (await OkAsync("/api/competitions?tag=SPACE"))["competitions"]!.AsArray().Select(c => (string)c!["name"]!));

        (status, var bad) = await server.SendAsync(server.Keys.Carol, HttpMethod.Put, "/api/competitions/owned-titanic/tags", Json("""{"tags": [""]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("tag needs", (string?)bad!["error"]);

        var (resetStatus, reset) = await server.PostAsync("/reset", """{"competition": "owned-titanic", "episode_id": "api-owned-play"}""");
        Assert.True(resetStatus == HttpStatusCode.OK, reset.ToJsonString());
        Assert.True(File.Exists(Path.Combine(server.CompetitionsRoot, "owned-titanic", "data", "private", "test_answer.csv")));
    }

    [Theory]
    [InlineData("../outside", "without '..'")]
    [InlineData("/etc", "without '..'")]
    [InlineData(".uploads/x", "dot-folders")]
    [InlineData("no-such-folder", "not a folder")]
    public async Task Registration_from_a_folder_outside_the_import_root_or_missing_is_refused(string directory, string message)
    {
        var (status, body) = await Register("refused-" + Guid.NewGuid().ToString("N")[..6], directory);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, (string?)body!["error"]);
    }

    [Fact]
    public async Task Registration_refuses_a_bad_layout_a_bad_name_and_a_taken_name()
    {
        var broken = Path.Combine(server.ImportRoot, "broken-layout", "data", "public");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "description.txt"), "no answers");
        var (status, body) = await Register("broken-layout", "broken-layout");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not a prepared competition", (string?)body!["error"]);
        Assert.False(Directory.Exists(Path.Combine(server.CompetitionsRoot, "broken-layout")));

        (status, body) = await Register("bad/name", "broken-layout");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("competition name", (string?)body!["error"]);

        server.PrepareImport("prepared-taken");
        (status, body) = await Register("spaceship-titanic", "prepared-taken");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already registered", (string?)body!["error"]);

        var linked = Path.Combine(server.ImportRoot, "with-link");
        server.PrepareImport("with-link");
        File.CreateSymbolicLink(Path.Combine(linked, "data", "public", "passwd"), "/etc/passwd");
        (status, body) = await Register("with-link", "with-link");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is a link", (string?)body!["error"]);
    }

    [Fact]
    public async Task Archives_register_as_tar_gz_with_a_top_folder_and_as_zip()
    {
        var source = server.PrepareImport("archive-source");
        var (status, body) = await Upload("zipped-titanic", Archives.Zip(source));
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        (status, body) = await Upload("tarred-titanic", Archives.TarGz(source, includeFolder: true));
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        Assert.Equal("carol", (string?)body!["owner"]);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(server.ImportRoot, ".uploads")));
    }

    public static TheoryData<string, byte[], string> HostileArchives() => new()
    {
        { "traversal", Archives.TarGzOf(("data/public/x.txt", "x"), ("../../escaped.txt", "pwned")), "outside the competition's folder" },
        { "absolute", Archives.TarGzOf(("/tmp/escaped.txt", "pwned")), "outside the competition's folder" },
        { "link", Archives.TarGzOf(("data/public/passwd", null)), "plain files and folders only" },
        { "layout", Archives.TarGzOf(("readme.txt", "no data folder")), "must hold data/public and data/private" },
        { "not an archive", Encoding.UTF8.GetBytes("just some text"), "neither a .tar.gz nor a .zip" },
        { "damaged", [0x1f, 0x8b, 8, 0, 1, 2, 3], "damaged" },
        { "too large", new byte[GatewayServer.MaxUploadBytes + 1], "larger than this server's limit" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task Hostile_or_broken_archives_are_refused_and_leave_nothing_behind(string kind, byte[] archive, string message)
    {
        var name = "hostile-" + kind.Replace(' ', '-');
        var (status, body) = await Upload(name, archive);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, (string?)body!["error"]);
        Assert.False(Directory.Exists(Path.Combine(server.CompetitionsRoot, name)));
        Assert.False(File.Exists(Path.Combine(server.ImportRoot, "escaped.txt")));
        Assert.False(File.Exists("/tmp/escaped.txt"));
        Assert.Empty(Directory.Exists(Path.Combine(server.ImportRoot, ".uploads")) ? Directory.GetFileSystemEntries(Path.Combine(server.ImportRoot, ".uploads")) : []);
    }

    [Fact]
    public async Task Admins_mint_list_and_revoke_keys_in_the_same_store_as_dojo_keys()
    {
        var (status, minted) = await server.SendAsync(server.Keys.Root, HttpMethod.Post, "/api/keys", Json("""{"scope": "user", "owner": "frank"}"""));
        Assert.Equal(HttpStatusCode.Created, status);
        var token = (string)minted!["token"]!;
        var lookup = (string)minted["lookup"]!;
        Assert.StartsWith("mlk_user_" + lookup + "_", token);
        Assert.Contains(server.Store.List(), k => k.Lookup == lookup && k.Owner == "frank");

        var (resetStatus, _) = await server.SendAsync(token, HttpMethod.Post, "/reset", Json("""{"competition": "spaceship-titanic", "episode_id": "frank-1"}"""));
        Assert.Equal(HttpStatusCode.OK, resetStatus);
        var listed = await server.SendAsync(server.Keys.Root, HttpMethod.Get, "/api/keys");
        Assert.DoesNotContain(token[^48..], listed.Body!.ToJsonString());

        (status, var revoked) = await server.SendAsync(server.Keys.Root, HttpMethod.Delete, "/api/keys/" + lookup);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(revoked!["revoked_at"]);
        (resetStatus, _) = await server.SendAsync(token, HttpMethod.Get, "/state?episode_id=frank-1");
        Assert.Equal(HttpStatusCode.Unauthorized, resetStatus);

        (status, var again) = await server.SendAsync(server.Keys.Root, HttpMethod.Delete, "/api/keys/" + lookup);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No active key", (string?)again!["error"]);
        (status, var badScope) = await server.SendAsync(server.Keys.Root, HttpMethod.Post, "/api/keys", Json("""{"scope": "root", "owner": "x"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("scope must be user, creator or admin", (string?)badScope!["error"]);
        (status, var unknownField) = await server.SendAsync(server.Keys.Root, HttpMethod.Post, "/api/keys", Json("""{"scope": "user", "owner": "x", "admin": true}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown field 'admin'", (string?)unknownField!["error"]);
    }

    private async Task<JsonObject> OkAsync(string path)
    {
        var (status, body) = await server.SendAsync(server.Keys.Alice, HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body?.ToJsonString()}");
        return body!.AsObject();
    }

    private Task<(HttpStatusCode, JsonNode?)> Register(string name, string directory) =>
        server.SendAsync(server.Keys.Carol, HttpMethod.Post, "/api/competitions", Json($$"""{"name": "{{name}}", "directory": "{{directory}}"}"""));

    private Task<(HttpStatusCode, JsonNode?)> Upload(string name, byte[] archive) =>
        server.SendAsync(server.Keys.Carol, HttpMethod.Post, $"/api/competitions/{name}/archive", new ByteArrayContent(archive));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
