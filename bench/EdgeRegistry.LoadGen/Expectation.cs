namespace EdgeRegistry.LoadGen;

/// <summary>The one answer a scenario counts as success; anything else is an error and fails the run.</summary>
public enum Expectation
{
    /// <summary><c>/health/live</c>: HTTP 200 "Healthy".</summary>
    Healthy,

    /// <summary>An RPC success: HTTP 200 and <c>"Success":true</c> in the JSON body.</summary>
    RpcSuccess,

    /// <summary>The bad-signature flood: HTTP 400 with code SignatureDoesNotMatch.</summary>
    SignatureDoesNotMatch,

    /// <summary>A lookup of a driver the caller cannot see: HTTP 200 with code iot.edge.DriverNotExist.</summary>
    DriverNotExist,
}

public static class ExpectationCheck
{
    public static bool IsMet(this Expectation expectation, HttpResponse response) => expectation switch
    {
        Expectation.Healthy => response.Status == 200 && response.Body.SequenceEqual("Healthy"u8),
        Expectation.RpcSuccess => response.Status == 200 && response.Body.IndexOf("\"Success\":true"u8) >= 0,
        Expectation.SignatureDoesNotMatch => response.Status == 400 && response.Body.IndexOf("\"Code\":\"SignatureDoesNotMatch\""u8) >= 0,
        Expectation.DriverNotExist => response.Status == 200 && response.Body.IndexOf("\"Code\":\"iot.edge.DriverNotExist\""u8) >= 0,
        _ => false,
    };
}
