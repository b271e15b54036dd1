using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

public sealed class PythonTracebackTests
{
    [Fact]
    public void Chained_exceptions_are_named_by_the_last_traceback()
    {
        const string stderr = """
            Traceback (most recent call last):
              File "main.py", line 2, in <module>
                {}['x']
            KeyError: 'x'

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "main.py", line 4, in <module>
                raise ValueError('bad column') from error
            ValueError: bad column
            """;

        Assert.Equal("ValueError", PythonTraceback.ErrorClass(stderr));
    }

    [Fact]
    public void Dotted_exception_classes_keep_their_module()
    {
        const string stderr = """
            Traceback (most recent call last):
              File "main.py", line 1, in <module>
            numpy.core._exceptions._ArrayMemoryError: Unable to allocate 8.00 EiB for an array
            """;

        var errorClass = PythonTraceback.ErrorClass(stderr);

        Assert.Equal("numpy.core._exceptions._ArrayMemoryError", errorClass);
        Assert.True(PythonTraceback.IsMemoryError(errorClass!));
    }

    [Fact]
    public void Exception_without_a_message_is_named()
    {
        Assert.Equal("MemoryError", PythonTraceback.ErrorClass("Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nMemoryError\n"));
    }

    [Fact]
    public void Syntax_error_in_an_imported_module_is_an_ordinary_exception_not_a_compile_error()
    {
        const string stderr = """
            Traceback (most recent call last):
              File "main.py", line 1, in <module>
                import helpers
              File "helpers.py", line 1
                def f(:
                      ^
            SyntaxError: invalid syntax
            """;

        Assert.Equal("SyntaxError", PythonTraceback.ErrorClass(stderr));
        Assert.Null(PythonTraceback.CompileErrorClass(stderr));
    }

    [Fact]
    public void Script_that_does_not_compile_reports_without_a_traceback()
    {
        const string stderr = """
              File "main.py", line 2
                print(1)
                ^
            IndentationError: expected an indented block after 'if' statement on line 1
            """;

        Assert.Equal("IndentationError", PythonTraceback.CompileErrorClass(stderr));
        Assert.Null(PythonTraceback.ErrorClass(stderr));
        Assert.Null(PythonTraceback.CompileErrorClass("Error: not a Python exception\n"));
    }

    [Fact]
    public void Output_without_a_traceback_names_nothing()
    {
        Assert.Null(PythonTraceback.ErrorClass("warning: something odd\n"));
        Assert.False(PythonTraceback.IsMemoryError("KeyError"));
    }
}
