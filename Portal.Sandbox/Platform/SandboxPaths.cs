namespace Portal.Sandbox.Platform;

/// <summary>Where the sandbox answers: everything under one prefix, which forwarding and the fault hooks look for.</summary>
public static class SandboxPaths
{
    /// <summary>The platform API is at <c>/sandbox/cgi-bin/…</c>, the phone page at <c>/sandbox/phone</c>.</summary>
    public const string Prefix = "/sandbox/";
}
