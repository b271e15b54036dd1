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
    public void The_launch_chain_joins_the_cgroups_then_drops_to_the_sandbox_user_before_bubblewrap()
    {
        var options = new SandboxOptions { Uid = 1234, Gid = 5678 };
        var (fileName, arguments) = SandboxLaunchChain.For(options, "/run/status.json", ["/cg/a/cgroup.procs", "/cg/b/cgroup.procs"],
            new SandboxLimits { OpenFiles = 99 }, maxFileBytes: 4097, ["--unshare-all", "--", "/usr/bin/python3"]);

        Assert.Equal("/bin/sh", fileName);
        var afterScript = string.Join(' ', arguments.Skip(2));
        // ulimit -f counts 512-byte blocks: 4097 bytes round up to 9.
        Assert.Equal("dojo-sandbox 9 99 /run/status.json /cg/a/cgroup.procs /cg/b/cgroup.procs -- /usr/bin/setpriv --reuid=1234 "
            + "--regid=5678 --clear-groups -- /usr/bin/bwrap --unshare-all -- /usr/bin/python3", afterScript);
    }
}
