using System.Globalization;

namespace EdgeRegistry.Fuzz;

/// <summary>Mutations of an RPC parameter set before it is signed: the request still passes the signature check.</summary>
public static class ParameterMutations
{
    private static readonly string[] Names =
    [
        "DriverIds.01", "DriverIds.0", "DriverIds.x", "DriverIds.1", "DriverIds.2147483648", "DriverIds.", "Unknown", "a=b",
        "Driver\u0001Id", "DriverId\n", "名", "", " ", "Signature", "Timestamp", "Version", "AccessKeyId", "Action",
        "SourceConfig", "PageSize", "CurrentPage",
    ];

    public static void Apply(Random rng, List<KeyValuePair<string, string>> parameters)
    {
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            switch (rng.Next(7))
            {
                case 0 or 1 when parameters.Count > 0:
                    var i = rng.Next(parameters.Count);
                    parameters[i] = new(parameters[i].Key, HostileValues.Pick(rng));
                    break;
                case 2 when parameters.Count > 0:
                    parameters.RemoveAt(rng.Next(parameters.Count));
                    break;
                case 3:
                    parameters.Add(new(RpcGrammar.Pick(rng, Names), rng.Next(2) == 0 ? "x" : HostileValues.Pick(rng)));
                    break;
                case 4 when parameters.Count > 0:
                    parameters.Add(parameters[rng.Next(parameters.Count)]);
                    break;
                case 5:
                    parameters.Add(new(HostileValues.Junk(rng, rng.Next(1, 12)), "v"));
                    break;
                default:
                    var count = rng.Next(2) == 0 ? rng.Next(50, 400) : rng.Next(1000, 3000);
                    for (var k = 1; k <= count; k++)
                    {
                        parameters.Add(new("DriverIds." + k.ToString(CultureInfo.InvariantCulture), "d" + k.ToString(CultureInfo.InvariantCulture)));
                    }

                    break;
            }
        }
    }
}
