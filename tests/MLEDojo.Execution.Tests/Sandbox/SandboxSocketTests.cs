using System.Net.Sockets;
using System.Text;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>
/// <see cref="CodeRunSpec.Sockets"/>: the one way out of the network-less sandbox (an arena agent script's gateway).
/// A listed socket is reachable at its host path; an unlisted one beside it does not exist inside; a missing one is refused.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxSocketTests(SandboxFixture sandbox)
{
    private const string Client = """
        import socket
        def ask(path):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(10)
            s.connect(path)
            s.sendall(b"ping")
            return s.recv(16).decode()
        print("listed:", ask(LISTED_PATH))
        try:
            ask(UNLISTED_PATH)
            print("unlisted: reached")
        except OSError as e:
            print("unlisted:", type(e).__name__)
        """;

    [Fact]
    public async Task Only_a_listed_socket_is_reachable_from_the_sandbox()
    {
        var folder = Path.Combine(sandbox.Root, "sockets-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        using var listed = Listen(Path.Combine(folder, "listed.sock"));
        using var unlisted = Listen(Path.Combine(folder, "unlisted.sock"));
        var answering = AnswerOnceAsync(listed);

        var code = Client.Replace("UNLISTED_PATH", $"'{folder}/unlisted.sock'", StringComparison.Ordinal)
            .Replace("LISTED_PATH", $"'{folder}/listed.sock'", StringComparison.Ordinal);
        var spec = sandbox.Code(sandbox.NewEpisode(), code) with { Sockets = [Path.Combine(folder, "listed.sock")] };
        var outcome = await sandbox.Runner.RunAsync(spec, CancellationToken.None);

        Assert.True(outcome.Status == CodeRunStatus.Success, outcome.Stderr);
        Assert.Contains("listed: pong", outcome.Stdout);
        Assert.Contains("unlisted: FileNotFoundError", outcome.Stdout);
        Assert.Equal("ping", await answering);
    }

    [Fact]
    public async Task A_socket_that_does_not_exist_is_refused_as_an_infrastructure_failure()
    {
        var missing = Path.Combine(sandbox.Root, "no-such-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var spec = sandbox.Code(sandbox.NewEpisode(), "print('never')") with { Sockets = [missing] };

        var outcome = await sandbox.Runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.InfrastructureFailure, outcome.Status);
        Assert.Contains($"Socket '{missing}' does not exist", outcome.Stderr);
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(4);
        // Connecting needs write permission on the socket; the sandbox runs as another user.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        return socket;
    }

    private static async Task<string> AnswerOnceAsync(Socket listener)
    {
        using var connection = await listener.AcceptAsync();
        var buffer = new byte[16];
        var read = await connection.ReceiveAsync(buffer);
        await connection.SendAsync(Encoding.ASCII.GetBytes("pong"));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
