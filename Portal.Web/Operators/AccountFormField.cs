using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portal.Web.Operators;

/// <summary>
/// Every post form of the admin carries the account it was shown for (<see cref="AdminAccountChoice.FormField"/>), so a
/// form sent after the operator switched accounts in another tab changes the account it showed, not the one
/// chosen since; <see cref="ChooseAdminAccount"/> checks that the operator may use it.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class AccountFormField : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var post = string.Equals(context.AllAttributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase);
        if (!post || ViewContext.HttpContext.AdminAccountOrNull() is not { } account)
            return;
        output.PostContent.AppendHtml(
            $"<input type=\"hidden\" name=\"{AdminAccountChoice.FormField}\" value=\"{account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}\">");
    }
}
