using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Web.Pages.Admin;

/// <summary>
/// Range checks for numbers typed into admin forms. A value too large for its type does not bind (it
/// arrives as 0 with a model-state error), so "not a number", "too large" and "out of range" are one
/// case with one message naming the range.
/// </summary>
public static class FormNumbers
{
    public static bool InRange(this ModelStateDictionary state, string field, decimal value, decimal min, decimal max) =>
        state.GetFieldValidationState(field) != ModelValidationState.Invalid && value >= min && value <= max;

    /// <summary>For an optional field: empty is fine, anything typed must be in range.</summary>
    public static bool EmptyOrInRange(this ModelStateDictionary state, string field, decimal? value, decimal min, decimal max) =>
        state.GetFieldValidationState(field) != ModelValidationState.Invalid && (value is null || (value >= min && value <= max));

    /// <summary>An integer written with digits only and an optional sign, within the range, or null.</summary>
    public static long? Parse(string text, long min, long max) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value : null;
}
