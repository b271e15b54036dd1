using System.Text;

namespace MLEDojo.Hosting.Clustering;

/// <summary>
/// The episodes root of a cluster lives on a volume every node mounts (a failed-over episode keeps its files, and a
/// GPU on another node writes into the episode's folder). The first silo writes the cluster id into a marker file
/// there; a silo of another cluster pointed at the same folder is refused at start, because two clusters would
/// write into each other's episode folders under the same ids.
/// </summary>
public static class SharedVolume
{
    public const string MarkerName = ".mledojo-cluster";

    public static void Claim(string episodesRoot, string clusterId)
    {
        Directory.CreateDirectory(episodesRoot);
        var marker = Path.Combine(episodesRoot, MarkerName);
        try
        {
            using var created = new FileStream(marker, FileMode.CreateNew, FileAccess.Write);
            created.Write(Encoding.UTF8.GetBytes(clusterId));
            return;
        }
        catch (IOException) when (File.Exists(marker))
        {
            // Another silo claimed it first (or earlier): it must be ours.
        }
        var owner = ReadOwner(marker);
        if (owner != clusterId)
            throw new InvalidOperationException(
                $"episodesRoot '{episodesRoot}' belongs to cluster '{owner}' ({marker}); this silo is in cluster '{clusterId}'. " +
                "Give each cluster its own episodes root, or change clusterId to the folder's cluster.");
    }

    private static string ReadOwner(string marker)
    {
        // A silo that claimed the folder this instant may still be writing the id.
        for (var attempt = 0; ; attempt++)
        {
            var owner = File.ReadAllText(marker, Encoding.UTF8);
            if (owner.Length > 0 || attempt == 20) return owner;
            Thread.Sleep(50);
        }
    }
}
