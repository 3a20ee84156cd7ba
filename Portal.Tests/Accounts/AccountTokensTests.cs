using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Coordination;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>
/// Access tokens and JS-SDK tickets are kept per AppId. The sandbox plays both accounts and mints each its own
/// token, so the second account's fetch getting a token of its own shows that the first account's, already
/// cached, was not handed out for it.
/// </summary>
public sealed class AccountTokensTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new PortalAppFactory().WithSecondAccount();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_token_of_one_account_is_never_used_for_another()
    {
        var broker = _app.Services.GetRequiredService<AccessTokenBroker>();
        var first = _app.Services.Account(PortalAppFactory.AppId);
        var second = _app.Services.Account(PortalAppFactory.SecondAppId);

        var token = await broker.GetAsync(first);
        Assert.Equal(token, await broker.GetAsync(first)); // cached

        var theirs = await broker.GetAsync(second);
        Assert.NotEqual(token, theirs);

        var store = _app.Services.GetRequiredService<ICoordinationStore>();
        Assert.EndsWith("|" + token, await store.GetAsync($"token:{PortalAppFactory.AppId}"));
        Assert.EndsWith("|" + theirs, await store.GetAsync($"token:{PortalAppFactory.SecondAppId}"));
    }

    [Fact]
    public async Task The_js_sdk_signs_a_page_with_its_account_and_refuses_a_prefix_of_no_account()
    {
        using var http = _app.CreateClient();
        using var own = await http.GetAsync($"/jssdk/config?url={Uri.EscapeDataString("http://localhost/members/me")}");
        Assert.Contains($"\"appId\":\"{PortalAppFactory.AppId}\"", await own.Content.ReadAsStringAsync());

        using var none = await http.GetAsync($"/jssdk/config?url={Uri.EscapeDataString("http://localhost/a/wx0000000000000000/members/me")}");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }
}
