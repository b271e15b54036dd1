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
    public void Output_without_a_traceback_names_nothing()
    {
        Assert.Null(PythonTraceback.ErrorClass("warning: something odd\n"));
        Assert.False(PythonTraceback.IsMemoryError("KeyError"));
    }
}
