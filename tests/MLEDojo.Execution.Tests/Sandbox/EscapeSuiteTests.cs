using MLEDojo.Execution.Sandbox;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>
/// Untrusted code trying to get out, through the real sandbox (bubblewrap + cgroups; CI installs bubblewrap and
/// runs as root). Each script must be contained (no secret in its output, nothing changed outside its output
/// directory), classified as expected, and leave no process behind; and the silo's port keeps serving.
/// Scripts that try several ways exit 3 when every one of them failed, and print ESCAPED when one worked.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class EscapeSuiteTests(SandboxFixture sandbox)
{
    public static TheoryData<string, string, CodeRunStatus, string?> Escapes => new()
    {
        { "answer_by_absolute_path", "print(open('{ANSWER}').read()); print('ESCAPED')", CodeRunStatus.CodeError, "FileNotFoundError" },
        { "answer_by_relative_traversal", """
            import os
            print(open(os.path.join(os.environ['DOJO_DATA_DIR'], '..', 'private', 'test_answer.csv')).read()); print('ESCAPED')
            """, CodeRunStatus.CodeError, "FileNotFoundError" },
        { "answer_through_proc_pid_root", """
            import os, sys
            for pid in [p for p in os.listdir('/proc') if p.isdigit()] + ['1', 'self', 'thread-self']:
                try:
                    print(open(f'/proc/{pid}/root{ANSWER}').read()); print('ESCAPED')
                except OSError as e:
                    print('contained', pid, e)
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "answer_through_proc_pid_cwd", """
            import os, sys
            for pid in [p for p in os.listdir('/proc') if p.isdigit()] + ['1', 'self']:
                for rel in ['../../competitions/demo/data/private/test_answer.csv', '../private/test_answer.csv']:
                    try:
                        print(open(f'/proc/{pid}/cwd/{rel}').read()); print('ESCAPED')
                    except OSError as e:
                        print('contained', pid, e)
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "answer_by_symlink", """
            import os
            os.symlink('{ANSWER}', 'submission.csv')
            os.symlink('{ANSWER}', 'answer_link.csv')
            try:
                print(open('answer_link.csv').read()); print('ESCAPED')
            except OSError as e:
                print('contained', e)
            """, CodeRunStatus.Success, null },
        { "connect_to_silo_port", """
            import socket, sys
            for host in ['127.0.0.1', 'localhost', '::1']:
                try:
                    socket.create_connection((host, {PORT}), timeout=2); print('ESCAPED', host)
                except OSError as e:
                    print('contained', host, e)
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "connect_to_outside_address", """
            import socket, sys
            for target in [('1.1.1.1', 80), ('8.8.8.8', 53), ('deb.debian.org', 80)]:
                try:
                    socket.create_connection(target, timeout=2); print('ESCAPED', target)
                except OSError as e:
                    print('contained', target, e)
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "read_environment", """
            import os
            print(sorted(os.environ))
            print('ESCAPED' if any('SECRET' in k or 'SECRET' in v for k, v in os.environ.items()) else 'contained')
            """, CodeRunStatus.Success, null },
        { "read_sqlite_database", "print(open('{DB}', 'rb').read()); print('ESCAPED')", CodeRunStatus.CodeError, "FileNotFoundError" },
        { "read_etc_shadow", "print(open('/etc/shadow').read()); print('ESCAPED')", CodeRunStatus.CodeError, "FileNotFoundError" },
        { "write_into_public_data", """
            import os, subprocess, sys
            subprocess.run(['mount', '-o', 'remount,rw,bind', os.environ['DOJO_DATA_DIR']])
            for path in [os.path.join(os.environ['DOJO_DATA_DIR'], 'train.csv'), os.path.join(os.environ['DOJO_DATA_DIR'], 'pwn.csv'), '/usr/pwn', '/pwn']:
                try:
                    with open(path, 'a') as f:
                        f.write('pwned'); print('ESCAPED', path)
                except OSError as e:
                    print('contained', path, e)
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "fork_bomb", """
            import os
            while True:
                os.fork()
            """, CodeRunStatus.ResourceExceeded, "ProcessLimit" },
        { "memory_hog", """
            chunks = []
            for i in range(40):
                chunks.append(bytearray(50 * 1024 * 1024))
                print(f'{(i + 1) * 50} MB', flush=True)
            print('ESCAPED')
            """, CodeRunStatus.OutOfMemory, "OutOfMemory" },
        { "busy_loop_past_timeout", "while True:\n    pass", CodeRunStatus.Timeout, "Timeout" },
        { "daemonize_to_outlive_the_run", """
            import os, subprocess, time
            subprocess.Popen(['sleep', '600'], start_new_session=True)
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    while True:
                        with open('heartbeat', 'a') as beat:
                            beat.write('.')
                        time.sleep(0.05)
                os._exit(0)
            time.sleep(0.3)
            print('parent done')
            """, CodeRunStatus.Success, null },
        { "one_gigabyte_of_stdout", """
            import sys
            chunk = 'x' * (1024 * 1024 - 1) + '\n'
            for _ in range(1024):
                sys.stdout.write(chunk)
            print('ESCAPED')
            """, CodeRunStatus.OutputTooLarge, "OutputTooLarge" },
        { "fill_the_disk", """
            import os
            block = b'x' * (1024 * 1024)
            for n in range(100000):
                try:
                    with open(f'fill_{n}.bin', 'wb') as f:
                        for _ in range(8):
                            f.write(block)
                except OSError as e:
                    print('write failed', e)
            print('ESCAPED')
            """, CodeRunStatus.OutputTooLarge, "OutputDirectoryFull" },
        { "fill_private_tmp", """
            import sys
            try:
                with open('/tmp/fill.bin', 'wb') as f:
                    for _ in range(1024):
                        f.write(b'x' * (1024 * 1024))
                print('ESCAPED')
            except OSError as e:
                print('contained', e)
                sys.exit(3)
            """, CodeRunStatus.CodeError, null },
        { "signal_host_processes", """
            import os, sys, signal
            for pid in range(1, 5000):
                try:
                    os.kill(pid, 0)
                    print('sees', pid)
                except OSError:
                    pass
            sys.exit(3)
            """, CodeRunStatus.CodeError, null },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Escape_attempt_is_contained_classified_and_leaves_nothing_behind(string name, string script, CodeRunStatus expected, string? errorClass)
    {
        var episode = sandbox.NewEpisode();
        var source = script.Replace("{ANSWER}", sandbox.PrivateAnswer).Replace("{DB}", sandbox.Database)
            .Replace("{PORT}", sandbox.Port.ToString());
        var publicBefore = Snapshot(sandbox.PublicData);

        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(episode, source, TimeSpan.FromSeconds(name == "busy_loop_past_timeout" ? 2 : 30)),
            CancellationToken.None);

        var report = $"{name}: {outcome.Status} exit {outcome.ExitCode} class {outcome.ErrorClass}\nstdout: {Head(outcome.Stdout)}\nstderr: {Head(outcome.Stderr)}";
        Assert.True(expected == outcome.Status, report);
        if (errorClass is not null)
            Assert.True(errorClass == outcome.ErrorClass, report);
        if (expected == CodeRunStatus.CodeError && errorClass is null)
            Assert.True(outcome.ExitCode == 3, report);
        Assert.False(outcome.Stdout.Contains("ESCAPED", StringComparison.Ordinal), report);
        Assert.False((outcome.Stdout + outcome.Stderr).Contains("SECRET", StringComparison.Ordinal), report);
        Assert.Equal("bubblewrap + cgroup v1", outcome.Isolation);
        Assert.True(outcome.CpuTime is not null && outcome.PeakMemoryBytes is not null, report);
        // Nothing outside the output directory changed; the answers are intact.
        Assert.Equal(publicBefore, Snapshot(sandbox.PublicData));
        Assert.Equal(SandboxFixture.Answer, File.ReadAllText(sandbox.PrivateAnswer));
        // Nothing of the run is left, and the silo's port still serves while it stayed unreached.
        var left = await sandbox.OwnProcessesAfterExitAsync();
        Assert.True(left.Count == 0, $"left behind: {string.Join(", ", left)}\n{report}");
        Assert.False(sandbox.SiloPort.Pending(), "the sandbox reached the silo's port\n" + report);
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, sandbox.Port);
            using var accepted = await sandbox.SiloPort.AcceptTcpClientAsync();
        }
        AssertSpecifics(name, episode, outcome, report);
    }

    [Fact]
    public async Task The_sandbox_keeps_serving_after_escape_attempts()
    {
        var episode = sandbox.NewEpisode();
        File.WriteAllText(Path.Combine(episode, "step_1.py"), "");
        var bomb = await sandbox.Runner.RunAsync(sandbox.Code(episode, "import os\nwhile True:\n    os.fork()"), CancellationToken.None);
        var hog = await sandbox.Runner.RunAsync(sandbox.Code(episode, "x = bytearray(1 << 30)\nx[::4096] = b'y' * len(x[::4096])"), CancellationToken.None);

        var normal = await sandbox.Runner.RunAsync(sandbox.Code(episode, """
            import os
            rows = open(os.path.join(os.environ['DOJO_DATA_DIR'], 'train.csv')).read().splitlines()
            open('submission.csv', 'w').write('id,target\n1,0\n')
            print(len(rows))
            """), CancellationToken.None);

        Assert.Equal(CodeRunStatus.ResourceExceeded, bomb.Status);
        Assert.Equal(CodeRunStatus.OutOfMemory, hog.Status);
        Assert.True(normal.Status == CodeRunStatus.Success, normal.Stderr);
        Assert.Equal("2\n", normal.Stdout);
        Assert.Equal("id,target\n1,0\n", File.ReadAllText(Path.Combine(episode, "submission.csv")));
    }

    private static void AssertSpecifics(string name, string episode, CodeRunOutcome outcome, string report)
    {
        switch (name)
        {
            case "answer_by_symlink":
                // The link the silo would have followed with its own rights is gone.
                Assert.False(File.Exists(Path.Combine(episode, "submission.csv")) || new FileInfo(Path.Combine(episode, "submission.csv")).LinkTarget is not null);
                Assert.Contains("symbolic link", outcome.Stderr);
                break;
            case "daemonize_to_outlive_the_run":
                var heartbeat = Path.Combine(episode, "heartbeat");
                var size = ProcessProbe.SizeOf(heartbeat);
                Thread.Sleep(300);
                Assert.Equal(size, ProcessProbe.SizeOf(heartbeat));
                Assert.True(outcome.Duration < TimeSpan.FromSeconds(10), $"took {outcome.Duration}");
                break;
            case "memory_hog":
                Assert.True(outcome.PeakMemoryBytes is >= SandboxFixture.MemoryCap / 2 and <= SandboxFixture.MemoryCap, report);
                break;
            case "busy_loop_past_timeout":
                // One core's quota: CPU time cannot run ahead of the wall clock.
                Assert.True(outcome.CpuTime >= TimeSpan.FromSeconds(0.3) && outcome.CpuTime <= outcome.Duration + TimeSpan.FromSeconds(0.5),
                    $"cpu {outcome.CpuTime}, wall {outcome.Duration}\n{report}");
                break;
            case "one_gigabyte_of_stdout":
                Assert.True(outcome.Stdout.Contains("bytes cut]", StringComparison.Ordinal), report);
                Assert.True(outcome.Stdout.Length <= SandboxFixture.Limits.MaxCapturedBytes + 100, report);
                break;
            case "fill_the_disk":
                var left = Directory.EnumerateFiles(episode, "fill_*").Sum(f => new FileInfo(f).Length);
                Assert.Equal(0, left);
                break;
        }
    }

    private static string Snapshot(string folder) => string.Join("\n", Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(p => $"{p} {(File.Exists(p) ? File.ReadAllText(p) : "dir")}"));

    private static string Head(string text) => text.Length <= 1500 ? text : text[..1500] + "...";
}
