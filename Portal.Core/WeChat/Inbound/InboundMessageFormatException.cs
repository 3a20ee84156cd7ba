namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The body is not a WeChat message: not well-formed XML, a DTD, a root other than <c>&lt;xml&gt;</c>, a missing
/// common field or a field that should be a number and is not. The webhook maps it to HTTP 400.
/// An unrecognised MsgType or Event is not an error; it becomes an <see cref="UnknownMessage"/>.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed class InboundMessageFormatException : FormatException
{
    public InboundMessageFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
