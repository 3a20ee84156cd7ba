using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>Follower messages get the operator's replies, in every mode and of every reply type.</summary>
public sealed class WebhookReplyTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task<XElement?> SendAsync(string xml, PushMode mode = PushMode.Plaintext)
    {
        using var response = await WeChatPush.For(app).PostAsync(xml, mode);
        return await WeChatPush.For(app).ReplyOfAsync(response);
    }

    [Theory]
    [InlineData(PushMode.Plaintext)]
    [InlineData(PushMode.Compatible)]
    [InlineData(PushMode.Safe)]
    public async Task A_keyword_gets_its_text_reply_in_every_mode(PushMode mode)
    {
        var openId = InboundXml.NewOpenId();
        var reply = await SendAsync(InboundXml.Text(openId, "hours"), mode);

        Assert.NotNull(reply);
        Assert.Equal(openId, reply.Element("ToUserName")!.Value);
        Assert.Equal(InboundXml.Account, reply.Element("FromUserName")!.Value);
        Assert.Equal("text", reply.Element("MsgType")!.Value);
        Assert.Equal("We open 9:00–18:00.", reply.Element("Content")!.Value);
    }

    [Theory]
    [InlineData("  HOURS ", "We open 9:00–18:00.")]                 // exact ignores case and spaces
    [InlineData("what is the Price of tea?", "See the price list in the menu.")]
    [InlineData("order #123456", "Looking up your order.")]
    [InlineData("order 12", "Thanks, we will get back to you.")]       // regex does not match: default
    [InlineData("anything else", "Thanks, we will get back to you.")]
    public async Task Text_is_matched_exactly_by_containment_or_by_pattern(string text, string expected)
    {
        var reply = await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), text));
        Assert.Equal(expected, reply!.Element("Content")!.Value);
    }

    [Fact]
    public async Task An_image_reply_carries_its_media_id()
    {
        var reply = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "logo"), PushMode.Safe))!;
        Assert.Equal("image", reply.Element("MsgType")!.Value);
        Assert.Equal("media-logo", reply.Element("Image")!.Element("MediaId")!.Value);
    }

    [Fact]
    public async Task A_voice_reply_carries_its_media_id()
    {
        var reply = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "voice")))!;
        Assert.Equal("voice", reply.Element("MsgType")!.Value);
        Assert.Equal("media-voice", reply.Element("Voice")!.Element("MediaId")!.Value);
    }

    [Fact]
    public async Task A_video_reply_carries_media_title_and_description()
    {
        var video = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "video")))!.Element("Video")!;
        Assert.Equal(["media-video", "Tour", "Our shop"], new[] { "MediaId", "Title", "Description" }.Select(n => video.Element(n)!.Value));
    }

    [Fact]
    public async Task A_music_reply_carries_its_urls_and_thumbnail()
    {
        var music = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "music"), PushMode.Compatible))!.Element("Music")!;
        Assert.Equal("media-thumb", music.Element("ThumbMediaId")!.Value);
        Assert.Equal("http://m.example/a.mp3", music.Element("MusicUrl")!.Value);
        Assert.Equal("http://m.example/a-hq.mp3", music.Element("HQMusicUrl")!.Value);
    }

    [Fact]
    public async Task A_news_reply_lists_its_article()
    {
        var reply = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "news")))!;
        Assert.Equal("1", reply.Element("ArticleCount")!.Value);
        var item = reply.Element("Articles")!.Element("item")!;
        Assert.Equal("Spring sale", item.Element("Title")!.Value);
        Assert.Equal("http://portal.example/a/1", item.Element("Url")!.Value);
    }

    [Fact]
    public async Task A_transfer_reply_hands_the_follower_to_customer_service()
    {
        var reply = (await SendAsync(InboundXml.Text(InboundXml.NewOpenId(), "human")))!;
        Assert.Equal("transfer_customer_service", reply.Element("MsgType")!.Value);
        Assert.Equal("alice@shop", reply.Element("TransInfo")!.Element("KfAccount")!.Value);
    }

    [Fact]
    public async Task A_plain_follow_gets_the_greeting_and_a_qr_follow_its_scenes_greeting()
    {
        var plain = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "subscribe"));
        var poster = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "subscribe", "qrscene_poster", "<Ticket><![CDATA[t1]]></Ticket>"), PushMode.Safe);
        var unknownScene = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "subscribe", "qrscene_elsewhere", "<Ticket><![CDATA[t2]]></Ticket>"));

        Assert.Equal("Welcome!", plain!.Element("Content")!.Value);
        Assert.Equal("Welcome, poster reader!", poster!.Element("Content")!.Value);
        Assert.Equal("Welcome!", unknownScene!.Element("Content")!.Value);
    }

    [Fact]
    public async Task A_follower_scanning_a_scene_again_gets_that_scenes_greeting_only()
    {
        var poster = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "SCAN", "poster", "<Ticket><![CDATA[t1]]></Ticket>"));
        var other = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "SCAN", "elsewhere", "<Ticket><![CDATA[t2]]></Ticket>"));

        Assert.Equal("Welcome, poster reader!", poster!.Element("Content")!.Value);
        Assert.Null(other);
    }

    [Fact]
    public async Task A_menu_click_gets_the_reply_mapped_to_its_key()
    {
        var mapped = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "CLICK", "MENU_HOURS"), PushMode.Safe);
        var unmapped = await SendAsync(InboundXml.Event(InboundXml.NewOpenId(), "CLICK", "MENU_NOTHING"));

        Assert.Equal("Open daily.", mapped!.Element("Content")!.Value);
        Assert.Null(unmapped);
    }

    [Theory]
    [InlineData("]]>", "<Content><![CDATA[]]]]><![CDATA[>]]></Content>")]
    [InlineData("a & b < c </xml>", "<Content><![CDATA[a & b < c </xml>]]></Content>")]
    [InlineData("🎉 你好", "<Content><![CDATA[🎉 你好]]></Content>")]
    public async Task A_reply_echoing_hostile_follower_text_stays_well_formed(string echoed, string contentXml)
    {
        // An operator rule that quotes the follower's words back is the classic way such text reaches a reply.
        var rules = app.Services.GetRequiredService<AutoReplyRuleStore>();
        var keyword = "echo-" + Guid.NewGuid().ToString("N")[..8];
        await rules.AddAsync(TestAccounts.DefaultId, new() { Name = keyword, Trigger = RuleTrigger.Exact, Pattern = keyword, Reply = new TextReply(echoed) });
        app.Services.GetRequiredService<AutoReplyRuleCache>().Invalidate(TestAccounts.DefaultId);

        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(InboundXml.NewOpenId(), keyword));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains(contentXml, body);
        Assert.Equal(echoed, XElement.Parse(body).Element("Content")!.Value);
    }

    /// <summary>
    /// The encrypted reply read with nothing of Portal's: the framework's one-shot SHA-1 for its MsgSignature and
    /// one-shot AES-256-CBC for its Encrypt value, then WeChat's layout (random 16 bytes, big-endian length, the
    /// XML, the AppId, padding to 32 bytes) taken apart by hand. The push helper reads replies with Portal's own
    /// <see cref="Portal.Core.WeChat.MessageCrypto"/>, which could agree with itself and still be wrong.
    /// </summary>
    [Fact]
    public async Task An_encrypted_reply_reads_back_with_the_frameworks_aes_and_sha1_alone()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, "hours"), PushMode.Safe);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        var encrypt = envelope.Element("Encrypt")!.Value;

        string[] parts = [PortalAppFactory.Token, envelope.Element("TimeStamp")!.Value, envelope.Element("Nonce")!.Value, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(parts))));
        Assert.Equal(signature, envelope.Element("MsgSignature")!.Value);

        var key = Convert.FromBase64String(PortalAppFactory.EncodingAesKey + "=");
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(encrypt), key[..16], System.Security.Cryptography.PaddingMode.None);
        var pad = plain[^1];
        Assert.InRange(pad, 1, 32);
        Assert.Equal(0, plain.Length % 32);
        Assert.All(plain[^pad..], b => Assert.Equal(pad, b));
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(16, 4));
        Assert.Equal(PortalAppFactory.AppId, System.Text.Encoding.UTF8.GetString(plain, 20 + length, plain.Length - pad - 20 - length));
        var reply = XElement.Parse(System.Text.Encoding.UTF8.GetString(plain, 20, length));
        Assert.Equal((openId, "text", "We open 9:00–18:00."), (reply.Element("ToUserName")!.Value, reply.Element("MsgType")!.Value, reply.Element("Content")!.Value));
    }
}
