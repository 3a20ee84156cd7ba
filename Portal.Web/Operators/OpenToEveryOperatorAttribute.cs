namespace Portal.Web.Operators;

/// <summary>
/// Marks an admin page whose POST any signed-in operator may send (sign-out, their own password). Every
/// other admin page refuses changes from viewers: see <see cref="RequireEditorToChange"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenToEveryOperatorAttribute : Attribute;
