namespace MLEDojo.Gateway;

internal static class GridCall
{
    /// <summary>The grid's own failures (a silo lost, a timeout) become EXECUTION_ERROR / 500; the grains' records stay intact.</summary>
    public static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            throw GatewayError.Execution("The grid could not answer: " + e.Message);
        }
    }
}
