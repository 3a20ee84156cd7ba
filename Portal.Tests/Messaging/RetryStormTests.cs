using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>
/// WeChat retries a message it got no answer for. Two instances sharing Redis and PostgreSQL receive the
/// same message many times at once: the handler runs once and every delivery gets the same reply.
/// </summary>
public sealed class RetryStormTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    private PortalAppFactory Instance() => _shared.Instance();

    [Theory]
    [InlineData(PushMode.Plaintext)]
    [InlineData(PushMode.Safe)]
    public async Task The_same_message_sent_many_times_to_two_instances_runs_its_handler_once(PushMode mode)
    {
        // The handler's 300 ms is work for the retries to overlap, not a wait of the test's: on a slower machine the
        // retries overlap it more, and the assertions hold either way.
        var handler = new CountingHandler(TimeSpan.FromMilliseconds(300));
        await using var one = Instance();
        await using var two = Instance();
        handler.InstallIn(one);
        handler.InstallIn(two);
        var (pushOne, pushTwo) = (WeChatPush.For(one), WeChatPush.For(two));
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "where is my parcel?");

        var deliveries = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? pushOne : pushTwo).PostAsync(message, mode)).ToArray();
        var responses = await Task.WhenAll(deliveries);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = await Task.WhenAll(responses.Select(async r => pushOne.ReadReply(await r.Content.ReadAsStringAsync())));
        Assert.Equal(1, handler.Runs);
        Assert.Single(replies.Distinct());
        Assert.Contains("answer from run 1", replies[0]);
        var logged = await one.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId);
        Assert.Single(logged);

        // A late retry, after the storm, still gets the stored reply and runs nothing.
        using var late = await pushTwo.PostAsync(message, mode);
        Assert.Equal(replies[0], pushTwo.ReadReply(await late.Content.ReadAsStringAsync()));
        Assert.Equal(1, handler.Runs);
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task Different_messages_from_the_same_follower_are_each_handled()
    {
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var one = Instance();
        handler.InstallIn(one);
        var push = WeChatPush.For(one);
        var openId = InboundXml.NewOpenId();

        for (var i = 0; i < 3; i++)
        {
            using var response = await push.PostAsync(InboundXml.Text(openId, "same words, new message"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, handler.Runs);
    }
}
