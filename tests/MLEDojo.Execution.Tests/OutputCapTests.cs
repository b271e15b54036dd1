using System.Text;
using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

public sealed class OutputCapTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Output_over_the_cap_keeps_head_and_tail_around_a_marker()
    {
        var runner = new ProcessCodeRunner(Scratch.Limits with { MaxCapturedBytes = 1000 });
        var spec = _scratch.Code("""
            import sys
            sys.stdout.write('H' * 10 + 'x' * 100000 + 'T' * 10)
            sys.stderr.write('h' * 10 + 'e' * 100000 + 't' * 10)
            """);

        var outcome = await runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.Success, outcome.Status);
        var cut = "\n... [99020 bytes cut] ...\n";
        Assert.Equal(new string('H', 10) + new string('x', 490) + cut + new string('x', 490) + new string('T', 10), outcome.Stdout);
        Assert.Equal(new string('h', 10) + new string('e', 490) + cut + new string('e', 490) + new string('t', 10), outcome.Stderr);
    }

    [Fact]
    public void Output_under_the_cap_is_kept_whole()
    {
        var output = new CappedOutput(maxBytes: 10);
        output.Append("0123"u8);
        output.Append("456789"u8);

        Assert.Equal("0123456789", output.Decode());
    }

    [Fact]
    public void Cut_never_splits_a_character()
    {
        // "€" is 3 bytes: a 5-byte head and a 5-byte tail each hold one whole euro and part of another.
        var output = new CappedOutput(maxBytes: 10);
        output.Append(Encoding.UTF8.GetBytes(new string('€', 10)));

        Assert.Equal("€\n... [24 bytes cut] ...\n€", output.Decode());
    }

    [Fact]
    public void Invalid_utf8_is_decoded_leniently()
    {
        var output = new CappedOutput(maxBytes: 100);
        output.Append([0x61, 0xFF, 0x62]);

        Assert.Equal("a\uFFFDb", output.Decode());
    }

    [Fact]
    public void Chunks_of_any_size_keep_exactly_the_first_and_last_bytes()
    {
        var random = new Random(7);
        var all = new byte[5000];
        for (var i = 0; i < all.Length; i++)
            all[i] = (byte)('a' + i % 26);
        var output = new CappedOutput(maxBytes: 301);

        for (var offset = 0; offset < all.Length;)
        {
            var length = Math.Min(random.Next(1, 400), all.Length - offset);
            output.Append(all.AsSpan(offset, length));
            offset += length;
        }

        var expected = Encoding.ASCII.GetString(all, 0, 150) + "\n... [4699 bytes cut] ...\n" + Encoding.ASCII.GetString(all, 5000 - 151, 151);
        Assert.Equal(expected, output.Decode());
        Assert.Equal(5000, output.TotalBytes);
    }
}
