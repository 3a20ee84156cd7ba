using System.Security.Cryptography;

namespace Portal.Core.Coordination;

/// <summary>This process's name among the instances, used as the owner of leases it takes.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = Environment.MachineName + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
