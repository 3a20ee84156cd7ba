using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>When Portal cannot record a message, WeChat gets a bare 500 and its retry is handled in full.</summary>
public sealed class WebhookFailureTests
{
    [Fact]
    public async Task A_message_that_could_not_be_logged_is_refused_bare_and_handled_on_the_retry()
    {
        await using var app = new WebhookApp { Environment = "Development" }; // where an error page would show, if any did
        await app.InitializeAsync();
        var push = WeChatPush.For(app);
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "hours");
        var db = app.Services.GetRequiredService<DbConnectionFactory>();
        async Task Sql(string sql)
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync(sql);
        }

        await Sql("ALTER TABLE message_log RENAME TO message_log_away");
        using var failed = await push.PostAsync(message);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Empty(await failed.Content.ReadAsStringAsync());

        await Sql("ALTER TABLE message_log_away RENAME TO message_log");
        using var retried = await push.PostAsync(message);
        Assert.Equal("We open 9:00–18:00.", (await push.ReplyOfAsync(retried))!.Element("Content")!.Value);
        Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));
    }
}
