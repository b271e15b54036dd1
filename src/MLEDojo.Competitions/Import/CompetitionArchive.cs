using System.Formats.Tar;
using System.IO.Compression;

namespace MLEDojo.Competitions.Import;

/// <summary>
/// Unpacks an uploaded competition (.tar.gz or .zip, told apart by their first bytes) into a fresh folder, strictly:
/// only plain files and folders, no absolute paths or '..' (nothing may land outside the folder), at most
/// <see cref="ArchiveLimits.MaxEntries"/> entries and <see cref="ArchiveLimits.MaxExtractedBytes"/> bytes as actually
/// written. The archive holds data/ at its top, or one folder that does.
/// </summary>
public static class CompetitionArchive
{
    /// <summary>
    /// Unpacks <paramref name="archive"/> (seekable: a zip is read from its end) into <paramref name="target"/>
    /// (created, must not exist) and answers the folder holding data/. The caller removes the folder on failure.
    /// </summary>
    public static string Extract(Stream archive, string target, ArchiveLimits limits)
    {
        if (!archive.CanSeek) throw new ArgumentException("The archive stream must be seekable.", nameof(archive));
        if (Directory.Exists(target)) throw new ArgumentException($"'{target}' already exists.", nameof(target));
        var root = Path.GetFullPath(target);
        Directory.CreateDirectory(root);
        var budget = new Budget(limits);
        var magic = new byte[4];
        var read = archive.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        archive.Position = 0;
        try
        {
            if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) ExtractTarGz(archive, root, budget);
            else if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) ExtractZip(archive, root, budget);
            else throw new CompetitionDataException("The upload is neither a .tar.gz nor a .zip archive.");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new CompetitionDataException("The archive is damaged: " + e.Message);
        }
        return CompetitionFolder(root);
    }

    private static void ExtractTarGz(Stream archive, string root, Budget budget)
    {
        using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            budget.CountEntry();
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(Destination(root, entry.Name));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Write(Destination(root, entry.Name), entry.DataStream, budget);
                    break;
                // Headers of other entries, which describe the next one, carry nothing to unpack.
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    break;
                default:
                    throw new CompetitionDataException($"'{entry.Name}' is a {entry.EntryType} entry; a competition archive holds plain files and folders only.");
            }
        }
    }

    private static void ExtractZip(Stream archive, string root, Budget budget)
    {
        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            budget.CountEntry();
            // Unix mode bits live in the high half of the external attributes; only regular files and folders pass.
            var type = (entry.ExternalAttributes >> 16) & 0xF000;
            if (type is not (0 or 0x8000 or 0x4000))
                throw new CompetitionDataException($"'{entry.FullName}' is a link or special file; a competition archive holds plain files and folders only.");
            var destination = Destination(root, entry.FullName);
            if (entry.FullName.EndsWith('/') || type == 0x4000)
            {
                Directory.CreateDirectory(destination);
                continue;
            }
            using var data = entry.Open();
            Write(destination, data, budget);
        }
    }

    private static string Destination(string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || name.Contains(':') || name.Contains('\0') || name.Split('/').Any(part => part == ".."))
            throw new CompetitionDataException($"'{entryName}' would unpack outside the competition's folder; paths in the archive must be relative, without '..'.");
        var destination = Path.GetFullPath(Path.Combine(root, name.TrimEnd('/')));
        if (destination != root && !destination.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new CompetitionDataException($"'{entryName}' would unpack outside the competition's folder.");
        return destination;
    }

    private static void Write(string destination, Stream? data, Budget budget)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        if (data is null) return;
        var buffer = new byte[81920];
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            budget.CountBytes(read);
            file.Write(buffer, 0, read);
        }
    }

    private static string CompetitionFolder(string root)
    {
        if (Directory.Exists(Path.Combine(root, "data"))) return root;
        var entries = Directory.GetFileSystemEntries(root);
        if (entries.Length == 1 && Directory.Exists(Path.Combine(entries[0], "data"))) return entries[0];
        throw new CompetitionDataException("The archive must hold data/public and data/private at its top, or one folder that holds them.");
    }

    private sealed class Budget(ArchiveLimits limits)
    {
        private long _bytes;
        private int _entries;

        public void CountEntry()
        {
            if (++_entries > limits.MaxEntries)
                throw new CompetitionDataException($"The archive has more than {limits.MaxEntries} entries, this server's limit.");
        }

        public void CountBytes(int count)
        {
            _bytes += count;
            if (_bytes > limits.MaxExtractedBytes)
                throw new CompetitionDataException($"The archive unpacks to more than {limits.MaxExtractedBytes} bytes, this server's limit.");
        }
    }
}
