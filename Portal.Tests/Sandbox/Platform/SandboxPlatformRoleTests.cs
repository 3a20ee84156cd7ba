using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Sandbox.Platform;

/// <summary>
/// Which process plays WeChat when Sandbox:PlaysPlatform is left unset: the one listening where
/// Sandbox:SelfUrl points. A wrong answer either splits the followers between instances or leaves nobody
/// playing, so the cases an operator meets on one machine are pinned here.
/// </summary>
public sealed class SandboxPlatformRoleTests
{
    [Theory]
    [InlineData("http://localhost:5080/", "http://localhost:5080", true)]           // dotnet run, the defaults
    [InlineData("http://127.0.0.1:5080/", "http://localhost:5080", true)]           // loopback either way
    [InlineData("http://localhost:5080/", "http://[::1]:5080", true)]
    [InlineData("http://localhost:5080/", "http://0.0.0.0:5080", true)]             // every interface
    [InlineData("http://localhost:5080/", "http://+:5080", true)]
    [InlineData("http://127.0.0.1:41001/", "http://127.0.0.1:41001", true)]
    [InlineData("http://127.0.0.1:41001/", "http://127.0.0.1:41002", false)]        // another instance's port
    [InlineData("https://localhost:5080/", "http://localhost:5080", false)]
    [InlineData("http://portal-a:8080/", "http://[::]:8080", false)]                // a name only DNS knows: set PlaysPlatform
    [InlineData("http://192.0.2.10:5080/", "http://127.0.0.1:5080", false)]         // another machine
    public void An_instance_plays_the_platform_when_it_listens_where_SelfUrl_points(string selfUrl, string listening, bool plays)
    {
        Assert.Equal(plays, SandboxPlatformRole.IsListenedOn(new Uri(selfUrl), [listening]));
    }

    [Fact]
    public void One_of_several_addresses_is_enough()
    {
        Assert.True(SandboxPlatformRole.IsListenedOn(new Uri("http://localhost:5080/"), ["https://localhost:5443", "http://localhost:5080"]));
    }
}
