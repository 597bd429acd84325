namespace EdgeRegistry.Rpc;

public enum WireFormat
{
    Json,
    Xml,
}
