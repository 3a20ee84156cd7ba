using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Templates;

/// <summary>
/// The templates each sandbox account has added, suited to what Portal sends (points, coupons, orders),
/// in the platform's format: <c>{{keyword1.DATA}}</c> placeholders filled from the send's <c>data</c>.
/// </summary>
public sealed partial class SandboxTemplates
{
    public const string PointsChanged = "PortalPointsChanged0000000000000000000000001";
    public const string CouponExpiring = "PortalCouponExpiring000000000000000000000002";
    public const string OrderPaid = "PortalOrderPaid0000000000000000000000000003";
    public const string OrderShipped = "PortalOrderShipped00000000000000000000000004";

    private readonly IReadOnlyList<SandboxTemplate> _all =
    [
        new(PointsChanged, "积分变动提醒",
            "{{first.DATA}}\n变动积分：{{keyword1.DATA}}\n当前积分：{{keyword2.DATA}}\n变动原因：{{keyword3.DATA}}\n{{remark.DATA}}",
            "您的积分有变动\n变动积分：+20\n当前积分：320\n变动原因：消费送积分\n感谢您的支持"),
        new(CouponExpiring, "优惠券过期提醒",
            "{{first.DATA}}\n优惠券：{{keyword1.DATA}}\n到期时间：{{keyword2.DATA}}\n{{remark.DATA}}",
            "您有一张优惠券即将过期\n优惠券：满100减20\n到期时间：2026-12-31\n别忘了使用哦"),
        new(OrderPaid, "订单支付成功通知",
            "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n支付金额：{{keyword2.DATA}}\n支付时间：{{keyword3.DATA}}\n{{remark.DATA}}",
            "您的订单已支付\n订单号：P20261201001\n支付金额：¥58.00\n支付时间：2026-12-01 10:00\n我们会尽快发货"),
        new(OrderShipped, "订单发货提醒",
            "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n快递公司：{{keyword2.DATA}}\n快递单号：{{keyword3.DATA}}\n{{remark.DATA}}",
            "您的订单已发货\n订单号：P20261201001\n快递公司：顺丰速运\n快递单号：SF1234567890\n请留意查收"),
    ];

    private readonly ConcurrentDictionary<string, long> _sentByClientMsgId = new(StringComparer.Ordinal);
    private readonly SandboxMemory? _state;
    private long _lastMsgId = 1_000_000;

    /// <param name="state">
    /// Where the sends are kept between runs, so a msgid is never handed out twice and a repeated
    /// client_msg_id is still known after a restart.
    /// </param>
    public SandboxTemplates(SandboxMemory? state = null)
    {
        _state = state;
        if (state?.Keep("templateSends", Snapshot) is { } saved)
        {
            _lastMsgId = saved.LastMsgId;
            foreach (var (key, msgId) in saved.ByClientMsgId)
                _sentByClientMsgId[key] = msgId;
        }
    }

    public IReadOnlyList<SandboxTemplate> All => _all;

    /// <summary>
    /// The msgid of a send. The platform sends one message per follower and client_msg_id; a repeat gets
    /// the first send's msgid and is not delivered again.
    /// </summary>
    public (long MsgId, bool Repeat) MsgIdFor(string openId, string? clientMsgId)
    {
        _state?.Changed();
        if (string.IsNullOrEmpty(clientMsgId))
            return (Interlocked.Increment(ref _lastMsgId), false);
        var fresh = false;
        var msgId = _sentByClientMsgId.GetOrAdd(openId + "|" + clientMsgId, _ =>
        {
            fresh = true;
            return Interlocked.Increment(ref _lastMsgId);
        });
        return (msgId, !fresh);
    }

    private SavedSends Snapshot() => new(Interlocked.Read(ref _lastMsgId), new(_sentByClientMsgId, StringComparer.Ordinal));

    /// <summary>The sends as the data folder keeps them: the last msgid and each follower's client_msg_id.</summary>
    private sealed record SavedSends(long LastMsgId, Dictionary<string, long> ByClientMsgId);

    public SandboxTemplate? Find(string? templateId) => _all.FirstOrDefault(t => t.TemplateId == templateId);

    /// <summary>
    /// The text a follower sees: each <c>{{key.DATA}}</c> replaced by <c>data.key.value</c>. A key the send
    /// left out shows as empty, as on the platform; lines left empty are dropped.
    /// </summary>
    public static string Render(SandboxTemplate template, JsonElement data)
    {
        var text = Placeholder().Replace(template.Content, m =>
            data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(m.Groups[1].Value, out var field)
            && field.ValueKind == JsonValueKind.Object
            && field.TryGetProperty("value", out var value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : "");
        var lines = text.Split('\n').Where(l => l.Trim().Length > 0);
        return new StringBuilder().AppendJoin('\n', lines).ToString();
    }

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\.DATA\}\}")]
    private static partial Regex Placeholder();
}

/// <summary>One template of the sandbox account.</summary>
public sealed record SandboxTemplate(string TemplateId, string Title, string Content, string Example)
{
    public string PrimaryIndustry => "IT科技";
    public string DeputyIndustry => "互联网|电子商务";
}
