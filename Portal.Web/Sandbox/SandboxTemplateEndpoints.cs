using System.Text.Json;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's template-message endpoints: sends are checked as the platform checks them and delivered to
/// the follower's chat as a card (template id, title, url and the rendered text).
/// </summary>
public static class SandboxTemplateEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTemplates(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPlatformEndpoints.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/message/template/send", Send);
        api.MapGet("/template/get_all_private_template", List);
        return endpoints;
    }

    private static IResult List(string? access_token, SandboxTokens tokens, SandboxTemplates templates)
    {
        var code = tokens.Check(access_token);
        if (code != 0)
            return SandboxAnswers.TokenRefused(code);
        return Results.Json(new
        {
            template_list = templates.All.Select(t => new
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

    private static IResult Send(string? access_token, JsonElement body, SandboxTokens tokens, SandboxTemplates templates, SandboxFollowers followers, SandboxInbox inbox)
    {
        var code = tokens.Check(access_token);
        if (code != 0)
            return SandboxAnswers.TokenRefused(code);
        if (body.ValueKind != JsonValueKind.Object
            || Text(body, "touser") is not { Length: > 0 } openId
            || Text(body, "template_id") is not { Length: > 0 } templateId)
            return SandboxAnswers.Error(47001, "data format error");
        if (templates.Find(templateId) is not { } template)
            return SandboxAnswers.Error(40037, "invalid template_id");
        if (followers.Find(openId) is not { Subscribed: true })
            return SandboxAnswers.Error(43004, "require subscribe");

        var (msgId, repeat) = templates.MsgIdFor(openId, Text(body, "client_msg_id"));
        if (repeat)
            return Results.Json(new { errcode = 0, errmsg = "ok", msgid = msgId });
        var card = JsonSerializer.SerializeToElement(new
        {
            template_id = template.TemplateId,
            title = template.Title,
            url = Text(body, "url"),
            miniprogram = body.TryGetProperty("miniprogram", out var mini) ? mini : (JsonElement?)null,
            text = SandboxTemplates.Render(template, body.TryGetProperty("data", out var data) ? data : default),
            msgid = msgId,
        });
        inbox.Deliver(openId, "template", card);
        return Results.Json(new { errcode = 0, errmsg = "ok", msgid = msgId });
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
