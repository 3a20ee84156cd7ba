using Portal.Core.Links;

namespace Portal.Tests.Links;

/// <summary>The one allow-list for stored links: http, https or a site path, and nothing that looks like one.</summary>
public sealed class LinkAllowListTests
{
    [Theory]
    [MemberData(nameof(HostileLinks.Theory), MemberType = typeof(HostileLinks))]
    public void Script_other_schemes_and_other_hosts_are_refused(string link)
    {
        Assert.Null(LinkAllowList.Clean(link));
        Assert.Null(LinkAllowList.CleanWebAddress(link));
        Assert.Equal(LinkAllowList.Problem, LinkAllowList.ProblemWith(link));
        Assert.Equal(LinkAllowList.WebAddressProblem, LinkAllowList.ProblemWith(link, webAddressOnly: true));
    }

    [Theory]
    [InlineData("https://example.com/a?b=1&c=2#d", "https://example.com/a?b=1&c=2#d")]
    [InlineData("HTTP://Example.com", "HTTP://Example.com")]
    [InlineData("  https://example.com/x \n", "https://example.com/x")]
    [InlineData("https://例子.中国/路径", "https://例子.中国/路径")]
    [InlineData("/articles/1", "/articles/1")]
    [InlineData("/", "/")]
    [InlineData("\t/media/a.png?x=1#y ", "/media/a.png?x=1#y")]
    public void Web_addresses_and_site_paths_pass_trimmed(string link, string expected) =>
        Assert.Equal(expected, LinkAllowList.Clean(link));

    [Fact]
    public void Site_paths_are_not_web_addresses_and_empty_is_no_problem()
    {
        Assert.Null(LinkAllowList.CleanWebAddress("/articles/1"));
        Assert.Equal("https://a.example/", LinkAllowList.CleanWebAddress("https://a.example/"));
        Assert.Null(LinkAllowList.ProblemWith(null));
        Assert.Null(LinkAllowList.ProblemWith("  "));
        Assert.Null(LinkAllowList.Clean(""));
    }
}
