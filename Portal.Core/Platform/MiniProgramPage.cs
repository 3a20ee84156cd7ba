namespace Portal.Core.Platform;

/// <summary>
/// A mini-program card sent as a customer-service message: the mini-program must be linked to the account,
/// and the thumbnail is an uploaded image's media_id
/// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html).
/// </summary>
public sealed record MiniProgramPage(string Title, string AppId, string PagePath, string ThumbMediaId);
