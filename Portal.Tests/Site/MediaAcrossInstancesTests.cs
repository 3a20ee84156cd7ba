using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>An image uploaded to one instance is served by another: nothing of it lives on one machine's disk.</summary>
public sealed class MediaAcrossInstancesTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    private PortalAppFactory Instance() => _shared.Instance(redis: false);

    [Fact]
    public async Task An_upload_on_one_instance_is_served_by_another()
    {
        await using var one = Instance();
        await using var two = Instance();
        // A 1×1 PNG.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        var upload = await one.Services.GetRequiredService<MediaLibrary>().SaveAsync(AuditActor.Command("test"), TestAccounts.DefaultId, new MemoryStream(png), "dot.png");
        using var served = await two.CreateClient().GetAsync(upload.File!.Url);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
    }
}
