using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

public sealed class SyntaxCheckTests : IDisposable
{
    private readonly Scratch _scratch = new();
    private readonly ProcessCodeRunner _runner = new(Scratch.Limits);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Invalid_code_is_a_syntax_error_with_the_line_and_caret()
    {
        var spec = _scratch.Code("""
            import os
            def train(:
                pass
            """);

        var outcome = await _runner.CheckSyntaxAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.SyntaxError, outcome.Status);
        Assert.Equal("SyntaxError", outcome.ErrorClass);
        Assert.Contains("line 2", outcome.Stderr);
        Assert.Contains("def train(:", outcome.Stderr);
        Assert.Contains("^", outcome.Stderr);
    }

    [Fact]
    public async Task Bad_indentation_is_a_syntax_error_named_IndentationError()
    {
        var outcome = await _runner.CheckSyntaxAsync(_scratch.Code("if True:\nprint(1)\n"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.SyntaxError, outcome.Status);
        Assert.Equal("IndentationError", outcome.ErrorClass);
    }

    [Fact]
    public async Task Valid_code_passes_without_running_or_leaving_bytecode()
    {
        var spec = _scratch.Code("""
            open('ran.txt', 'w').write('ran')
            def train():
                return 1
            """);
        // The check must not import the agent's modules: a traceback.py beside the code would run if it did.
        File.WriteAllText(_scratch.InWork("traceback.py"), "open('imported.txt', 'w').write('imported')");

        var outcome = await _runner.CheckSyntaxAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.Success, outcome.Status);
        Assert.Equal("", outcome.Stderr);
        Assert.False(File.Exists(_scratch.InWork("ran.txt")));
        Assert.False(File.Exists(_scratch.InWork("imported.txt")));
        Assert.False(Directory.Exists(_scratch.InWork("__pycache__")));
    }
}
