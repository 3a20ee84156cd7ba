using System.Text.Json;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Templates;

/// <summary>
/// The sandbox's template-message endpoints: sends are checked as the platform checks them and delivered to
/// the follower's chat as a card, for the token's account (template id, title, url and the rendered text).
/// </summary>
public static class SandboxTemplateEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTemplates(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/message/template/send", Send);
        api.MapGet("/template/get_all_private_template", List);
        return endpoints;
    }

    private static IResult List(string? access_token, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        return Json(new
        {
            template_list = account.Templates.All.Select(t => new
            {
                template_id = t.TemplateId,
                title = t.Title,
                primary_industry = t.PrimaryIndustry,
                deputy_industry = t.DeputyIndustry,
                content = t.Content,
                example = t.Example,
            }),
        });
    }

    private static IResult Send(string? access_token, JsonElement body, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        if (body.ValueKind != JsonValueKind.Object
            || Text(body, "touser") is not { Length: > 0 } openId
            || Text(body, "template_id") is not { Length: > 0 } templateId)
            return Error(PlatformErrors.DataFormat, "data format error");
        if (account.Templates.Find(templateId) is not { } template)
            return Error(PlatformErrors.InvalidTemplateId, "invalid template_id");
        if (account.Followers.Find(openId) is not { Subscribed: true })
            return Error(PlatformErrors.RequireSubscribe, "require subscribe");

        var (msgId, repeat) = account.Templates.MsgIdFor(openId, Text(body, "client_msg_id"));
        if (repeat)
            return Json(new { errcode = 0, errmsg = "ok", msgid = msgId });
        var card = JsonSerializer.SerializeToElement(new
        {
            template_id = template.TemplateId,
            title = template.Title,
            url = Text(body, "url"),
            miniprogram = body.TryGetProperty("miniprogram", out var mini) ? mini : (JsonElement?)null,
            text = SandboxTemplates.Render(template, body.TryGetProperty("data", out var data) ? data : default),
            msgid = msgId,
        });
        account.Inbox.Deliver(openId, "template", card);
        return Json(new { errcode = 0, errmsg = "ok", msgid = msgId });
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
