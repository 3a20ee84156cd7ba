namespace Portal.Core.WeChat.Replies;

/// <summary>
/// One article card of a <see cref="NewsReply"/>.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
/// <param name="Title">The card's title.</param>
/// <param name="Description">The card's summary.</param>
/// <param name="PicUrl">Cover image URL (JPG or PNG; 360×200 for the first card, 200×200 for the rest).</param>
/// <param name="Url">Where a tap on the card goes.</param>
public sealed record NewsArticle(string Title, string Description, string PicUrl, string Url);
