using Microsoft.Win32.SafeHandles;

namespace MLEDojo.Competitions.Data;

/// <summary>
/// A read-only view of a byte range of a file, so that a chunk of a CSV can be parsed by its own reader without
/// loading the file. Notes whether the range holds a quote, which would make line boundaries unsafe to split at.
/// </summary>
internal sealed class FileRangeStream(SafeFileHandle handle, long start, long end) : Stream
{
    private readonly long _start = start;
    private long _position = start;

    public bool SawQuote { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, end - _position);
        if (wanted <= 0) return 0;
        var read = RandomAccess.Read(handle, buffer[..wanted], _position);
        _position += read;
        if (!SawQuote && buffer[..read].Contains((byte)'"')) SawQuote = true;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - _start;
    public override long Position { get => _position - _start; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
