using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Portal.Sandbox.Messaging;

/// <summary>
/// The XML the platform pushes for what a follower does on the phone page, field for field as in the
/// platform's message and event documentation.
/// </summary>
public sealed class SandboxPushes(TimeProvider time)
{
    public XElement Text(string account, string openId, string content) =>
        Message(account, openId, "text", new XElement("Content", content), new XElement("MsgId", NewMsgId()));

    /// <summary>A follow; through a QR code the key is <c>qrscene_</c> + the scene and the ticket is added.</summary>
    public XElement Subscribe(string account, string openId, string? qrScene, string? ticket) => qrScene is null
        ? Event(account, openId, "subscribe")
        : Event(account, openId, "subscribe", new XElement("EventKey", "qrscene_" + qrScene), new XElement("Ticket", ticket ?? ""));

    public XElement Unsubscribe(string account, string openId) => Event(account, openId, "unsubscribe");

    /// <summary>A follower who already follows scans a parametric QR code.</summary>
    public XElement Scan(string account, string openId, string scene, string? ticket) =>
        Event(account, openId, "SCAN", new XElement("EventKey", scene), new XElement("Ticket", ticket ?? ""));

    public XElement Click(string account, string openId, string key) =>
        Event(account, openId, "CLICK", new XElement("EventKey", key));

    public XElement View(string account, string openId, string url) =>
        Event(account, openId, "VIEW", new XElement("EventKey", url));

    private XElement Event(string account, string openId, string name, params object[] fields) =>
        Message(account, openId, "event", [new XElement("Event", name), .. fields]);

    private XElement Message(string account, string openId, string type, params object[] fields) =>
        new("xml",
            new XElement("ToUserName", account),
            new XElement("FromUserName", openId),
            new XElement("CreateTime", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new XElement("MsgType", type),
            fields);

    private static string NewMsgId() =>
        RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
}
