namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A voice message (MsgType <c>voice</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record VoiceMessage : StandardMessage
{
    public required string MediaId { get; init; }

    /// <summary>The audio format, for example <c>amr</c> or <c>speex</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The recognised text; present only when speech recognition is switched on for the account.</summary>
    public string? Recognition { get; init; }

    /// <summary>Media id of a 16 kHz version, sent by newer clients; otherwise null.</summary>
    public string? MediaId16K { get; init; }

    public override MessageKind Kind => MessageKind.Voice;
}
