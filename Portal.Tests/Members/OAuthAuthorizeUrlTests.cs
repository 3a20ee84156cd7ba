using Portal.Core.WeChat;

namespace Portal.Tests.Members;

public sealed class OAuthAuthorizeUrlTests
{
    [Fact]
    public void The_url_has_the_parameters_in_the_platforms_order_and_ends_with_wechat_redirect() =>
        Assert.Equal(
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx5823bf96d3bd56c7"
            + "&redirect_uri=https%3A%2F%2Fportal.example%2Foauth%2Fcallback%3Fback%3D%2Fmembers"
            + "&response_type=code&scope=snsapi_userinfo&state=Ab12#wechat_redirect",
            OAuthAuthorizeUrl.Build(new Uri("https://open.weixin.qq.com/"), "wx5823bf96d3bd56c7", "https://portal.example/oauth/callback?back=/members", OAuthScopes.UserInfo, "Ab12"));

    [Theory]
    [InlineData("/oauth/callback", OAuthScopes.Base, "s")]
    [InlineData("ftp://portal.example/cb", OAuthScopes.Base, "s")]
    [InlineData("https://portal.example/cb", "snsapi_login", "s")]
    [InlineData("https://portal.example/cb", OAuthScopes.Base, "not/letters")]
    public void Unsound_requests_are_refused_before_a_follower_sees_an_error_page(string redirect, string scope, string state) =>
        Assert.Throws<ArgumentException>(() => OAuthAuthorizeUrl.Build(new Uri("https://open.weixin.qq.com/"), "wx5823bf96d3bd56c7", redirect, scope, state));
}
