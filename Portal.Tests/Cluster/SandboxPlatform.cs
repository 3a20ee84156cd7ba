using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Cluster;

/// <summary>
/// The follower's side, through the sandbox platform's own phone page API: people are made and follow there,
/// and what the platform delivered to each (customer-service messages) is read back from their chat.
/// </summary>
public sealed class SandboxPlatform(PortalProcess process)
{
    public PortalProcess Process => process;

    /// <summary>A new person who follows the account, so the platform accepts customer-service messages to them for 48 hours.</summary>
    public async Task<string> NewFollowerAsync(string nickname)
    {
        using var http = Client();
        using var created = await http.PostAsJsonAsync("sandbox/phone/api/followers", new { nickname });
        created.EnsureSuccessStatusCode();
        var openId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("openId").GetString()!;
        using var follow = await http.PostAsJsonAsync($"sandbox/phone/api/followers/{openId}/follow", new { });
        follow.EnsureSuccessStatusCode();
        return openId;
    }

    /// <summary>The texts of the customer-service messages the platform delivered to <paramref name="openId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> DeliveredAsync(string openId)
    {
        using var http = Client();
        var chat = await http.GetFromJsonAsync<JsonElement>($"sandbox/phone/api/followers/{openId}/chat");
        return [.. chat.GetProperty("lines").EnumerateArray()
            .Where(l => l.TryGetProperty("via", out var via) && via.GetString() == "customer-service")
            .Select(l => l.GetProperty("text").GetString() ?? "")];
    }

    /// <summary>
    /// Whether the platform has written <paramref name="openIds"/> to its data folder, so that a kill -9 now
    /// does not make it forget them (it writes a moment after each change).
    /// </summary>
    public bool HasSaved(IEnumerable<string> openIds)
    {
        var path = Path.Combine(process.DataFolder, "sandbox-state.json");
        if (!File.Exists(path))
            return false;
        string saved;
        try
        {
            saved = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return false;
        }
        return openIds.All(id => saved.Contains(id, StringComparison.Ordinal));
    }

    private HttpClient Client() => new() { BaseAddress = process.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
}
