using MLEDojo.Execution.Sandbox;

namespace MLEDojo.Execution.Tests.Sandbox;

public sealed class BubblewrapCommandTests
{
    [Fact]
    public void The_command_unshares_everything_drops_capabilities_binds_only_the_runs_folders_and_ends_read_only()
    {
        var arguments = new BubblewrapCommand()
            .WithSystem(["/etc/alternatives"])
            .WithPrivateTmp(1024)
            .WithReadOnly("/data/public")
            .WithWritable("/episodes/e1")
            .InDirectory("/episodes/e1")
            .WithEnvironment(new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" })
            .Build("/usr/bin/python3", ["main.py"]);
        var text = string.Join(' ', arguments);

        Assert.StartsWith("--unshare-all --die-with-parent --new-session --cap-drop ALL --ro-bind /usr /usr", text);
        Assert.Contains("--ro-bind-try /etc/alternatives /etc/alternatives", text);
        Assert.Contains("--size 1024 --tmpfs /tmp --size 1024 --tmpfs /dev/shm", text);
        Assert.Contains("--ro-bind /data/public /data/public --bind /episodes/e1 /episodes/e1 --chdir /episodes/e1", text);
        Assert.Contains("--clearenv --setenv A 1 --setenv B 2", text);
        Assert.EndsWith("--remount-ro / -- /usr/bin/python3 main.py", text);
        Assert.DoesNotContain("--share-net", text);
    }

    [Fact]
    public void The_launch_chain_lowers_the_limits_in_a_shell_that_execs_bubblewrap()
    {
        var options = new SandboxOptions { Uid = 1234, Gid = 5678 };
        var (fileName, arguments) = SandboxLaunchChain.For(options, new SandboxLimits { OpenFiles = 99 }, maxFileBytes: 4097,
            ["--unshare-all", "--", "/usr/bin/python3"]);

        Assert.Equal("/bin/sh", fileName);
        Assert.Contains("ulimit -f \"$1\" && ulimit -n \"$2\" && ulimit -c 0", arguments[1]);
        // ulimit -f counts 512-byte blocks: 4097 bytes round up to 9.
        Assert.Equal("dojo-sandbox 9 99 /usr/bin/bwrap --unshare-all -- /usr/bin/python3", string.Join(' ', arguments.Skip(2)));
    }

    [Fact]
    public void Bubblewrap_reports_its_child_and_waits_at_the_gate_on_the_descriptors_it_is_given()
    {
        var text = string.Join(' ', new BubblewrapCommand().ReportStatusTo(41).WaitForGate(42).Build("/usr/bin/python3", []));

        Assert.Contains("--json-status-fd 41 --block-fd 42", text);
    }

    [Theory]
    [InlineData("{ \"child-pid\": 4242, \"cgroup-namespace\": 1 }\n", 4242)]
    [InlineData("{ \"child-pid\":17 }", 17)]
    [InlineData("{ \"child-pid\": 42", null)]
    [InlineData("{ \"child-pid\": ", null)]
    [InlineData("{ \"exit-code\": 1 }", null)]
    [InlineData("", null)]
    public void The_child_pid_is_read_from_bubblewraps_status_only_once_the_number_is_whole(string status, int? expected)
    {
        Assert.Equal(expected, BubblewrapAdmission.ChildPidIn(status));
    }
}
