using Portal.Core.Accounts;
using Portal.Core.WeChat;

namespace Portal.Web.Messaging;

/// <summary>One account as its webhook URL checks it: the token that signs its pushes and, in AES mode, its cipher.</summary>
internal sealed record WebhookAccount(WeChatAccount Account, MessageCrypto? Crypto);
