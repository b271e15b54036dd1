using System.Text;

namespace MLEDojo.Competitions.Info;

/// <summary>
/// A bounded text tree of a folder (MLE-Dojo's <c>build_tree</c>): at most <c>maxEntries</c> per folder and
/// <c>maxDepth</c> levels, so a folder of 100,000 images costs a few lines, with counts of what was left out.
/// </summary>
public static class DataTree
{
    public static string Render(string root, int maxEntries = 10, int maxDepth = 4)
    {
        var text = new StringBuilder();
        text.Append(Path.GetFileName(Path.TrimEndingDirectorySeparator(root))).Append('/').Append('\n');
        Walk(new DirectoryInfo(root), "", 1);
        return text.ToString();

        void Walk(DirectoryInfo folder, string indent, int depth)
        {
            var entries = folder.EnumerateFileSystemInfos().OrderBy(e => e is FileInfo).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray();
            foreach (var entry in entries.Take(maxEntries))
            {
                if (entry is DirectoryInfo sub)
                {
                    text.Append(indent).Append("├── ").Append(sub.Name).Append('/').Append('\n');
                    if (depth < maxDepth) Walk(sub, indent + "│   ", depth + 1);
                    else text.Append(indent).Append("│   └── ...").Append('\n');
                }
                else
                {
                    text.Append(indent).Append("├── ").Append(entry.Name).Append(" (").Append(Size(((FileInfo)entry).Length)).Append(")\n");
                }
            }
            if (entries.Length > maxEntries)
                text.Append(indent).Append($"└── ... and {entries.Length - maxEntries} more\n");
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.#} GB",
    };
}
