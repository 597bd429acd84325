namespace EdgeRegistry.Rpc;

/// <summary>
/// Reads an RPC request body into memory, at most <see cref="MaxBytes"/> and, for a form, at most
/// <see cref="RequestLimits.MaxParameters"/> parameters (counted as it arrives: reading stops at the limit). What can go
/// wrong on the way is the caller's doing, so it becomes an answer, never a 500: too large → 413 Request.BodyTooLarge,
/// too many parameters → InvalidParameter.TooMany, malformed framing → InvalidParameter,
/// too slow for Kestrel's minimum data rate → RequestTimeout. A client known to have gone away gets no answer
/// (<see cref="OperationCanceledException"/>, which the pipeline logs as such); one that closed its side mid-body
/// is usually reported by Kestrel as a body that ended early, and is answered 400 even if nobody reads it.
/// </summary>
public static class RequestBody
{
    /// <summary>The largest legitimate request is a few 64 KiB JSON values, percent-encoded.</summary>
    public const int MaxBytes = RequestLimits.MaxEncodedBytes;

    /// <summary>The body, or empty with <c>Problem</c> saying why it could not be read.</summary>
    /// <param name="parameters">For a form body, the parameters counted so far (the query's); null: not a form, not counted.</param>
    public static async Task<(byte[] Body, RpcException? Problem)> ReadAsync(HttpRequest request, int? parameters, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !HttpMethods.IsPost(request.Method)))
        {
            return ([], null);
        }

        if (request.ContentLength > MaxBytes)
        {
            return ([], TooLarge());
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return ([], TooLarge());
                }

                if (parameters is { } counted)
                {
                    counted += buffer.Length == 0 ? 1 : 0;
                    if (!RequestLimits.CountSeparators(chunk.AsSpan(0, read), ref counted))
                    {
                        return ([], RpcErrors.TooManyParameters(RequestLimits.MaxParameters));
                    }

                    parameters = counted;
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException e)
        {
            return ([], e.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => RpcErrors.RequestTimeout(),
                StatusCodes.Status413PayloadTooLarge => TooLarge(),
                _ => RpcErrors.InvalidParameter($"The request body could not be read: {e.Message}"),
            });
        }
        catch (IOException e) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new OperationCanceledException("The client closed the connection while sending the request body.", e);
        }
        catch (IOException e)
        {
            // Kestrel reports some framing errors (a chunk size that overflows) as a bare IOException.
            return ([], RpcErrors.InvalidParameter($"The request body could not be read: {e.Message}"));
        }
    }

    private static RpcException TooLarge() => RpcErrors.BodyTooLarge(MaxBytes);
}
