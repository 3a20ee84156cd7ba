namespace Portal.Core.WeChat.Replies;

/// <summary>
/// Writes a <see cref="Reply"/> as the XML body of the webhook's response, in the official layout: strings in
/// CDATA, numbers bare.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
/// <remarks>
/// The output is well-formed whatever the strings hold: a <c>]]&gt;</c> is split across two CDATA sections and
/// characters XML 1.0 forbids (control characters other than tab, CR and LF; unpaired surrogates) are dropped,
/// because a malformed reply makes WeChat tell the follower the account cannot serve them.
/// </remarks>
public static class ReplyWriter
{
    private const int StackChars = 512;

    /// <param name="reply">What to send.</param>
    /// <param name="toUser">The follower's OpenID: the inbound message's <b>FromUserName</b>.</param>
    /// <param name="fromUser">The account's <c>gh_</c> id: the inbound message's <b>ToUserName</b>.</param>
    /// <param name="createTime">Unix seconds.</param>
    public static string Write(Reply reply, string toUser, string fromUser, long createTime)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentException.ThrowIfNullOrEmpty(toUser);
        ArgumentException.ThrowIfNullOrEmpty(fromUser);

        var xml = new ReplyXmlBuilder(stackalloc char[StackChars]);
        try
        {
            xml.Raw("<xml>");
            xml.TextElement("ToUserName", toUser);
            xml.TextElement("FromUserName", fromUser);
            xml.NumberElement("CreateTime", createTime);
            WriteBody(ref xml, reply);
            xml.Raw("</xml>");
            return xml.ToString();
        }
        finally
        {
            xml.Dispose();
        }
    }

    private static void WriteBody(ref ReplyXmlBuilder xml, Reply reply)
    {
        switch (reply)
        {
            case TextReply text:
                xml.TextElement("MsgType", "text");
                xml.TextElement("Content", text.Content);
                break;
            case ImageReply image:
                xml.TextElement("MsgType", "image");
                xml.Raw("<Image>");
                xml.TextElement("MediaId", image.MediaId);
                xml.Raw("</Image>");
                break;
            case VoiceReply voice:
                xml.TextElement("MsgType", "voice");
                xml.Raw("<Voice>");
                xml.TextElement("MediaId", voice.MediaId);
                xml.Raw("</Voice>");
                break;
            case VideoReply video:
                xml.TextElement("MsgType", "video");
                xml.Raw("<Video>");
                xml.TextElement("MediaId", video.MediaId);
                OptionalTextElement(ref xml, "Title", video.Title);
                OptionalTextElement(ref xml, "Description", video.Description);
                xml.Raw("</Video>");
                break;
            case MusicReply music:
                xml.TextElement("MsgType", "music");
                xml.Raw("<Music>");
                OptionalTextElement(ref xml, "Title", music.Title);
                OptionalTextElement(ref xml, "Description", music.Description);
                OptionalTextElement(ref xml, "MusicUrl", music.MusicUrl);
                OptionalTextElement(ref xml, "HQMusicUrl", music.HQMusicUrl);
                xml.TextElement("ThumbMediaId", music.ThumbMediaId);
                xml.Raw("</Music>");
                break;
            case NewsReply news:
                xml.TextElement("MsgType", "news");
                xml.NumberElement("ArticleCount", news.Articles.Count);
                xml.Raw("<Articles>");
                foreach (var article in news.Articles)
                {
                    xml.Raw("<item>");
                    xml.TextElement("Title", article.Title);
                    xml.TextElement("Description", article.Description);
                    xml.TextElement("PicUrl", article.PicUrl);
                    xml.TextElement("Url", article.Url);
                    xml.Raw("</item>");
                }

                xml.Raw("</Articles>");
                break;
            case TransferCustomerServiceReply transfer:
                xml.TextElement("MsgType", "transfer_customer_service");
                if (transfer.KfAccount is not null)
                {
                    xml.Raw("<TransInfo>");
                    xml.TextElement("KfAccount", transfer.KfAccount);
                    xml.Raw("</TransInfo>");
                }

                break;
            default:
                throw new ArgumentException($"Unsupported reply type {reply.GetType().Name}.", nameof(reply));
        }
    }

    private static void OptionalTextElement(ref ReplyXmlBuilder xml, string name, string? text)
    {
        if (text is not null)
        {
            xml.TextElement(name, text);
        }
    }
}
