using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// The read-only admin for viewers, on every page at once: a viewer's POST is refused by
/// <see cref="RequireEditorToChange"/>, so each post form a viewer sees has its fields and buttons inside a
/// disabled fieldset (they can read the values, not type into a form that would only end on "Not allowed"),
/// and the layout says why. Pages open to every operator, and forms marked <c>open-to-viewers</c>, stay as they are.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class ReadOnlyForViewers : TagHelper
{
    private const string Marker = "portal:read-only";

    public const string Note = "You are signed in as a viewer: you can look at everything here, but changes need an editor or owner.";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>A form a viewer may send (sign-out).</summary>
    [HtmlAttributeName("open-to-viewers")]
    public bool OpenToViewers { get; set; }

    /// <summary>Whether the page being rendered made any form read-only, for the layout's note.</summary>
    public static bool MadeReadOnly(HttpContext http) => http.Items.ContainsKey(Marker);

    /// <summary>The one rule: viewers look, editors and owners change.</summary>
    public static bool CanChange(System.Security.Claims.ClaimsPrincipal user) =>
        user.OperatorRole() is OperatorRole.Editor or OperatorRole.Owner;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var post = string.Equals(context.AllAttributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase);
        var http = ViewContext.HttpContext;
        if (OpenToViewers || !post || http.User.OperatorRole() is not OperatorRole.Viewer || OpenPage())
            return;
        http.Items[Marker] = true;
        output.PreContent.AppendHtml("<fieldset disabled class=\"read-only\" title=\"Viewers cannot change this\">");
        output.PostContent.AppendHtml("</fieldset>");
    }

    private bool OpenPage() =>
        ViewContext.ActionDescriptor is CompiledPageActionDescriptor page
        && (page.ModelTypeInfo ?? page.PageTypeInfo)?.GetCustomAttribute<OpenToEveryOperatorAttribute>() is not null;
}
