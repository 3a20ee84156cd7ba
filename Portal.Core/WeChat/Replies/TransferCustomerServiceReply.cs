namespace Portal.Core.WeChat.Replies;

/// <summary>
/// Hands the follower's message to the customer-service desk instead of answering it, optionally to one agent.
/// See https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Forwarding_of_messages_to_service_center.html
/// </summary>
/// <param name="KfAccount">The agent, as <c>name@account</c>; null lets the desk choose.</param>
public sealed record TransferCustomerServiceReply(string? KfAccount = null) : Reply;
