namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// At silo start: kills and removes the run cgroups that silo processes no longer alive left behind (a crashed or
/// killed silo), with every process still in them. Live silos' runs on the same machine are left alone.
/// </summary>
internal static class OrphanSweep
{
    /// <summary>Returns one line per swept run ("owner/run: n process(es) killed").</summary>
    public static async Task<IReadOnlyList<string>> SweepAsync(CgroupHierarchy cgroups, Func<string, bool> ownerIsAlive)
    {
        var swept = new List<string>();
        foreach (var owner in cgroups.Owners())
        {
            if (ownerIsAlive(owner))
                continue;
            foreach (var run in cgroups.RunsOf(owner))
            {
                var cgroup = cgroups.Open(owner, run);
                var processes = cgroup.Processes();
                var removed = await cgroup.DestroyAsync().ConfigureAwait(false);
                swept.Add($"{owner}/{run}: {processes.Count} process(es) killed{(processes.Count > 0 ? $" ({string.Join(", ", processes)})" : "")}"
                    + (removed ? "" : "; its cgroup could not be removed"));
            }
            await cgroups.RemoveOwnerAsync(owner).ConfigureAwait(false);
        }
        return swept;
    }
}
