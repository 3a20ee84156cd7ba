using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// Commands run instead of the server: <c>dotnet run --project Portal.Web -- create-owner &lt;name&gt;</c>
/// creates an owner, with the password from the PORTAL_OWNER_PASSWORD environment variable or, if that is
/// not set, the first line of standard input. Useful for the first owner on a server nobody browses to
/// yet, and to get back in when every owner has forgotten their password.
/// </summary>
public static class OperatorCommands
{
    public const string CreateOwner = "create-owner";
    public const string PasswordVariable = "PORTAL_OWNER_PASSWORD";

    /// <summary>True when <paramref name="args"/> named a command, which has then run; the caller should exit.</summary>
    public static async Task<bool> RunOperatorCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != CreateOwner)
            return false;
        Environment.ExitCode = await CreateOwnerAsync(app.Services, args.Skip(1).FirstOrDefault(), Console.In, Console.Out, Console.Error);
        return true;
    }

    public static async Task<int> CreateOwnerAsync(IServiceProvider services, string? name, TextReader input, TextWriter output, TextWriter error)
    {
        if (OperatorNames.Problem(name) is { } nameProblem)
        {
            await error.WriteLineAsync($"usage: {CreateOwner} <name>   (password from {PasswordVariable} or standard input)\n{nameProblem}");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected && ReferenceEquals(input, Console.In))
            {
                await output.WriteAsync($"Password for {name} (not shown): ");
                password = ReadWithoutEcho();
                await output.WriteLineAsync();
            }
            else
            {
                password = await input.ReadLineAsync();
            }
        }
        if (OperatorPasswordRules.Problem(password, name) is { } passwordProblem)
        {
            await error.WriteLineAsync(passwordProblem);
            return 2;
        }
        var accounts = services.GetRequiredService<OperatorAccounts>();
        var created = await accounts.CreateAsync(AuditActor.Command(CreateOwner), name!, OperatorRole.Owner, password!);
        if (created is null)
        {
            await error.WriteLineAsync($"An operator named {OperatorNames.Normalize(name!)} already exists. Choose another name.");
            return 1;
        }
        await output.WriteLineAsync($"Created owner {created.Name}. Sign in at /admin/signin.");
        return 0;
    }

    // Typed at a terminal, a password should not stay on the screen or in its scroll-back.
    private static string ReadWithoutEcho()
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                return typed.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                    typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
