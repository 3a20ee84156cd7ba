using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Sandbox;

/// <summary>Drives the phone page's JSON API as its script does: one follower, their actions, their chat.</summary>
public sealed class SandboxPhoneClient(HttpClient http, string openId)
{
    public string OpenId => openId;

    public static async Task<SandboxPhoneClient> CreateFollowerAsync(PortalAppFactory app, string nickname = "Ming")
    {
        var http = app.CreateClient();
        using var created = await http.PostAsJsonAsync("/sandbox/phone/api/followers", new { nickname });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return new SandboxPhoneClient(http, body.GetProperty("openId").GetString()!);
    }

    public Task<HttpResponseMessage> FollowAsync(string? scene = null, string? ticket = null) => PostAsync("follow", new { scene, ticket });

    public Task<HttpResponseMessage> UnfollowAsync() => PostAsync("unfollow", new { });

    public Task<HttpResponseMessage> SendAsync(string text) => PostAsync("messages", new { text });

    public Task<HttpResponseMessage> ClickAsync(string key, string name = "button") => PostAsync("click", new { key, name });

    public async Task<JsonElement> ChatAsync() =>
        await http.GetFromJsonAsync<JsonElement>($"/sandbox/phone/api/followers/{openId}/chat");

    /// <summary>The account's lines in the chat, as (via, kind, text).</summary>
    public async Task<List<(string Via, string Kind, string Text)>> AccountLinesAsync()
    {
        var chat = await ChatAsync();
        return chat.GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("side").GetString() != "follower")
            .Select(l => (l.TryGetProperty("via", out var via) ? via.GetString()! : "platform", l.GetProperty("kind").GetString()!, l.GetProperty("text").GetString()!))
            .ToList();
    }

    /// <summary>Waits (polling, as the page does) until the account has said <paramref name="count"/> things.</summary>
    public Task<List<(string Via, string Kind, string Text)>> WaitForAccountLinesAsync(int count) =>
        Eventually.ReadAsync(AccountLinesAsync, lines => lines.Count >= count);

    private async Task<HttpResponseMessage> PostAsync(string action, object body) =>
        await http.PostAsJsonAsync($"/sandbox/phone/api/followers/{openId}/{action}", body);
}
