namespace EdgeRegistry.Storage;

/// <summary>
/// A shared backend (the database, Redis) could not be reached or did not answer in time. Nothing is known to have
/// happened, and sending the request again later may work: the RPC pipeline answers <c>ServiceUnavailable</c>
/// (HTTP 503) rather than a 500, which would say the server is broken.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
