using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>Reads a request body up to the gateway's cap, so an oversized body is a protocol error and not a buffered allocation.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) throw GatewayError.TooLarge(request.ContentLength.Value, maxBytes);
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0) return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) throw GatewayError.TooLarge(null, maxBytes);
        }
    }
}
