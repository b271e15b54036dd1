using System.Text;

namespace MLEDojo.Execution;

/// <summary>
/// A stream's bytes kept within a fixed budget: the first half of the budget as the head, the last half as the
/// tail (a ring), and a count of everything in between. Memory stays bounded however much the code prints.
/// Thread-safe, because the pipe writes while a cancelled run may already be reading.
/// </summary>
internal sealed class CappedOutput
{
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly object _sync = new();
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly long _overflowAt;
    private readonly Action? _onOverflow;
    private int _headLength;
    private long _bytesAfterHead;
    private bool _overflowed;

    /// <param name="maxBytes">Bytes kept (head and tail).</param>
    /// <param name="overflowAt">Total bytes past which <paramref name="onOverflow"/> is called, once: the stream is
    /// still read to its end (so the writer never blocks on a full pipe), but the caller stops the writer.</param>
    public CappedOutput(int maxBytes, long overflowAt = long.MaxValue, Action? onOverflow = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _head = new byte[maxBytes / 2];
        _tail = new byte[maxBytes - maxBytes / 2];
        _overflowAt = overflowAt;
        _onOverflow = onOverflow;
    }

    public long TotalBytes
    {
        get { lock (_sync) return _headLength + _bytesAfterHead; }
    }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        bool overflowedNow;
        lock (_sync)
        {
            var intoHead = Math.Min(chunk.Length, _head.Length - _headLength);
            chunk[..intoHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += intoHead;
            AppendToTail(chunk[intoHead..]);
            overflowedNow = !_overflowed && _headLength + _bytesAfterHead > _overflowAt;
            _overflowed |= overflowedNow;
        }
        // Outside the lock: the callback kills the writer, which may take a while.
        if (overflowedNow)
            _onOverflow?.Invoke();
    }

    /// <summary>Reads a stream to its end into this buffer.</summary>
    public async Task ReadFromAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            Append(buffer.AsSpan(0, read));
    }

    /// <summary>
    /// The kept text. When bytes were cut, the head and tail are trimmed to whole UTF-8 characters so the cut
    /// does not show up as replacement characters, and a marker line says how many bytes are missing.
    /// </summary>
    public string Decode()
    {
        lock (_sync)
        {
            var tail = TailInOrder();
            if (_bytesAfterHead <= _tail.Length)
                return LenientUtf8.GetString([.. _head.AsSpan(0, _headLength), .. tail]);

            var head = _head.AsSpan(0, _headLength);
            head = head[..Utf8Boundaries.CompletePrefixLength(head)];
            var tailSpan = tail.AsSpan(Utf8Boundaries.LeadingContinuationBytes(tail));
            var cut = _headLength + _bytesAfterHead - head.Length - tailSpan.Length;
            return $"{LenientUtf8.GetString(head)}\n... [{cut} bytes cut] ...\n{LenientUtf8.GetString(tailSpan)}";
        }
    }

    private void AppendToTail(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        var capacity = _tail.Length;
        // Only the last `capacity` bytes of this chunk can survive; skip the rest but count it.
        var skipped = Math.Max(0, bytes.Length - capacity);
        var position = (int)((_bytesAfterHead + skipped) % capacity);
        var kept = bytes[skipped..];
        var firstPart = Math.Min(kept.Length, capacity - position);
        kept[..firstPart].CopyTo(_tail.AsSpan(position));
        kept[firstPart..].CopyTo(_tail);
        _bytesAfterHead += bytes.Length;
    }

    private byte[] TailInOrder()
    {
        var capacity = _tail.Length;
        if (_bytesAfterHead <= capacity)
            return _tail.AsSpan(0, (int)_bytesAfterHead).ToArray();
        var start = (int)(_bytesAfterHead % capacity);
        return [.. _tail.AsSpan(start), .. _tail.AsSpan(0, start)];
    }
}
