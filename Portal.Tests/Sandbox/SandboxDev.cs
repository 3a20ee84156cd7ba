using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Sandbox.Dev;

namespace Portal.Tests.Sandbox;

/// <summary>
/// The sandbox's development endpoints (<c>/sandbox/dev/…</c>) over HTTP, as a developer would call them:
/// faults on the platform's endpoints, revoked tokens, a follower's reply window closed. The hooks live
/// behind those endpoints, not in any class a test (or Portal) could call.
/// </summary>
public sealed class SandboxDev(Func<HttpClient> client)
{
    public SandboxDev(WebApplicationFactory<Program> app)
        : this(() => app.CreateClient())
    {
    }

    /// <summary>The next <paramref name="count"/> requests to <paramref name="endpoint"/> (e.g. <c>cgi-bin/stable_token</c>) fail; 0 cancels.</summary>
    public async Task FailNextAsync(string endpoint, int count, SandboxFault fault)
    {
        using var http = client();
        using var response = await http.PostAsJsonAsync("/sandbox/dev/faults", new { endpoint, count, fault = fault.ToString() });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many requests <paramref name="endpoint"/> received, faulty answers included.</summary>
    public async Task<int> SeenAsync(string endpoint)
    {
        using var http = client();
        var answer = await http.GetFromJsonAsync<JsonElement>("/sandbox/dev/faults?endpoint=" + Uri.EscapeDataString(endpoint));
        return answer.GetProperty("seen").GetInt32();
    }

    /// <summary>Every access token stops working, as when another system holding the AppSecret forced a refresh.</summary>
    public async Task RevokeTokensAsync()
    {
        using var http = client();
        using var response = await http.PostAsync("/sandbox/dev/tokens/revoke", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The follower last interacted long enough ago that customer-service messages are refused.</summary>
    public async Task CloseWindowAsync(string openId, string? appId = null)
    {
        using var http = client();
        var query = appId is null ? "" : "?appid=" + Uri.EscapeDataString(appId);
        using var response = await http.PostAsync($"/sandbox/dev/followers/{Uri.EscapeDataString(openId)}/close-window{query}", null);
        response.EnsureSuccessStatusCode();
    }
}
